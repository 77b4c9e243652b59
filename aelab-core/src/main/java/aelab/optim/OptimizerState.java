package aelab.optim;

/** Per-block state buffers bound to one {@link Parameters} collection (shared by the optimizers). */
final class OptimizerState {
    private Parameters owner;
    private double[][][] buffers;
    private long steps;

    /** Binds to {@code parameters} on the first call (allocating {@code count} buffers per block) and checks after. */
    void bind(Parameters parameters, Gradients gradients, int count) {
        if (parameters == null || gradients == null) {
            throw new IllegalArgumentException("parameters and gradients must not be null, got " + parameters + " and "
                    + gradients);
        }
        gradients.requireFor(parameters);
        if (owner == null) {
            owner = parameters;
            buffers = new double[count][parameters.size()][];
            for (int k = 0; k < count; k++) {
                for (int b = 0; b < parameters.size(); b++) {
                    buffers[k][b] = new double[parameters.get(b).size()];
                }
            }
        } else if (owner != parameters) {
            throw new IllegalArgumentException("parameters must be the collection this optimizer was first stepped with "
                    + owner.names() + ", got " + parameters.names() + "; use copy() for another model");
        }
        steps++;
    }

    double[] buffer(int kind, int block) {
        return buffers[kind][block];
    }

    long steps() {
        return steps;
    }
}
