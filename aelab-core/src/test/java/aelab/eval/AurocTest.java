package aelab.eval;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.testing.ReferenceFile;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Auroc against brute-force pair counting, against scikit-learn's roc_auc_score, and its SE against simulation. */
class AurocTest {
    private static final ReferenceFile REF = new ReferenceFile("eval_reference.txt");
    private static final int SKLEARN_CASES = 5;

    /** The definition: mean over all (positive, negative) pairs of [p > q] + ½[p = q]. */
    static double pairCount(double[] scores, boolean[] positive) {
        double s = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (positive[i] && !positive[j]) {
                    s += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return s / pairs;
    }

    static boolean[] flags(double[] labels) {
        boolean[] b = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            b[i] = labels[i] == 1;
        }
        return b;
    }

    @Test
    void matchesScikitLearnAndPairCounting() {
        int checked = 0;
        for (int c = 0; c < SKLEARN_CASES; c++) {
            double[] s = REF.vector("auroc_scores_" + c);
            boolean[] y = flags(REF.vector("auroc_labels_" + c));
            double a = Auroc.of(s, y).value();
            // both are sums of halves over n1·n0 pairs: equal up to the rounding of one division
            assertEquals(REF.scalar("auroc_" + c), a, 1e-15, "case " + c);
            assertEquals(pairCount(s, y), a, 1e-15, "case " + c);
            checked++;
        }
        assertEquals(SKLEARN_CASES, checked);
    }

    @Test
    void randomTiedScoresMatchPairCounting() {
        RandomGenerator rng = Rng.seeded(7);
        for (int rep = 0; rep < 200; rep++) {
            int n = 2 + rng.nextInt(40);
            double[] s = new double[n];
            boolean[] y = new boolean[n];
            y[0] = true;
            for (int i = 0; i < n; i++) {
                s[i] = rng.nextInt(5) * 0.5;
                y[i] = i == 0 || (i > 1 && rng.nextBoolean());
            }
            Auroc a = Auroc.of(s, y);
            assertEquals(pairCount(s, y), a.value(), 1e-15);
            // the two-array form gives the same value
            int n1 = a.positives();
            double[] p = new double[n1];
            double[] q = new double[n - n1];
            for (int i = 0, u = 0, v = 0; i < n; i++) {
                if (y[i]) {
                    p[u++] = s[i];
                } else {
                    q[v++] = s[i];
                }
            }
            assertEquals(a.value(), Auroc.of(p, q).value(), 0.0);
        }
    }

    @Test
    void handCheckedTinyCase() {
        // positives {3, 1}, negatives {1, 0}: pairs (3,1)=1 (3,0)=1 (1,1)=½ (1,0)=1 → 3.5/4
        Auroc a = Auroc.of(new double[] {3, 1}, new double[] {1, 0});
        assertEquals(0.875, a.value(), 0.0);
        assertEquals(2, a.positives());
        assertEquals(2, a.negatives());
    }

    /**
     * Hanley &amp; McNeil's variance is exact for exponential scores: positives ~ Exp(rate 1), negatives ~ Exp(rate 3)
     * give A = P(p &gt; q) = 3/(1+3). The SE at the true A must match the standard deviation of A over R replicate
     * samples; the relative standard error of a sample standard deviation is about 1/sqrt(2(R−1)), and 4 of those
     * leave room for the sampling distribution's excess kurtosis.
     */
    @Test
    void standardErrorMatchesSimulationForExponentialScores() {
        int n1 = 20;
        int n0 = 30;
        int reps = 4000;
        RandomGenerator rng = Rng.seeded(11);
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < reps; r++) {
            double[] p = new double[n1];
            double[] q = new double[n0];
            for (int i = 0; i < n1; i++) {
                p[i] = -Math.log1p(-rng.nextDouble());
            }
            for (int j = 0; j < n0; j++) {
                q[j] = -Math.log1p(-rng.nextDouble()) / 3;
            }
            double a = Auroc.of(p, q).value();
            sum += a;
            sumSq += a * a;
        }
        double mean = sum / reps;
        double sd = Math.sqrt((sumSq - reps * mean * mean) / (reps - 1));
        double trueA = 0.75;
        // the library's SE at A = 3/4 for n1 = 20, n0 = 30: 20 positives at 1, negatives 15 at 0 (20 wins each)
        // and 15 at 1 (20 ties each): (300 + 150) / 600 = 0.75
        double[] pos = new double[n1];
        java.util.Arrays.fill(pos, 1);
        double[] neg = new double[n0];
        java.util.Arrays.fill(neg, 15, 30, 1);
        Auroc atTrue = Auroc.of(pos, neg);
        assertEquals(trueA, atTrue.value(), 0.0);
        double se = atTrue.standardError();
        assertEquals(trueA, mean, 3 * se / Math.sqrt(reps), "A is unbiased");
        assertEquals(se, sd, 4 * se / Math.sqrt(2.0 * (reps - 1)), "Hanley-McNeil SE vs simulated sd");
    }

    @Test
    void nullStandardErrorIsTheMannWhitneyNullVariance() {
        // all scores tied: A = 1/2 exactly, and the SE must be sqrt((n1 + n0 + 1) / (12 n1 n0))
        Auroc a = Auroc.of(new double[] {1, 1, 1}, new double[] {1, 1, 1, 1, 1});
        assertEquals(0.5, a.value(), 0.0);
        assertEquals(Math.sqrt(9.0 / (12 * 15)), a.standardError(), 1e-15);
        assertEquals(0.0, a.zAboveChance(), 0.0);
        assertTrue(Auroc.of(new double[] {2}, new double[] {1}).value() == 1.0);
    }

    @Test
    void rejectsBadInput() {
        assertRejects("positive must have length 3 (one flag per score), got length 2",
                () -> Auroc.of(new double[] {1, 2, 3}, new boolean[] {true, false}));
        assertRejects("at least one positive and one negative, got 2 positives and 0 negatives",
                () -> Auroc.of(new double[] {1, 2}, new boolean[] {true, true}));
        assertRejects("scores must be finite, got NaN at index 1",
                () -> Auroc.of(new double[] {1, Double.NaN}, new boolean[] {true, false}));
        assertRejects("positiveScores and negativeScores must each have at least 1 score, got 0 and 2",
                () -> Auroc.of(new double[0], new double[] {1, 2}));
        assertRejects("scores must not be null", () -> Auroc.of(null, new boolean[0]));
    }
}
