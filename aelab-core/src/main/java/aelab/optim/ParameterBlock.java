package aelab.optim;

import aelab.core.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * One named, trainable matrix (a weight matrix or a 1×n bias row). The block holds the live value: optimizers
 * update {@link #value()} in place, layers read it. Identity matters: a {@link Gradients} entry is found by the
 * block object, not by its name.
 */
public final class ParameterBlock {
    private final String name;
    private final DMatrixRMaj value;

    /**
     * @param name  a name unique within a model, e.g. {@code "encoder.0.weight"}. Not modified.
     * @param value the live value, not copied (the block owns it from now on). Must be finite.
     */
    public ParameterBlock(String name, DMatrixRMaj value) {
        Require.notNull("name", name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got \"" + name + "\"");
        }
        Require.finite(name, value);
        this.name = name;
        this.value = value;
    }

    /** The block's name. */
    public String name() {
        return name;
    }

    /** The live value (modified by optimizers). */
    public DMatrixRMaj value() {
        return value;
    }

    /** Number of rows of the value. */
    public int rows() {
        return value.numRows;
    }

    /** Number of columns of the value. */
    public int cols() {
        return value.numCols;
    }

    /** Number of scalars, rows·cols. */
    public int size() {
        return value.getNumElements();
    }

    @Override
    public String toString() {
        return name + " " + Require.shapeOf(value);
    }
}
