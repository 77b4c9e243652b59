package aelab.gaussian;

import aelab.core.Require;

/**
 * A Monte Carlo estimate: the sample mean of {@code n} i.i.d. draws and its standard error.
 *
 * <p>\(\hat m = \frac1n\sum_i v_i\), \(\mathrm{SE} = s/\sqrt n\) with the unbiased sample variance
 * \(s^2 = \frac1{n-1}\sum_i (v_i-\hat m)^2\) (computed with Welford's update: Welford 1962, "Note on a method for
 * calculating corrected sums of squares and products", Technometrics 4(3); Knuth, TAOCP vol. 2, §4.2.2). For {@code n = 1} the standard error is
 * {@code NaN} (not estimable). By the CLT, \(\hat m\) lies within a few standard errors of the true expectation.
 *
 * @param mean          the sample mean
 * @param standardError the estimated standard deviation of {@code mean}
 * @param n             the number of draws
 */
public record Estimate(double mean, double standardError, int n) {

    /** The estimate from the draws {@code values} (Not modified). Rejects an empty array and non-finite entries. */
    public static Estimate ofSamples(double[] values) {
        Require.notNull("values", values);
        Require.positive("number of values", values.length);
        Require.finite("values", values);
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < values.length; i++) {
            double delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }
        int n = values.length;
        double se = n > 1 ? Math.sqrt(m2 / (n - 1) / n) : Double.NaN;
        return new Estimate(mean, se, n);
    }

    /** {@code true} iff {@code |mean − value| ≤ k · standardError}. value: finite; k &gt; 0, finite. */
    public boolean agreesWith(double value, double k) {
        Require.finite("value", value);
        Require.positive("k", k);
        return Math.abs(mean - value) <= k * standardError;
    }
}
