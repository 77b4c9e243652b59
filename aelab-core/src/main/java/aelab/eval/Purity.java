package aelab.eval;

import aelab.core.Require;
import java.util.HashMap;
import java.util.Map;

/**
 * Purity of a clustering against class labels (Manning, Raghavan &amp; Schütze, <i>Introduction to Information
 * Retrieval</i>, 2008, §16.3, eq. 16.1):
 * \[ \mathrm{purity}(\Omega, C) = \frac1n\sum_k \max_j |\omega_k \cap c_j|, \]
 * each cluster counted as its most frequent class. 1 is perfect; it rises with the number of clusters (n singleton
 * clusters have purity 1), so compare clusterings with the same k. Assigning every point to one cluster gives the
 * largest class share, and a clustering independent of the labels gives, in expectation, at least that.
 */
public final class Purity {
    private Purity() {
    }

    /**
     * Purity of {@code clusters} against {@code labels}: equal, non-zero lengths, entries ≥ 0 (Not modified).
     */
    public static double of(int[] clusters, int[] labels) {
        Require.notNull("clusters", clusters);
        Require.positive("clusters.length", clusters.length);
        Retrieval.labels("labels", labels, clusters.length, "cluster assignment");
        Retrieval.labels("clusters", clusters, clusters.length, "sample");
        Map<Integer, Map<Integer, Integer>> table = new HashMap<>();
        for (int i = 0; i < clusters.length; i++) {
            table.computeIfAbsent(clusters[i], c -> new HashMap<>()).merge(labels[i], 1, Integer::sum);
        }
        long sum = 0;
        for (Map<Integer, Integer> row : table.values()) {
            int max = 0;
            for (int v : row.values()) {
                max = Math.max(max, v);
            }
            sum += max;
        }
        return sum / (double) clusters.length;
    }
}
