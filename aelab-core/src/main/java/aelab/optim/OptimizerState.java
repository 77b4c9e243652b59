package aelab.optim;

import aelab.core.Require;

/**
 * Per-block state buffers bound to one {@link Parameters} collection (shared by the optimizers): double buffers for
 * the double step, float buffers for the float-storage step, each allocated on the first step of its kind. The step
 * count is shared (one step either way); the two kinds of buffers are not converted into each other, so a run keeps
 * to one kind of step.
 */
final class OptimizerState {
    private Parameters owner;
    private double[][][] buffers;
    private float[][][] floatBuffers;
    private long steps;

    /** Binds to {@code parameters} on the first call (allocating {@code count} buffers per block) and checks after. */
    void bind(Parameters parameters, Gradients gradients, int count) {
        if (parameters == null || gradients == null) {
            throw new IllegalArgumentException("parameters and gradients must not be null, got " + parameters + " and "
                    + gradients);
        }
        gradients.requireFor(parameters);
        requireOwner(parameters);
        if (buffers == null) {
            buffers = new double[count][parameters.size()][];
            for (int k = 0; k < count; k++) {
                for (int b = 0; b < parameters.size(); b++) {
                    buffers[k][b] = new double[parameters.get(b).size()];
                }
            }
        }
        steps++;
    }

    /**
     * The float-storage twin of {@link #bind}: binds to {@code parameters} on the first step (of either kind),
     * allocates {@code count} float buffers per block on the first float step, counts the step.
     */
    void bindFloat(Parameters parameters, int count) {
        Require.notNull("parameters", parameters);
        requireOwner(parameters);
        if (floatBuffers == null) { // float twin of the allocation in bind
            floatBuffers = new float[count][parameters.size()][];
            for (int k = 0; k < count; k++) {
                for (int b = 0; b < parameters.size(); b++) {
                    floatBuffers[k][b] = new float[parameters.get(b).size()];
                }
            }
        }
        steps++;
    }

    private void requireOwner(Parameters parameters) {
        if (owner == null) {
            owner = parameters;
        } else if (owner != parameters) {
            throw new IllegalArgumentException("parameters must be the collection this optimizer was first stepped with "
                    + owner.names() + ", got " + parameters.names() + "; use copy() for another model");
        }
    }

    double[] buffer(int kind, int block) {
        return buffers[kind][block];
    }

    float[] floatBuffer(int kind, int block) {
        return floatBuffers[kind][block];
    }

    long steps() {
        return steps;
    }
}
