package aelab.eval;

import aelab.core.Require;
import aelab.gaussian.Estimate;
import org.ejml.data.DMatrixRMaj;

/**
 * Two classifiers that use labelled training rows directly, for judging how well a representation (codes, pixels)
 * separates classes from few labels.
 *
 * <ul>
 *   <li>{@link #knnPredict}: k-nearest-neighbour vote (Cover &amp; Hart 1967, IEEE Trans. Inf. Theory 13(1)):
 *       \(\hat y(x) = \arg\max_c \#\{j \in N_k(x) : y_j = c\}\), \(N_k(x)\) the k training rows with the smallest
 *       squared Euclidean distance ({@link Distances#squaredEuclidean}); distance ties go to the smaller training
 *       index, vote ties to the smaller label.</li>
 *   <li>{@link #nearestMeanPredict}: nearest class mean (nearest centroid; Hastie, Tibshirani &amp; Friedman,
 *       <i>The Elements of Statistical Learning</i>, 2nd ed. 2009, §18.2): \(\hat y(x) = \arg\min_c \lVert x -
 *       \mu_c\rVert^2\), \(\mu_c\) the mean of the training rows of class c; ties to the smaller label. Classes with
 *       no training row are never predicted.</li>
 *   <li>{@link #accuracy}: the fraction of correct predictions with its binomial standard error
 *       \(\sqrt{\hat p(1-\hat p)/(n-1)}\) (the sample standard error of the 0/1 outcomes).</li>
 * </ul>
 */
public final class NearestNeighbours {
    private NearestNeighbours() {
    }

    /**
     * k-NN predictions for the rows of {@code test}.
     *
     * @param train  n×d, finite. Not modified.
     * @param labels length n, entries ≥ 0. Not modified.
     * @param test   t×d, finite. Not modified.
     * @param k      in [1, n]
     */
    public static int[] knnPredict(DMatrixRMaj train, int[] labels, DMatrixRMaj test, int k) {
        Require.atLeastRows("train", train, 1);
        Retrieval.labels("labels", labels, train.numRows, "training row");
        Require.inRange("k", k, 1, train.numRows);
        Require.cols("test", test, train.numCols);
        DMatrixRMaj dist = Distances.squaredEuclidean(test, train, null);
        int n = train.numRows;
        int classes = maxLabel(labels) + 1;
        int[] out = new int[test.numRows];
        int[] chosen = new int[k];
        for (int i = 0; i < test.numRows; i++) {
            // k smallest by (distance, index): insertion into a sorted list of k
            int size = 0;
            for (int j = 0; j < n; j++) {
                double dj = dist.data[i * n + j];
                if (size == k && !(dj < dist.data[i * n + chosen[k - 1]])) {
                    continue;
                }
                int pos = size == k ? k - 1 : size++;
                while (pos > 0 && dist.data[i * n + chosen[pos - 1]] > dj) {
                    chosen[pos] = chosen[pos - 1];
                    pos--;
                }
                chosen[pos] = j;
            }
            int[] votes = new int[classes];
            for (int m = 0; m < k; m++) {
                votes[labels[chosen[m]]]++;
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * Nearest-class-mean predictions for the rows of {@code test}.
     *
     * @param train  n×d, finite. Not modified.
     * @param labels length n, entries ≥ 0. Not modified.
     * @param test   t×d, finite. Not modified.
     */
    public static int[] nearestMeanPredict(DMatrixRMaj train, int[] labels, DMatrixRMaj test) {
        Require.atLeastRows("train", train, 1);
        Retrieval.labels("labels", labels, train.numRows, "training row");
        Require.cols("test", test, train.numCols);
        int classes = maxLabel(labels) + 1;
        int d = train.numCols;
        int[] count = new int[classes];
        for (int y : labels) {
            count[y]++;
        }
        int present = 0;
        for (int c : count) {
            present += c > 0 ? 1 : 0;
        }
        DMatrixRMaj means = new DMatrixRMaj(present, d);
        int[] classOf = new int[present];
        int[] rowOf = new int[classes];
        for (int c = 0, r = 0; c < classes; c++) {
            if (count[c] > 0) {
                classOf[r] = c;
                rowOf[c] = r++;
            }
        }
        for (int i = 0; i < train.numRows; i++) {
            int r = rowOf[labels[i]];
            for (int t = 0; t < d; t++) {
                means.data[r * d + t] += train.data[i * d + t];
            }
        }
        for (int r = 0; r < present; r++) {
            for (int t = 0; t < d; t++) {
                means.data[r * d + t] /= count[classOf[r]];
            }
        }
        DMatrixRMaj dist = Distances.squaredEuclidean(test, means, null);
        int[] out = new int[test.numRows];
        for (int i = 0; i < test.numRows; i++) {
            int best = 0;
            for (int r = 1; r < present; r++) {
                if (dist.data[i * present + r] < dist.data[i * present + best]) {
                    best = r;
                }
            }
            out[i] = classOf[best];
        }
        return out;
    }

    /** The fraction of {@code predicted[i] == truth[i]} and its standard error (equal, non-zero lengths). */
    public static Estimate accuracy(int[] predicted, int[] truth) {
        Require.notNull("predicted", predicted);
        Require.notNull("truth", truth);
        if (predicted.length != truth.length || truth.length == 0) {
            throw new IllegalArgumentException("predicted must have length " + truth.length
                    + " (one per truth label, at least 1), got length " + predicted.length);
        }
        double[] correct = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            correct[i] = predicted[i] == truth[i] ? 1 : 0;
        }
        return Estimate.ofSamples(correct);
    }

    static int maxLabel(int[] labels) {
        int m = 0;
        for (int y : labels) {
            m = Math.max(m, y);
        }
        return m;
    }
}
