package aelab.eval;

import aelab.core.Require;
import aelab.gaussian.Estimate;
import org.ejml.data.DMatrixRMaj;

/**
 * Retrieval of same-class items by distance, and binary codes for it.
 *
 * <p><b>Binary codes.</b> {@link #signBits}: bit \(b_{it} = [c_{it} - m_t > 0]\) for a code matrix C and a centre m
 * (usually the column means of the database codes), so that each bit splits the data near its middle; the Hamming
 * distance between bit vectors then ranks the database ("semantic hashing", Salakhutdinov &amp; Hinton 2009, Int. J.
 * Approx. Reasoning 50(7); the PCA baseline is sign-of-PCA hashing, Gong &amp; Lazebnik 2011, CVPR, "Iterative
 * quantization").
 *
 * <p><b>Precision@k.</b> For query q, rank the database by distance \(D_{qj}\); precision@k is the fraction of the k
 * nearest items whose label equals the query's. Distances are often tied (a Hamming distance takes at most d+1
 * values), and then "the k nearest" depends on an arbitrary order. This class uses the expected precision under a
 * uniformly random order within ties (McSherry &amp; Najork 2008, ECIR, "Computing information retrieval performance
 * measures efficiently in the presence of tied scores"): with r the k-th smallest distance, \(s\) the number of items
 * strictly closer than r, of which \(s^+\) relevant, and \(t\) items at distance exactly r, of which \(t^+\) relevant,
 * \[ P@k(q) = \frac{1}{k}\Big(s^+ + (k - s)\,\frac{t^+}{t}\Big). \]
 * The reported value is the mean over queries with its standard error (queries as independent draws).
 *
 * <p><b>Chance.</b> {@link #chance}: a random ranking retrieves, in expectation, the database fraction of the query's
 * class, \(\frac1{|Q|}\sum_q \frac{\#\{j: y_j = y_q\}}{m}\).
 */
public final class Retrieval {
    private Retrieval() {
    }

    /**
     * Bits \([c_{it} - m_t > 0]\) as 0/1 entries.
     *
     * @param codes  n×d, finite. Not modified.
     * @param centre length d, finite. Not modified.
     * @param out    reshaped to n×d; null ⇒ allocated; must not alias codes. Modified.
     * @return out
     */
    public static DMatrixRMaj signBits(DMatrixRMaj codes, double[] centre, DMatrixRMaj out) {
        Require.atLeastRows("codes", codes, 1);
        Require.finite("codes", codes);
        Require.length("centre", centre, codes.numCols);
        Require.finite("centre", centre);
        Require.notAliased("out", out, "codes", codes);
        int n = codes.numRows;
        int d = codes.numCols;
        if (out == null) {
            out = new DMatrixRMaj(n, d);
        } else {
            out.reshape(n, d);
        }
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                out.data[i * d + t] = codes.data[i * d + t] - centre[t] > 0 ? 1 : 0;
            }
        }
        return out;
    }

    /** The column means of {@code codes} (n×d, n ≥ 1; Not modified): the usual centre for {@link #signBits}. */
    public static double[] columnMeans(DMatrixRMaj codes) {
        Require.atLeastRows("codes", codes, 1);
        int n = codes.numRows;
        int d = codes.numCols;
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                m[t] += codes.data[i * d + t];
            }
        }
        for (int t = 0; t < d; t++) {
            m[t] /= n;
        }
        return m;
    }

    /**
     * Mean precision@k over the queries, ties in distance resolved in expectation (see the class comment).
     *
     * @param distances      |Q|×m distances from each query to each database item (e.g. from {@link Distances}),
     *                       finite. Not modified.
     * @param queryLabels    length |Q|, entries ≥ 0. Not modified.
     * @param databaseLabels length m, entries ≥ 0. Not modified.
     * @param k              in [1, m]
     * @return the mean over queries and its standard error
     */
    public static Estimate precisionAtK(DMatrixRMaj distances, int[] queryLabels, int[] databaseLabels, int k) {
        double[] perQuery = precisionAtKPerQuery(distances, queryLabels, databaseLabels, k);
        return Estimate.ofSamples(perQuery);
    }

    /** The per-query precision@k behind {@link #precisionAtK} (same arguments). */
    public static double[] precisionAtKPerQuery(DMatrixRMaj distances, int[] queryLabels, int[] databaseLabels, int k) {
        Require.atLeastRows("distances", distances, 1);
        Require.finite("distances", distances);
        int q = distances.numRows;
        int m = distances.numCols;
        labels("queryLabels", queryLabels, q, "distances' rows");
        labels("databaseLabels", databaseLabels, m, "distances' columns");
        Require.inRange("k", k, 1, m);
        double[] out = new double[q];
        double[] row = new double[m];
        for (int i = 0; i < q; i++) {
            System.arraycopy(distances.data, i * m, row, 0, m);
            double r = kthSmallest(row.clone(), k);
            int s = 0;
            int sPlus = 0;
            int t = 0;
            int tPlus = 0;
            for (int j = 0; j < m; j++) {
                boolean relevant = databaseLabels[j] == queryLabels[i];
                if (row[j] < r) {
                    s++;
                    sPlus += relevant ? 1 : 0;
                } else if (row[j] == r) {
                    t++;
                    tPlus += relevant ? 1 : 0;
                }
            }
            out[i] = (sPlus + (k - s) * (double) tPlus / t) / k;
        }
        return out;
    }

    /** The expected precision of a random ranking, \(\frac1{|Q|}\sum_q \#\{j: y_j = y_q\}/m\). */
    public static double chance(int[] queryLabels, int[] databaseLabels) {
        Require.notNull("queryLabels", queryLabels);
        Require.notNull("databaseLabels", databaseLabels);
        Require.positive("queryLabels.length", queryLabels.length);
        Require.positive("databaseLabels.length", databaseLabels.length);
        labels("queryLabels", queryLabels, queryLabels.length, "");
        labels("databaseLabels", databaseLabels, databaseLabels.length, "");
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int y : databaseLabels) {
            counts.merge(y, 1, Integer::sum);
        }
        double s = 0;
        for (int y : queryLabels) {
            s += counts.getOrDefault(y, 0) / (double) databaseLabels.length;
        }
        return s / queryLabels.length;
    }

    /** The k-th smallest entry (1-based) of a scratch array (reordered). */
    static double kthSmallest(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int target = k - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double tmp = a[i];
                    a[i] = a[j];
                    a[j] = tmp;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }

    static void labels(String name, int[] labels, int expectedLength, String what) {
        Require.notNull(name, labels);
        if (labels.length != expectedLength) {
            throw new IllegalArgumentException(name + " must have length " + expectedLength + " (one per "
                    + what + "), got length " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + labels[i] + " at index " + i);
            }
        }
    }
}
