package aelab.eval;

import aelab.core.Interrupts;
import aelab.core.Require;
import aelab.linalg.Gemm;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * k-means clustering of the rows of an n×d matrix: seeded k-means++ initialisation, Lloyd iterations, the best of
 * several restarts.
 *
 * <p>Objective (inertia): \(J = \sum_i \min_c \lVert x_i - \mu_c\rVert^2\). <b>Lloyd's algorithm</b> (Lloyd 1982,
 * IEEE Trans. Inf. Theory 28(2)) alternates (1) assign each row to its nearest centre, ties to the smaller centre
 * index, and (2) move each centre to the mean of its rows; a centre left with no row stays where it is. It stops when
 * no assignment changes (then J is at a local minimum of the assignment step) or after {@code maxIterations}
 * assignment steps. Distances use \(\lVert x\rVert^2 + \lVert\mu\rVert^2 - 2x\cdot\mu\) with one matrix product per
 * iteration ({@link Gemm#multTransB}), as scikit-learn does.
 *
 * <p><b>k-means++</b> (Arthur &amp; Vassilvitskii 2007, SODA, "k-means++: the advantages of careful seeding"): the
 * first centre is a uniformly drawn row; each next one is row i with probability \(D(x_i)^2/\sum_j D(x_j)^2\), D the
 * distance to the nearest centre chosen so far (one {@code nextDouble()} per draw). <b>Restarts</b>: the whole
 * procedure runs {@code restarts} times from the same generator in sequence and the run with the smallest J is kept
 * (the first on ties). Same data, arguments and seed give the same bits.
 *
 * <p>Interruptible: {@link Interrupts#check} between iterations ({@link aelab.core.InterruptedComputationException}).
 */
public final class KMeans {
    private final DMatrixRMaj centres;
    private final int[] assignments;
    private final double inertia;
    private final int iterations;
    private final boolean converged;

    private KMeans(DMatrixRMaj centres, int[] assignments, double inertia, int iterations, boolean converged) {
        this.centres = centres;
        this.assignments = assignments;
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
    }

    /**
     * The best of {@code restarts} k-means++ + Lloyd runs.
     *
     * @param data          n×d, finite, n ≥ k. Not modified.
     * @param k             number of clusters, in [1, n]
     * @param restarts      ≥ 1
     * @param maxIterations ≥ 1 assignment steps per run
     * @param rng           Modified.
     */
    public static KMeans fit(DMatrixRMaj data, int k, int restarts, int maxIterations, RandomGenerator rng) {
        validate(data, k, maxIterations);
        Require.positive("restarts", restarts);
        Require.notNull("rng", rng);
        KMeans best = null;
        for (int r = 0; r < restarts; r++) {
            KMeans run = lloydValidated(data, plusPlusValidated(data, k, rng), maxIterations);
            if (best == null || run.inertia < best.inertia) {
                best = run;
            }
        }
        return best;
    }

    /**
     * Lloyd iterations from given initial centres (k×d, finite; Not modified): the deterministic part of
     * {@link #fit}, e.g. to compare with another implementation started from the same centres.
     */
    public static KMeans lloyd(DMatrixRMaj data, DMatrixRMaj initialCentres, int maxIterations) {
        Require.notNull("initialCentres", initialCentres);
        validate(data, initialCentres.numRows, maxIterations);
        Require.cols("initialCentres", initialCentres, data.numCols);
        Require.finite("initialCentres", initialCentres);
        return lloydValidated(data, initialCentres.copy(), maxIterations);
    }

    /** k-means++ initial centres (k×d), as in {@link #fit}. data: n×d, finite, n ≥ k; Not modified. rng: Modified. */
    public static DMatrixRMaj plusPlus(DMatrixRMaj data, int k, RandomGenerator rng) {
        validate(data, k, 1);
        Require.notNull("rng", rng);
        return plusPlusValidated(data, k, rng);
    }

    private static void validate(DMatrixRMaj data, int k, int maxIterations) {
        Require.atLeastRows("data", data, 1);
        Require.finite("data", data);
        if (k < 1 || k > data.numRows) {
            throw new IllegalArgumentException("k must be in [1, " + data.numRows + "] (the number of rows of data), got "
                    + k);
        }
        Require.positive("maxIterations", maxIterations);
    }

    private static DMatrixRMaj plusPlusValidated(DMatrixRMaj data, int k, RandomGenerator rng) {
        int n = data.numRows;
        int d = data.numCols;
        DMatrixRMaj c = new DMatrixRMaj(k, d);
        double[] nearest = new double[n];
        int first = rng.nextInt(n);
        System.arraycopy(data.data, first * d, c.data, 0, d);
        for (int i = 0; i < n; i++) {
            nearest[i] = squaredDistance(data, i, c, 0);
        }
        for (int m = 1; m < k; m++) {
            Interrupts.check("k-means++ initialisation", m, k, "centres");
            double total = 0;
            for (double v : nearest) {
                total += v;
            }
            int chosen;
            if (total > 0) {
                double u = rng.nextDouble() * total;
                double cum = 0;
                chosen = -1;
                for (int i = 0; i < n; i++) {
                    if (nearest[i] > 0) {
                        chosen = i;
                        cum += nearest[i];
                        if (u < cum) {
                            break;
                        }
                    }
                }
            } else {
                chosen = rng.nextInt(n); // every row coincides with a centre: any row will do
            }
            System.arraycopy(data.data, chosen * d, c.data, m * d, d);
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(data, i, c, m));
            }
        }
        return c;
    }

    private static KMeans lloydValidated(DMatrixRMaj data, DMatrixRMaj centres, int maxIterations) {
        int n = data.numRows;
        int d = data.numCols;
        int k = centres.numRows;
        double[] rowNorms = Distances.rowSquaredNorms(data);
        int[] assign = new int[n];
        java.util.Arrays.fill(assign, -1);
        DMatrixRMaj cross = new DMatrixRMaj(n, k);
        boolean converged = false;
        int it = 0;
        while (it < maxIterations) {
            Interrupts.check("k-means", it, maxIterations, "iterations");
            it++;
            boolean changed = assignStep(data, rowNorms, centres, cross, assign);
            if (!changed) {
                converged = true;
                break;
            }
            updateStep(data, assign, centres);
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            inertia += squaredDistance(data, i, centres, assign[i]);
        }
        return new KMeans(centres, assign, inertia, it, converged);
    }

    private static boolean assignStep(DMatrixRMaj data, double[] rowNorms, DMatrixRMaj centres, DMatrixRMaj cross,
            int[] assign) {
        int k = centres.numRows;
        Gemm.multTransB(data, centres, cross);
        double[] cNorms = Distances.rowSquaredNorms(centres);
        boolean changed = false;
        for (int i = 0; i < data.numRows; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dist = rowNorms[i] + cNorms[c] - 2 * cross.data[i * k + c];
                if (dist < bestD) {
                    bestD = dist;
                    best = c;
                }
            }
            if (assign[i] != best) {
                assign[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    private static void updateStep(DMatrixRMaj data, int[] assign, DMatrixRMaj centres) {
        int d = data.numCols;
        int k = centres.numRows;
        double[] sum = new double[k * d];
        int[] count = new int[k];
        for (int i = 0; i < data.numRows; i++) {
            int c = assign[i];
            count[c]++;
            for (int t = 0; t < d; t++) {
                sum[c * d + t] += data.data[i * d + t];
            }
        }
        for (int c = 0; c < k; c++) {
            if (count[c] > 0) {
                for (int t = 0; t < d; t++) {
                    centres.data[c * d + t] = sum[c * d + t] / count[c];
                }
            }
        }
    }

    private static double squaredDistance(DMatrixRMaj x, int i, DMatrixRMaj c, int m) {
        int d = x.numCols;
        double s = 0;
        for (int t = 0; t < d; t++) {
            double r = x.data[i * d + t] - c.data[m * d + t];
            s += r * r;
        }
        return s;
    }

    /** The k×d centres (a copy). */
    public DMatrixRMaj centres() {
        return centres.copy();
    }

    /** Each row's cluster index in [0, k) (a copy). */
    public int[] assignments() {
        return assignments.clone();
    }

    /** J, the summed squared distance of each row to its centre (computed directly, not by the expansion). */
    public double inertia() {
        return inertia;
    }

    /** Assignment steps taken by the kept run (the last one found no change when {@link #converged()}). */
    public int iterations() {
        return iterations;
    }

    /** Whether the kept run stopped because no assignment changed. */
    public boolean converged() {
        return converged;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "KMeans(k=%d, inertia %.6g, %d iterations%s)", centres.numRows,
                inertia, iterations, converged ? ", converged" : ", not converged");
    }
}
