package aelab.optim;

import aelab.core.Require;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * An ordered, fixed collection of distinct {@link ParameterBlock}s with unique names: everything an optimizer
 * updates for one model. The collection is immutable; the blocks' values are live.
 */
public final class Parameters implements Iterable<ParameterBlock> {
    private final List<ParameterBlock> blocks;

    private Parameters(List<ParameterBlock> blocks) {
        this.blocks = blocks;
    }

    /** A collection of the given blocks, in order. Rejects null, duplicate blocks and duplicate names. */
    public static Parameters of(List<ParameterBlock> blocks) {
        Require.notNull("blocks", blocks);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            ParameterBlock b = Require.notNull("blocks[" + i + "]", blocks.get(i));
            if (!names.add(b.name())) {
                throw new IllegalArgumentException("blocks must have unique names, got \"" + b.name() + "\" twice");
            }
        }
        return new Parameters(List.copyOf(blocks));
    }

    /** A collection of the given blocks, in order. */
    public static Parameters of(ParameterBlock... blocks) {
        Require.notNull("blocks", blocks);
        return of(Arrays.asList(blocks));
    }

    /** Number of blocks. */
    public int size() {
        return blocks.size();
    }

    /** Block {@code i} (0-based). */
    public ParameterBlock get(int i) {
        Require.inRange("block index", i, 0, blocks.size() - 1);
        return blocks.get(i);
    }

    /** The block with the given name; throws if there is none. */
    public ParameterBlock get(String name) {
        for (ParameterBlock b : blocks) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("name must be one of " + names() + ", got \"" + name + "\"");
    }

    /** Index of {@code block} (by identity), or -1. */
    public int indexOf(ParameterBlock block) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) == block) {
                return i;
            }
        }
        return -1;
    }

    /** Block names in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(blocks.size());
        for (ParameterBlock b : blocks) {
            names.add(b.name());
        }
        return names;
    }

    /** The blocks in order (unmodifiable). */
    public List<ParameterBlock> asList() {
        return blocks;
    }

    /** Total number of scalars over all blocks. */
    public long count() {
        long n = 0;
        for (ParameterBlock b : blocks) {
            n += b.size();
        }
        return n;
    }

    /** Deep copies of the current values, in block order. */
    public List<DMatrixRMaj> snapshot() {
        List<DMatrixRMaj> copies = new ArrayList<>(blocks.size());
        for (ParameterBlock b : blocks) {
            copies.add(b.value().copy());
        }
        return copies;
    }

    /**
     * Overwrites the values with a {@link #snapshot()} (shapes must match, entries finite; nothing is changed when a
     * matrix is rejected). values: Not modified.
     */
    public void restore(List<DMatrixRMaj> values) {
        Require.notNull("values", values);
        if (values.size() != blocks.size()) {
            throw new IllegalArgumentException("values must have " + blocks.size() + " matrices, got " + values.size());
        }
        for (int i = 0; i < blocks.size(); i++) {
            DMatrixRMaj target = blocks.get(i).value();
            Require.shape("values[" + i + "]", values.get(i), target.numRows, target.numCols);
            Require.finite("values[" + i + "]", values.get(i));
        }
        for (int i = 0; i < blocks.size(); i++) {
            DMatrixRMaj target = blocks.get(i).value();
            target.setTo(values.get(i));
        }
    }

    /** Whether a[from..to) are all finite. a: Not modified. */
    static boolean allFinite(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a[from..to) are all finite: the float twin of {@link #allFinite(double[], int, int)},
     * {@link aelab.linalg.FloatMath#allFinite} (on vectors once they are compiled). a: Not modified.
     */
    public static boolean allFinite(float[] a, int from, int to) {
        return aelab.linalg.FloatMath.allFinite(a, from, to);
    }

    /** Requires one array per block of {@code parameters}, each at least as long as its block. */
    static void requireBuffersFor(String name, double[][] buffers, Parameters parameters) {
        requireArraysFor(name, buffers, parameters);
    }

    /** The float twin of {@link #requireBuffersFor(String, double[][], Parameters)}. */
    static void requireBuffersFor(String name, float[][] buffers, Parameters parameters) {
        requireArraysFor(name, buffers, parameters);
    }

    /** buffers: an array of double[] or float[], one per block, each at least as long as its block. */
    private static void requireArraysFor(String name, Object[] buffers, Parameters parameters) {
        Require.notNull(name, buffers);
        if (buffers.length != parameters.size()) {
            throw new IllegalArgumentException(name + " must have one array per parameter block (" + parameters.size()
                    + "), got " + buffers.length);
        }
        for (int b = 0; b < buffers.length; b++) {
            int size = parameters.get(b).size();
            int length = buffers[b] == null ? -1 : Array.getLength(buffers[b]);
            if (length < size) {
                throw new IllegalArgumentException(name + "[" + b + "] must have at least " + size + " entries (block "
                        + parameters.get(b).name() + "), got " + (length < 0 ? "null" : length));
            }
        }
    }

    @Override
    public Iterator<ParameterBlock> iterator() {
        return blocks.iterator();
    }

    @Override
    public String toString() {
        return "Parameters" + blocks + " (" + count() + " scalars)";
    }
}
