package aelab.elbo;

/**
 * The one ELBO result type of the library: the estimators of {@link Elbo} and {@code aelab.model.Vae#elbo} (see {@link Elbo}: Kingma &amp; Welling 2014, eq. 6–7; Burda et al. 2016, eq. 8).
 *
 * @param value          the estimate: reconstruction − β·kl for {@link Elbo#analyticKl} and {@link Elbo#monteCarlo};
 *                       the IWAE bound for {@link Elbo#iwae}
 * @param reconstruction \(\frac1L\sum_l\log p(x\mid z_l)\); {@code NaN} for IWAE (not separable)
 * @param kl             KL(q ‖ N(0, I)): exact for {@link Elbo#analyticKl}, the Monte Carlo average
 *                       \(\frac1L\sum_l[\log q(z_l)-\log p(z_l)]\) for {@link Elbo#monteCarlo}; {@code NaN} for IWAE
 * @param standardError  the CLT standard error of {@code value} from the L per-sample terms; {@code NaN} for IWAE (one
 *                       K-sample draw) and for L = 1
 * @param samples        L (or K)
 */
public record ElboEstimate(double value, double reconstruction, double kl, double standardError, int samples) {
}
