package aelab.data;

import aelab.core.Require;
import aelab.core.Rng;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Synthetic data with known ground truth, for checking PCA, linear autoencoders, denoising and manifold pictures.
 * Every generator takes a {@link RandomGenerator} (or a seed, via {@link Rng#seeded(long)}); the same seed gives
 * bit-identical data.
 *
 * <ul>
 *   <li>{@link #gaussianWithSubspace}: the probabilistic-PCA model (Tipping and Bishop 1999, J. R. Stat. Soc. B 61,
 *       eq. 2–3): \(x = U\,\mathrm{diag}(\sqrt{s})\,z + \sigma\varepsilon\), \(z \sim N(0, I_k)\),
 *       \(\varepsilon \sim N(0, I_d)\), so \(x \sim N(0, \Sigma)\) with \(\Sigma = U \mathrm{diag}(s) U^\top +
 *       \sigma^2 I_d\); the principal \(k\)-subspace is the span of the orthonormal columns of \(U\).</li>
 *   <li>{@link #twoClusterScalar}: \(x \in \{-2, +2\}\) with probability 1/2 each (the denoising worked example),
 *       with {@link #addGaussianNoise} giving \(\tilde x = x + \sigma\varepsilon\).</li>
 *   <li>{@link #noisyCircle}, {@link #noisyHelix}, {@link #swissRoll}: points near 1-D and 2-D manifolds with
 *       their intrinsic coordinate.</li>
 *   <li>{@link #gaussianBlobs}: images of a blob at a known (x, y) grid position, the two generative factors
 *       (for disentanglement scores).</li>
 *   <li>{@link #bernoulliPixels}: i.i.d. Bernoulli(\(p\)) pixels (the benchmark's "mnist-synthetic", 60000 x 784,
 *       \(p = 0.13\)).</li>
 * </ul>
 */
public final class SyntheticData {
    /** Number of colour classes {@link ManifoldSample#data()} labels the intrinsic coordinate with. */
    public static final int COORDINATE_BINS = 10;

    private SyntheticData() {
    }

    /**
     * A sample from the probabilistic-PCA model together with the truth it was drawn from.
     *
     * @param data            the {@code n x d} sample, unlabelled
     * @param basis           {@code d x k} with orthonormal columns spanning the principal subspace, columns in the
     *                        order of {@code signalVariances}
     * @param covariance      the true covariance \(\Sigma = U \mathrm{diag}(s) U^\top + \sigma^2 I_d\), {@code d x d}
     * @param signalVariances the \(k\) variances \(s\) along the basis directions (on top of the noise)
     * @param noiseVariance   the isotropic noise variance \(\sigma^2\)
     */
    public record SubspaceSample(Dataset data, DMatrixRMaj basis, DMatrixRMaj covariance, double[] signalVariances,
            double noiseVariance) {
        /** Rejects null components; copies the matrices and the array. */
        public SubspaceSample {
            Require.notNull("data", data);
            Require.notNull("basis", basis);
            Require.notNull("covariance", covariance);
            Require.notNull("signalVariances", signalVariances);
            basis = basis.copy();
            covariance = covariance.copy();
            signalVariances = signalVariances.clone();
        }

        /** A copy of the basis. */
        @Override
        public DMatrixRMaj basis() {
            return basis.copy();
        }

        /** A copy of the covariance. */
        @Override
        public DMatrixRMaj covariance() {
            return covariance.copy();
        }

        /** A copy of the signal variances. */
        @Override
        public double[] signalVariances() {
            return signalVariances.clone();
        }
    }

    /**
     * Points near a manifold with their intrinsic coordinate.
     *
     * @param data       the points, labelled with the coordinate cut into {@link #COORDINATE_BINS} equal-width bins
     *                   (label 0 = smallest coordinate), so label-coloured scatter plots show the coordinate
     * @param coordinate the intrinsic coordinate of each point (angle, or position along the curve/roll)
     */
    public record ManifoldSample(Dataset data, double[] coordinate) {
        /** Requires one coordinate per row of data; copies the coordinate array. */
        public ManifoldSample {
            Require.notNull("data", data);
            Require.length("coordinate", coordinate, data.size());
            coordinate = coordinate.clone();
        }

        /** A copy of the intrinsic coordinates. */
        @Override
        public double[] coordinate() {
            return coordinate.clone();
        }
    }

    /**
     * Draws {@code n} points from \(N(0, U \mathrm{diag}(s) U^\top + \sigma^2 I_d)\) with a random orthonormal
     * \(U \in \mathbb{R}^{d \times k}\) (Q factor of a Gaussian matrix, Haar-distributed up to column signs).
     *
     * @param n               number of points, {@code >= 1}
     * @param d               ambient dimension, {@code >= 1}
     * @param k               subspace dimension, {@code 1 <= k <= d}
     * @param signalVariances length {@code k}, each {@code > 0}. Not modified.
     * @param noiseVariance   \(\sigma^2 \ge 0\)
     * @param rng             source of randomness. Modified (advanced).
     */
    public static SubspaceSample gaussianWithSubspace(int n, int d, int k, double[] signalVariances,
            double noiseVariance, RandomGenerator rng) {
        Require.positive("n", n);
        Require.positive("d", d);
        Require.inRange("k", k, 1, d);
        Require.length("signalVariances", signalVariances, k);
        Require.positive("signalVariances", signalVariances);
        Require.nonNegative("noiseVariance", noiseVariance);
        Require.notNull("rng", rng);

        DMatrixRMaj gaussian = new DMatrixRMaj(d, k);
        Rng.standardNormal(gaussian.data, rng);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, k);
        if (!qr.decompose(gaussian)) {
            throw new IllegalStateException("QR decomposition of a Gaussian matrix failed");
        }
        DMatrixRMaj basis = qr.getQ(null, true);

        DMatrixRMaj covariance = new DMatrixRMaj(d, d);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double sum = a == b ? noiseVariance : 0.0;
                for (int j = 0; j < k; j++) {
                    sum += basis.get(a, j) * signalVariances[j] * basis.get(b, j);
                }
                covariance.set(a, b, sum);
            }
        }

        // x_i = U diag(sqrt(s)) z_i + sigma eps_i, computed as X = Z diag(sqrt(s)) U^T + sigma E.
        DMatrixRMaj scaledBasisT = new DMatrixRMaj(k, d);
        for (int j = 0; j < k; j++) {
            double scale = Math.sqrt(signalVariances[j]);
            for (int a = 0; a < d; a++) {
                scaledBasisT.set(j, a, scale * basis.get(a, j));
            }
        }
        Require.matrixSize("n x d (the data matrix)", n, d);
        DMatrixRMaj z = new DMatrixRMaj(n, k);
        Rng.standardNormal(z.data, rng);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        CommonOps_DDRM.mult(z, scaledBasisT, x);
        double sigma = Math.sqrt(noiseVariance);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] += sigma * rng.nextGaussian();
        }
        Dataset data = Dataset.of("gaussian subspace n=" + n + " d=" + d + " k=" + k, x, null);
        return new SubspaceSample(data, basis, covariance, signalVariances, noiseVariance);
    }

    /**
     * {@link #gaussianWithSubspace(int, int, int, double[], double, RandomGenerator)} with signal variances
     * \(s_j = \text{gap} \cdot (k - j)\), \(j = 0..k-1\): the leading direction has the largest variance and the
     * eigengap between consecutive subspace eigenvalues is {@code gap} (the gap to the noise floor is also
     * {@code gap}).
     *
     * @param gap {@code > 0}
     */
    public static SubspaceSample gaussianWithSubspace(int n, int d, int k, double gap, double noiseVariance,
            RandomGenerator rng) {
        Require.positive("gap", gap);
        Require.inRange("k", k, 1, Math.max(1, d));
        double[] variances = new double[k];
        for (int j = 0; j < k; j++) {
            variances[j] = gap * (k - j);
        }
        return gaussianWithSubspace(n, d, k, variances, noiseVariance, rng);
    }

    /**
     * {@code n} draws of \(x \in \{-2, +2\}\), each with probability 1/2 (independent fair coin flips).
     *
     * @param rng Modified (advanced).
     */
    public static double[] twoClusterScalar(int n, RandomGenerator rng) {
        Require.positive("n", n);
        Require.notNull("rng", rng);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextBoolean() ? 2.0 : -2.0;
        }
        return x;
    }

    /**
     * \(\tilde x_i = x_i + \sigma \varepsilon_i\), \(\varepsilon_i \sim N(0, 1)\) i.i.d.
     *
     * @param x        the clean values, finite. Not modified.
     * @param noiseStd \(\sigma \ge 0\) (the standard deviation, not the variance)
     * @param rng      Modified (advanced).
     * @return a new array
     */
    public static double[] addGaussianNoise(double[] x, double noiseStd, RandomGenerator rng) {
        Require.finite("x", x);
        Require.nonNegative("noiseStd", noiseStd);
        Require.notNull("rng", rng);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + noiseStd * rng.nextGaussian();
        }
        return out;
    }

    /**
     * Matrix version of {@link #addGaussianNoise(double[], double, RandomGenerator)}: returns \(X + \sigma E\).
     *
     * @param x Not modified.
     */
    public static DMatrixRMaj addGaussianNoise(DMatrixRMaj x, double noiseStd, RandomGenerator rng) {
        Require.finite("x", x);
        Require.nonNegative("noiseStd", noiseStd);
        Require.notNull("rng", rng);
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        int size = x.getNumElements();
        for (int i = 0; i < size; i++) {
            out.data[i] = x.data[i] + noiseStd * rng.nextGaussian();
        }
        return out;
    }

    /**
     * {@code n} points \((\cos\theta, \sin\theta) + \sigma\varepsilon\) with \(\theta \sim U[0, 2\pi)\),
     * \(\varepsilon \sim N(0, I_2)\); the coordinate is \(\theta\).
     *
     * @param noiseStd \(\sigma \ge 0\)
     */
    public static ManifoldSample noisyCircle(int n, double noiseStd, RandomGenerator rng) {
        return sampleManifold("noisy circle", n, 2, 0, 2 * Math.PI, noiseStd, rng, (theta, r, point) -> {
            point[0] = Math.cos(theta);
            point[1] = Math.sin(theta);
        });
    }

    /**
     * The log-density of {@link #noisyCircle}'s points: the uniform distribution on the unit circle convolved with
     * \(N(0, s^2 I_2)\),
     * \[ p_s(x)=\frac1{2\pi}\int_0^{2\pi}\mathcal N\big(x;(\cos\theta,\sin\theta),s^2I_2\big)\,d\theta
     *    =\frac{1}{2\pi s^2}\,e^{-(\|x\|^2+1)/(2s^2)}\,I_0\!\big(\|x\|/s^2\big) \]
     * (\(I_0\) the modified Bessel function; Abramowitz &amp; Stegun 9.6.16). The integral is computed by the
     * trapezoid rule with M equally spaced angles, in log-sum-exp form. For this periodic analytic integrand the
     * rule's relative error is the aliased Fourier coefficients, about \(2I_M(\rho)/I_0(\rho)\) with
     * \(\rho=\|x\|/s^2\) (Trefethen &amp; Weideman 2014, "The exponentially convergent trapezoidal rule", SIAM
     * Review 56(3)), roughly \(2e^{-M^2/(2\rho)}\) for large ρ and smaller still once M exceeds ρ;
     * \(M = 64 + 16\lceil\sqrt\rho\rceil\) puts it far below rounding error. The tests compare with the Bessel
     * closed form to a relative \(10^{-10}\).
     *
     * @param points   n×2, one point per row. Not modified.
     * @param noiseStd \(s &gt; 0\)
     * @return the n values \(\log p_s(x_i)\)
     */
    public static double[] noisyCircleLogDensity(DMatrixRMaj points, double noiseStd) {
        Require.cols("points", Require.finite("points", Require.notNull("points", points)), 2);
        Require.positive("noiseStd", noiseStd);
        double s2 = noiseStd * noiseStd;
        double[] out = new double[points.numRows];
        for (int i = 0; i < points.numRows; i++) {
            double x = points.get(i, 0);
            double y = points.get(i, 1);
            out[i] = -(x * x + y * y + 1) / (2 * s2) - Math.log(2 * Math.PI * s2) + circleQuadrature(x, y, s2, null);
        }
        return out;
    }

    /**
     * The score \(\nabla_x\log p_s(x)\) of {@link #noisyCircleLogDensity}. Differentiating under the integral,
     * \[ \nabla\log p_s(x)=\frac{\mathbb E[u(\theta)\mid x]-x}{s^2},\qquad
     *    P(\theta\mid x)\propto e^{x\cdot u(\theta)/s^2},\ u(\theta)=(\cos\theta,\sin\theta), \]
     * the same trapezoid rule for the posterior mean; in closed form the score is
     * \(\frac{x}{\|x\|}\,\frac{I_1(\rho)/I_0(\rho)-\|x\|}{s^2}\), radial. By Tweedie's formula (Efron 2011,
     * "Tweedie's formula and selection bias", JASA 106) the best denoiser of points on the circle corrupted by
     * \(N(0,\sigma^2I)\) is \(r^*(\tilde x)=\tilde x+\sigma^2\nabla\log p_\sigma(\tilde x)\).
     *
     * @param points   n×2. Not modified.
     * @param noiseStd \(s &gt; 0\)
     * @param out      Modified (reshaped to n×2; null ⇒ allocated; must not alias points).
     * @return out
     */
    public static DMatrixRMaj noisyCircleScore(DMatrixRMaj points, double noiseStd, DMatrixRMaj out) {
        Require.cols("points", Require.finite("points", Require.notNull("points", points)), 2);
        Require.positive("noiseStd", noiseStd);
        Require.notAliased("out", out, "points", points);
        out = org.ejml.UtilEjml.reshapeOrDeclare(out, points.numRows, 2);
        double s2 = noiseStd * noiseStd;
        double[] mean = new double[2];
        for (int i = 0; i < points.numRows; i++) {
            double x = points.get(i, 0);
            double y = points.get(i, 1);
            circleQuadrature(x, y, s2, mean);
            out.set(i, 0, (mean[0] - x) / s2);
            out.set(i, 1, (mean[1] - y) / s2);
        }
        return out;
    }

    /**
     * \(\log\frac1M\sum_k e^{(x\cos\theta_k+y\sin\theta_k)/s^2}\), \(\theta_k=2\pi k/M\); when posteriorMean
     * is not null it receives \(\sum_k w_k u(\theta_k)\) with the normalized weights \(w_k\).
     */
    private static double circleQuadrature(double x, double y, double s2, double[] posteriorMean) {
        double rho = Math.hypot(x, y) / s2;
        int m = 64 + 16 * (int) Math.ceil(Math.sqrt(rho));
        double max = Double.NEGATIVE_INFINITY;
        double[] a = new double[m];
        for (int k = 0; k < m; k++) {
            double theta = 2 * Math.PI * k / m;
            a[k] = (x * Math.cos(theta) + y * Math.sin(theta)) / s2;
            max = Math.max(max, a[k]);
        }
        double sum = 0;
        double cx = 0;
        double cy = 0;
        for (int k = 0; k < m; k++) {
            double theta = 2 * Math.PI * k / m;
            double w = Math.exp(a[k] - max);
            sum += w;
            cx += w * Math.cos(theta);
            cy += w * Math.sin(theta);
        }
        if (posteriorMean != null) {
            posteriorMean[0] = cx / sum;
            posteriorMean[1] = cy / sum;
        }
        return max + Math.log(sum / m);
    }

    /**
     * {@code n} points on a helix with two turns, \((\cos t, \sin t, t / (2\pi)) + \sigma\varepsilon\),
     * \(t \sim U[0, 4\pi)\); the coordinate is \(t\).
     *
     * @param noiseStd \(\sigma \ge 0\)
     */
    public static ManifoldSample noisyHelix(int n, double noiseStd, RandomGenerator rng) {
        return sampleManifold("noisy helix", n, 3, 0, 4 * Math.PI, noiseStd, rng, (t, r, point) -> {
            point[0] = Math.cos(t);
            point[1] = Math.sin(t);
            point[2] = t / (2 * Math.PI);
        });
    }

    /**
     * The Swiss roll as in scikit-learn's {@code make_swiss_roll}: \(t = \tfrac{3\pi}{2}(1 + 2u)\), \(u \sim U[0,1)\),
     * height \(h \sim U[0, 21)\), point \((t\cos t, h, t \sin t) + \sigma\varepsilon\); the coordinate is \(t\)
     * (position along the roll).
     *
     * @param noiseStd \(\sigma \ge 0\)
     */
    public static ManifoldSample swissRoll(int n, double noiseStd, RandomGenerator rng) {
        return sampleManifold("swiss roll", n, 3, 1.5 * Math.PI, 4.5 * Math.PI, noiseStd, rng, (t, r, point) -> {
            point[0] = t * Math.cos(t);
            point[1] = 21 * r.nextDouble();
            point[2] = t * Math.sin(t);
        });
    }

    /**
     * Images whose generative factors are known, for disentanglement scores.
     *
     * @param data        the images (grey levels in [0, 1], with geometry; label = level of factor 0)
     * @param factorNames one name per factor, e.g. {@code "x position"}
     * @param factors     {@code factors[f][i]} = level (0 .. levels[f] − 1) of factor f in image i: one column per factor
     * @param levels      number of levels of each factor
     */
    public record FactorSample(Dataset data, String[] factorNames, int[][] factors, int[] levels) {
        /** Requires one name, one column of length n and a level count per factor, each level in range; copies. */
        public FactorSample {
            Require.notNull("data", data);
            Require.notNull("factorNames", factorNames);
            Require.notNull("factors", factors);
            Require.notNull("levels", levels);
            if (factorNames.length != factors.length || levels.length != factors.length) {
                throw new IllegalArgumentException("factorNames, factors and levels must have one entry per factor, got "
                        + factorNames.length + ", " + factors.length + " and " + levels.length);
            }
            int[][] copy = new int[factors.length][];
            for (int f = 0; f < factors.length; f++) {
                copy[f] = Require.notNull("factors[" + f + "]", factors[f]).clone();
                if (copy[f].length != data.size()) {
                    throw new IllegalArgumentException("factors[" + f + "] must have one level per image (" + data.size()
                            + "), got length " + copy[f].length);
                }
                for (int i = 0; i < copy[f].length; i++) {
                    if (copy[f][i] < 0 || copy[f][i] >= levels[f]) {
                        throw new IllegalArgumentException("factors[" + f + "][" + i + "] must be in [0, " + (levels[f] - 1)
                                + "], got " + copy[f][i]);
                    }
                }
            }
            factors = copy;
            factorNames = factorNames.clone();
            levels = levels.clone();
        }

        /** A copy of the factor levels, one column per factor. */
        @Override
        public int[][] factors() {
            int[][] copy = new int[factors.length][];
            for (int f = 0; f < factors.length; f++) {
                copy[f] = factors[f].clone();
            }
            return copy;
        }

        /** A copy of the factor names. */
        @Override
        public String[] factorNames() {
            return factorNames.clone();
        }

        /** A copy of the level counts. */
        @Override
        public int[] levels() {
            return levels.clone();
        }
    }

    /**
     * {@code n} images of {@code size x size} pixels, each an axis-aligned Gaussian blob
     * \(x_{rc} = \exp\left(-\frac{(c - c_x)^2}{2w_x^2} - \frac{(r - c_y)^2}{2w_y^2}\right)\) (row r, column c, from
     * 0) whose centre is on a grid: \(c_x = w_x + i_x\,\frac{size - 1 - 2w_x}{positions - 1}\), \(c_y\) the same
     * with \(w_y\) and \(i_y\), and the two factors \(i_x, i_y\) drawn independently and uniformly from {0, …, positions − 1}
     * (the kind of data set of Higgins et al. 2017's dSprites, with position only). Factor 0 is "x position"
     * (column), factor 1 "y position" (row). Draws two {@code nextInt(positions)} per image, x first.
     *
     * @param n         images, &gt; 0
     * @param size      pixels per side, ≥ 4
     * @param positions levels per factor, ≥ 2
     * @param widthX    blob width \(w_x\) in pixels (along a row), &gt; 0 and &lt; (size − 1) / 2
     * @param widthY    blob width \(w_y\) (along a column), same range; \(w_x \ne w_y\) makes the two
     *                  directions distinguishable (an isotropic blob leaves every rotation of the (x, y) plane
     *                  equally good for a VAE)
     * @param rng       Modified.
     */
    public static FactorSample gaussianBlobs(int n, int size, int positions, double widthX, double widthY,
            RandomGenerator rng) {
        Require.positive("n", n);
        if (size < 4) {
            throw new IllegalArgumentException("size must be >= 4, got " + size);
        }
        if (positions < 2) {
            throw new IllegalArgumentException("positions must be >= 2, got " + positions);
        }
        Require.inOpenRange("widthX", widthX, 0, (size - 1) / 2.0);
        Require.inOpenRange("widthY", widthY, 0, (size - 1) / 2.0);
        Require.notNull("rng", rng);
        Require.matrixSize("n x size^2 (the images)", n, (long) size * size);
        DMatrixRMaj x = new DMatrixRMaj(n, size * size);
        int[][] factors = new int[2][n];
        double stepX = (size - 1 - 2 * widthX) / (positions - 1);
        double stepY = (size - 1 - 2 * widthY) / (positions - 1);
        for (int i = 0; i < n; i++) {
            int ix = rng.nextInt(positions);
            int iy = rng.nextInt(positions);
            factors[0][i] = ix;
            factors[1][i] = iy;
            double cx = widthX + ix * stepX;
            double cy = widthY + iy * stepY;
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    double dx = c - cx;
                    double dy = r - cy;
                    x.data[i * size * size + r * size + c] = Math.exp(-dx * dx / (2 * widthX * widthX)
                            - dy * dy / (2 * widthY * widthY));
                }
            }
        }
        Dataset data = Dataset.ofImages("Gaussian blobs " + size + "x" + size, x, factors[0], size, size);
        return new FactorSample(data, new String[] {"x position", "y position"}, factors,
                new int[] {positions, positions});
    }

    /** Maps an intrinsic coordinate (and possibly further random draws) to a noiseless point. */
    private interface Embedding {
        void point(double coordinate, RandomGenerator rng, double[] point);
    }

    /** Draws t ~ U[lo, hi), embeds it, adds N(0, noiseStd^2 I) noise; labels are coordinate bins. */
    private static ManifoldSample sampleManifold(String name, int n, int dim, double lo, double hi, double noiseStd,
            RandomGenerator rng, Embedding embedding) {
        Require.positive("n", n);
        Require.nonNegative("noiseStd", noiseStd);
        Require.notNull("rng", rng);
        Require.matrixSize("n x " + dim + " (the data matrix)", n, dim);
        DMatrixRMaj x = new DMatrixRMaj(n, dim);
        double[] coordinate = new double[n];
        double[] point = new double[dim];
        for (int i = 0; i < n; i++) {
            coordinate[i] = lo + (hi - lo) * rng.nextDouble();
            embedding.point(coordinate[i], rng, point);
            for (int j = 0; j < dim; j++) {
                x.data[i * dim + j] = point[j] + noiseStd * rng.nextGaussian();
            }
        }
        return manifold(name, x, coordinate, lo, hi);
    }

    private static ManifoldSample manifold(String name, DMatrixRMaj x, double[] coordinate, double lo, double hi) {
        int[] bins = new int[coordinate.length];
        for (int i = 0; i < coordinate.length; i++) {
            int bin = (int) Math.floor((coordinate[i] - lo) / (hi - lo) * COORDINATE_BINS);
            bins[i] = Math.min(COORDINATE_BINS - 1, Math.max(0, bin));
        }
        return new ManifoldSample(Dataset.of(name, x, bins), coordinate);
    }

    /**
     * An {@code n x d} matrix of i.i.d. Bernoulli(\(p\)) pixels: entry = 1 when a uniform draw \(u &lt; p\), else 0.
     * Allocates only the output (pass {@code out} to reuse a buffer); one {@code nextLong()} per pixel, no boxing
     * or temporary arrays (60000 x 784 took about 0.7 s on the shared 2-core build machine, memory-bound).
     *
     * @param p   in [0, 1]
     * @param rng Modified (advanced).
     */
    public static DMatrixRMaj bernoulliPixels(int n, int d, double p, RandomGenerator rng) {
        return bernoulliPixels(n, d, p, rng, null);
    }

    /**
     * {@link #bernoulliPixels(int, int, double, RandomGenerator)} writing into {@code out}.
     *
     * @param out {@code n x d}, or {@code null} to allocate. Modified (every entry overwritten).
     * @return {@code out}, or the new matrix
     */
    public static DMatrixRMaj bernoulliPixels(int n, int d, double p, RandomGenerator rng, DMatrixRMaj out) {
        Require.positive("n", n);
        Require.positive("d", d);
        Require.inRange("p", p, 0.0, 1.0);
        Require.notNull("rng", rng);
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("n*d must be at most " + (Integer.MAX_VALUE - 8) + ", got "
                    + ((long) n * d));
        }
        if (out == null) {
            out = new DMatrixRMaj(n, d);
        } else {
            Require.shape("out", out, n, d);
        }
        // u < p with u = (bits >>> 11) * 2^-53, i.e. (bits >>> 11) < p * 2^53: exactly nextDouble() < p.
        long threshold = (long) Math.ceil(p * 0x1.0p53);
        double[] data = out.data;
        int size = n * d;
        for (int i = 0; i < size; i++) {
            data[i] = (rng.nextLong() >>> 11) < threshold ? 1.0 : 0.0;
        }
        return out;
    }
}
