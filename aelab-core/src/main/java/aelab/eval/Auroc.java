package aelab.eval;

import aelab.core.Require;
import java.util.Arrays;

/**
 * Area under the ROC curve of a score that should be larger for positives, in Mann–Whitney form, with its standard
 * error.
 *
 * <p>With \(n_1\) positive scores \(p_i\) and \(n_0\) negative scores \(q_j\),
 * \[ A = \frac{1}{n_1 n_0}\sum_{i=1}^{n_1}\sum_{j=1}^{n_0}\Big([p_i > q_j] + \tfrac12[p_i = q_j]\Big)
 *      = \frac{R_1 - n_1(n_1+1)/2}{n_1 n_0}, \]
 * where \(R_1\) is the sum of the positives' ranks in the pooled sample, tied scores getting the mean of their ranks
 * (Mann &amp; Whitney 1947, Ann. Math. Stat. 18(1); Bamber 1975, J. Math. Psychol. 12, "The area above the ordinal
 * dominance graph and the area below the receiver operating characteristic graph"). It is the probability that a
 * random positive scores above a random negative, ties counted 1/2; A = 0.5 is chance, A &lt; 0.5 ranks the negatives
 * higher. Computed by sorting, O(n log n); equal to scikit-learn's {@code roc_auc_score}.
 *
 * <p>Standard error (Hanley &amp; McNeil 1982, Radiology 143(1):29–36, eq. 2):
 * \[ \mathrm{SE}^2 = \frac{A(1-A) + (n_1-1)(Q_1-A^2) + (n_0-1)(Q_2-A^2)}{n_1 n_0},\qquad
 *    Q_1 = \frac{A}{2-A},\quad Q_2 = \frac{2A^2}{1+A}, \]
 * exact for exponentially distributed scores and a close approximation otherwise; at A = 1/2 it equals the exact null
 * variance \((n_1+n_0+1)/(12 n_1 n_0)\) of the Mann–Whitney statistic without ties. A check such as
 * "A − 0.5 &gt; 3 SE" therefore compares against the null spread.
 *
 * <p>Immutable.
 */
public final class Auroc {
    private final double value;
    private final double standardError;
    private final int positives;
    private final int negatives;

    private Auroc(double value, int positives, int negatives) {
        this.value = value;
        this.positives = positives;
        this.negatives = negatives;
        this.standardError = hanleyMcNeil(value, positives, negatives);
    }

    /**
     * The AUROC of {@code scores} with {@code positive[i]} marking the positives. Both: Not modified, same length;
     * scores finite; at least one positive and one negative.
     */
    public static Auroc of(double[] scores, boolean[] positive) {
        Require.finite("scores", scores);
        Require.notNull("positive", positive);
        if (positive.length != scores.length) {
            throw new IllegalArgumentException("positive must have length " + scores.length
                    + " (one flag per score), got length " + positive.length);
        }
        int n1 = 0;
        for (boolean p : positive) {
            n1 += p ? 1 : 0;
        }
        int n0 = scores.length - n1;
        if (n1 == 0 || n0 == 0) {
            throw new IllegalArgumentException("positive must mark at least one positive and one negative, got "
                    + n1 + " positives and " + n0 + " negatives");
        }
        double[] p = new double[n1];
        double[] q = new double[n0];
        for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
            if (positive[i]) {
                p[a++] = scores[i];
            } else {
                q[b++] = scores[i];
            }
        }
        return ofValidated(p, q);
    }

    /** The AUROC of positive scores against negative scores (both non-empty, finite; Not modified). */
    public static Auroc of(double[] positiveScores, double[] negativeScores) {
        Require.finite("positiveScores", positiveScores);
        Require.finite("negativeScores", negativeScores);
        if (positiveScores.length == 0 || negativeScores.length == 0) {
            throw new IllegalArgumentException("positiveScores and negativeScores must each have at least 1 score, got "
                    + positiveScores.length + " and " + negativeScores.length);
        }
        return ofValidated(positiveScores, negativeScores);
    }

    private static Auroc ofValidated(double[] p, double[] q) {
        int n1 = p.length;
        int n0 = q.length;
        int n = n1 + n0;
        double[] all = new double[n];
        boolean[] isPos = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            all[i] = i < n1 ? p[i] : q[i - n1];
            isPos[i] = i < n1;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
        // ranks 1..n, tied groups share their mean rank; only the positives' rank sum is needed
        double rankSumPos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            // -0.0 and 0.0 are one value for the comparison "p = q"
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double meanRank = (i + 1 + j + 1) / 2.0;
            for (int m = i; m <= j; m++) {
                if (isPos[order[m]]) {
                    rankSumPos += meanRank;
                }
            }
            i = j + 1;
        }
        double u = rankSumPos - n1 * (n1 + 1.0) / 2;
        return new Auroc(u / ((double) n1 * n0), n1, n0);
    }

    private static double hanleyMcNeil(double a, int n1, int n0) {
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double v = (a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a)) / ((double) n1 * n0);
        return Math.sqrt(Math.max(v, 0));
    }

    /** A in [0, 1]. */
    public double value() {
        return value;
    }

    /** The Hanley–McNeil standard error of {@link #value()}. */
    public double standardError() {
        return standardError;
    }

    /** (A − 0.5) / SE: how many standard errors the AUROC lies above chance (negative below). */
    public double zAboveChance() {
        return (value - 0.5) / standardError;
    }

    /** n₁, the number of positives. */
    public int positives() {
        return positives;
    }

    /** n₀, the number of negatives. */
    public int negatives() {
        return negatives;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "AUROC %.4f (SE %.4f, %d positives, %d negatives)", value,
                standardError, positives, negatives);
    }
}
