package aelab.linearae;

/**
 * Second-order classification of a point of the linear-autoencoder loss, from the spectrum of the Hessian with
 * respect to \((W_e, W_d)\), after setting aside the \(k^2\) zero eigenvalues that the invariance
 * \((W_e, W_d)\mapsto(TW_e, W_dT^{-1})\), \(T\in GL(k)\), always produces at a stationary point.
 * The second-order test: at a point with \(\nabla L = 0\), \(\nabla^2 L \succ 0\) on the complement of the
 * invariance directions ⇒ strict local minimum (modulo GL(k)); an indefinite Hessian ⇒ saddle (Nocedal &amp; Wright,
 * Numerical Optimization, 2006, §2.1, Theorems 2.3–2.4); for this loss every critical point other than the top-k
 * eigenvector subspace is a saddle (Baldi &amp; Hornik 1989). See {@link LinearAutoencoderAnalysis#classify}.
 */
public enum StationaryPointType {
    /** Gradient ≈ 0, no negative Hessian eigenvalue, exactly k² (near-)zero ones: a strict local minimum modulo GL(k). */
    MINIMUM,
    /** Gradient ≈ 0 and the Hessian has eigenvalues of both signs. */
    SADDLE,
    /** Gradient ≈ 0, no positive eigenvalue, exactly k² zero ones (never happens for this loss; listed for completeness). */
    MAXIMUM,
    /** Gradient ≈ 0, one-signed spectrum but more than k² zero eigenvalues: the second-order test is inconclusive. */
    DEGENERATE,
    /** The gradient is not ≈ 0: not a stationary point. */
    NOT_STATIONARY
}
