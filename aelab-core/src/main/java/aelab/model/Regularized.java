package aelab.model;

import org.ejml.data.DMatrixRMaj;

/**
 * An autoencoder trained on \(L = \text{reconstruction} + P\) with a penalty \(P\) of weight \(\lambda\) (Goodfellow,
 * Bengio &amp; Courville, <i>Deep Learning</i>, §14.2: sparse and contractive autoencoders). {@link #penalty} is the
 * same number that training reports as metric {@code "penalty"}, λ included; it is 0 when {@link #weight()} is 0.
 */
public interface Regularized extends Autoencoder {
    /** The penalty P of a batch (λ included). x: n×d, n ≥ 1, finite. Not modified. */
    double penalty(DMatrixRMaj x);

    /** The weight λ ≥ 0 of the penalty. */
    double weight();
}
