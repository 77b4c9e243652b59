package aelab.loss;

import aelab.core.Require;

/**
 * How a per-element loss \(\ell_{ij}\) over a batch of n samples (rows) with D elements each (columns) is reduced
 * to one number. Naming it explicitly matters: the three choices differ by factors of n and D, the classic source of
 * "my loss is 784 times too large" and of a wrongly scaled KL term in a VAE.
 *
 * <ul>
 *   <li>{@link #SUM}: \(\sum_{i=1}^n\sum_{j=1}^D \ell_{ij}\) — the negative log-likelihood of the whole batch.</li>
 *   <li>{@link #MEAN_PER_SAMPLE}: \(\frac1n\sum_{i=1}^n\sum_{j=1}^D \ell_{ij}\) — the per-sample loss that sits next
 *       to the per-sample KL in the ELBO (Kingma &amp; Welling 2014, eq. 10).</li>
 *   <li>{@link #MEAN_PER_ELEMENT}: \(\frac1{nD}\sum_{i=1}^n\sum_{j=1}^D \ell_{ij}\) — PyTorch's default
 *       {@code reduction='mean'} for {@code MSELoss} and {@code BCELoss}.</li>
 * </ul>
 */
public enum Reduction {
    /** \(\sum_{i,j}\ell_{ij}\). */
    SUM,
    /** \(\frac1n\sum_{i,j}\ell_{ij}\) (n = number of samples/rows). */
    MEAN_PER_SAMPLE,
    /** \(\frac1{nD}\sum_{i,j}\ell_{ij}\) (nD = number of elements). */
    MEAN_PER_ELEMENT;

    /** Applies this reduction to {@code sum} = \(\sum_{i,j}\ell_{ij}\) over {@code samples} rows of {@code elementsPerSample}. */
    public double reduce(double sum, int samples, int elementsPerSample) {
        Require.positive("samples", samples);
        Require.positive("elementsPerSample", elementsPerSample);
        switch (this) {
            case SUM:
                return sum;
            case MEAN_PER_SAMPLE:
                return sum / samples;
            case MEAN_PER_ELEMENT:
                return sum / ((double) samples * elementsPerSample);
            default:
                throw new AssertionError(this);
        }
    }
}
