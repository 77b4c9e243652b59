package aelab.gaussian;

import java.util.random.RandomGenerator;

import aelab.core.Require;
import aelab.core.Rng;
import org.ejml.data.DMatrixRMaj;

/**
 * A multivariate normal distribution \(\mathcal N(\mu, \Sigma)\) on \(\mathbb R^d\) with reparameterized sampling
 * \(z = \mu + A\varepsilon\), \(\varepsilon \sim \mathcal N(0, I)\), \(AA^\top = \Sigma\).
 * Implemented by {@link DiagonalGaussian} (\(A = \mathrm{diag}(\sigma)\)) and {@link FullGaussian}
 * (\(A = L\), the Cholesky factor). Sources: Bishop, PRML §2.3 (eq. 2.43) for the density; Kingma &amp; Welling
 * (2014), "Auto-Encoding Variational Bayes", §2.4 for the reparameterization.
 */
public sealed interface Gaussian permits DiagonalGaussian, FullGaussian {

    /** The dimension d. */
    int dimension();

    /** A copy of the mean μ. */
    double[] mean();

    /** \(\log \mathcal N(z; \mu, \Sigma)\). z: Not modified, length d. */
    double logDensity(double[] z);

    /** The differential entropy \(\tfrac12\log\det(2\pi e\,\Sigma)\) in nats. */
    double entropy();

    /** \(z = \mu + A\varepsilon\) for an explicit ε (Not modified, length d). */
    double[] sampleWith(double[] eps);

    /** One reparameterized draw: d standard normals from {@code rng}, then {@link #sampleWith(double[])}. */
    default double[] sample(RandomGenerator rng) {
        Require.notNull("rng", rng);
        return sampleWith(Rng.standardNormal(new double[dimension()], rng));
    }

    /**
     * n draws as the rows of an n×d matrix; row i equals the i-th of n successive {@link #sample(RandomGenerator)}
     * calls on the same generator.
     */
    default DMatrixRMaj sample(int n, RandomGenerator rng) {
        Require.notNull("rng", rng);
        Require.positive("n", n);
        int d = dimension();
        Require.matrixSize("n x dimension (the sample matrix)", n, d);
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        for (int r = 0; r < n; r++) {
            System.arraycopy(sample(rng), 0, out.data, r * d, d);
        }
        return out;
    }
}
