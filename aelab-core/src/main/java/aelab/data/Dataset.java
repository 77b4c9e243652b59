package aelab.data;

import aelab.core.Require;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * An immutable data set: a name, an {@code n x d} feature matrix \(X\) whose row \(i\) is example \(x_i \in
 * \mathbb{R}^d\), optional integer labels \(y_i\), and, for image data, the image width and height with
 * \(d = \text{width} \cdot \text{height}\) (pixels in row-major order).
 *
 * <p>Construction validates everything (non-empty, finite features, label count, image size) and copies the arrays;
 * accessors return copies, so nothing outside can change a {@code Dataset}. Because the features never change,
 * {@link #subset}, {@link #head}, {@link #shuffled} and {@link #split} share them with the original and store only
 * their row numbers (n ints, not n·d doubles): a 60,000×784 data set (376 MB of doubles) can be split and its
 * {@link #features()} copied in a 1 GB heap. A part keeps the original's features reachable.
 *
 * <p>{@link #shuffled} and {@link #split} permute the rows with the Fisher–Yates shuffle driven by an injected
 * generator (Knuth, <i>TAOCP</i> vol. 2, §3.4.2, Algorithm P): every permutation is equally likely, and the same
 * generator state gives the same permutation.
 */
public final class Dataset {
    private final String name;
    /** Row-major feature storage, {@code d} values per stored row; never exposed, never modified. */
    private final double[] store;
    /** Stored row of example i, or null when example i is stored row {@code first + i}. */
    private final int[] rowIndex;
    private final int first;
    private final int n;
    private final int d;
    private final int[] labels;
    private final int imageWidth;
    private final int imageHeight;

    private Dataset(String name, double[] store, int[] rowIndex, int first, int n, int d, int[] labels,
            int imageWidth, int imageHeight) {
        this.name = name;
        this.store = store;
        this.rowIndex = rowIndex;
        this.first = first;
        this.n = n;
        this.d = d;
        this.labels = labels;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
    }

    /** Offset in {@link #store} of example i's first feature. */
    private int offset(int i) {
        return (rowIndex == null ? first + i : rowIndex[i]) * d;
    }

    /**
     * A data set without image geometry.
     *
     * @param name     a non-blank name. Not modified.
     * @param features {@code n x d}, {@code n, d >= 1}, all entries finite. Not modified (copied).
     * @param labels   length {@code n}, or {@code null} for unlabelled data. Not modified (copied).
     */
    public static Dataset of(String name, DMatrixRMaj features, int[] labels) {
        return create(name, features, labels, 0, 0, true);
    }

    /**
     * A data set of images: row {@code i} of {@code features} is an {@code imageHeight x imageWidth} image in
     * row-major order, so {@code features} must have {@code imageWidth * imageHeight} columns.
     *
     * @param name        a non-blank name. Not modified.
     * @param features    {@code n x (imageWidth*imageHeight)}, all entries finite. Not modified (copied).
     * @param labels      length {@code n}, or {@code null}. Not modified (copied).
     * @param imageWidth  pixels per image row, {@code >= 1}.
     * @param imageHeight pixel rows per image, {@code >= 1}.
     */
    public static Dataset ofImages(String name, DMatrixRMaj features, int[] labels, int imageWidth, int imageHeight) {
        requireImageGeometry(features, imageWidth, imageHeight);
        return create(name, features, labels, imageWidth, imageHeight, true);
    }

    /**
     * {@link #ofImages} for a feature matrix and labels that the caller just made and hands over: they are validated
     * the same way but not copied (for readers in this package such as {@link ByteImages#toDataset}, so that a
     * data set of doubles exists once, not twice, while it is made). The caller must not keep or modify them.
     */
    static Dataset ofImagesTakingOwnership(String name, DMatrixRMaj features, int[] labels, int imageWidth,
            int imageHeight) {
        requireImageGeometry(features, imageWidth, imageHeight);
        return create(name, features, labels, imageWidth, imageHeight, false);
    }

    private static void requireImageGeometry(DMatrixRMaj features, int imageWidth, int imageHeight) {
        Require.positive("imageWidth", imageWidth);
        Require.positive("imageHeight", imageHeight);
        Require.notNull("features", features);
        if ((long) imageWidth * imageHeight != features.numCols) {
            throw new IllegalArgumentException("features must have imageWidth*imageHeight = " + imageWidth + "*"
                    + imageHeight + " = " + ((long) imageWidth * imageHeight) + " columns, got "
                    + Require.shapeOf(features));
        }
    }

    private static Dataset create(String name, DMatrixRMaj features, int[] labels, int width, int height,
            boolean copy) {
        Require.notNull("name", name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got \"" + name + "\"");
        }
        Require.notNull("features", features);
        if (features.numRows < 1 || features.numCols < 1) {
            throw new IllegalArgumentException("features must have at least 1 row and 1 column, got "
                    + Require.shapeOf(features));
        }
        Require.finite("features", features);
        if (labels != null && labels.length != features.numRows) {
            throw new IllegalArgumentException("labels must have length " + features.numRows
                    + " (one per row of features), got length " + labels.length);
        }
        double[] store = copy ? Arrays.copyOf(features.data, features.getNumElements()) : features.data;
        return new Dataset(name, store, null, 0, features.numRows, features.numCols,
                labels == null || !copy ? labels : labels.clone(), width, height);
    }

    /**
     * A train/test split of a data set: two disjoint parts whose rows together are the rows of the original.
     *
     * @param train the training part, non-empty
     * @param test  the held-out part, non-empty
     */
    public record Split(Dataset train, Dataset test) {
        /** Rejects null parts. */
        public Split {
            Require.notNull("train", train);
            Require.notNull("test", test);
        }
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    /** Number of examples {@code n}. */
    public int size() {
        return n;
    }

    /** Number of features {@code d} per example. */
    public int dimension() {
        return d;
    }

    /** A copy of the {@code n x d} feature matrix (the only full copy a caller gets; no other is made). */
    public DMatrixRMaj features() {
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        if (rowIndex == null) {
            System.arraycopy(store, first * d, out.data, 0, n * d);
        } else {
            for (int i = 0; i < n; i++) {
                System.arraycopy(store, rowIndex[i] * d, out.data, i * d, d);
            }
        }
        return out;
    }

    /** A copy of row {@code i} of the feature matrix. */
    public double[] row(int i) {
        Require.inRange("row index", i, 0, size() - 1);
        return Arrays.copyOfRange(store, offset(i), offset(i) + d);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of the features as a new (to−from)×d matrix (a batch). */
    public DMatrixRMaj rows(int from, int to) {
        return subset(from, to).features();
    }

    /** Whether the data set has labels. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** A copy of the labels; throws {@link IllegalStateException} when the data set has none. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("dataset \"" + name + "\" has no labels");
        }
        return labels.clone();
    }

    /** Label of example {@code i}; throws {@link IllegalStateException} when the data set has none. */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException("dataset \"" + name + "\" has no labels");
        }
        Require.inRange("row index", i, 0, size() - 1);
        return labels[i];
    }

    /** Whether the rows are images (then {@link #imageWidth()} and {@link #imageHeight()} are positive). */
    public boolean isImage() {
        return imageWidth > 0;
    }

    /** Pixels per image row, or 0 when the data are not images. */
    public int imageWidth() {
        return imageWidth;
    }

    /** Pixel rows per image, or 0 when the data are not images. */
    public int imageHeight() {
        return imageHeight;
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) as a new data set with the same name suffix
     * {@code "[from:to]"}, labels and image geometry. Requires {@code 0 <= from < to <= size()}.
     */
    public Dataset subset(int from, int to) {
        Require.inRange("from", from, 0, size() - 1);
        Require.inRange("to", to, from + 1, size());
        int[] partLabels = labels == null ? null : Arrays.copyOfRange(labels, from, to);
        String partName = name + "[" + from + ":" + to + "]";
        if (rowIndex == null) {
            return new Dataset(partName, store, null, first + from, to - from, d, partLabels, imageWidth, imageHeight);
        }
        return new Dataset(partName, store, Arrays.copyOfRange(rowIndex, from, to), 0, to - from, d, partLabels,
                imageWidth, imageHeight);
    }

    /** The first {@code n} rows, {@code 1 <= n <= size()}; same as {@code subset(0, n)}. */
    public Dataset head(int n) {
        Require.inRange("n", n, 1, size());
        return subset(0, n);
    }

    /**
     * The rows in a uniformly random order (Fisher–Yates), labels moving with their rows, image geometry kept; the
     * name gets the suffix {@code "[shuffled]"}.
     *
     * @param rng Modified: {@code size() - 1} draws of {@code nextInt(bound)}.
     */
    public Dataset shuffled(RandomGenerator rng) {
        return rowsAt(permutation(size(), rng), 0, size(), name + "[shuffled]");
    }

    /**
     * A random train/test split: the rows are shuffled as by {@link #shuffled(RandomGenerator)}, then the first
     * \(n_{	ext{train}} = \mathrm{round}(	ext{trainFraction}\cdot n)\) shuffled rows form the training part and the
     * other \(n - n_{	ext{train}}\) the test part (names suffixed {@code "[train]"} and {@code "[test]"}). Labels
     * stay with their rows and both parts keep the image geometry. Not stratified.
     *
     * @param trainFraction in (0, 1), such that both parts get at least one row
     * @param rng           Modified: {@code size() - 1} draws of {@code nextInt(bound)}.
     * @throws IllegalArgumentException when trainFraction is outside (0, 1) or leaves a part empty, e.g.
     *                                  {@code "trainFraction must leave at least 1 row in each part of the 10 rows,
     *                                  got 0.99 (10 train, 0 test)"}
     */
    public Split split(double trainFraction, RandomGenerator rng) {
        Require.inOpenRange("trainFraction", trainFraction, 0, 1);
        Require.notNull("rng", rng);
        int n = size();
        int trainSize = (int) Math.round(trainFraction * n);
        if (trainSize < 1 || trainSize > n - 1) {
            throw new IllegalArgumentException("trainFraction must leave at least 1 row in each part of the " + n
                    + (n == 1 ? " row" : " rows") + ", got " + trainFraction + " (" + trainSize + " train, "
                    + (n - trainSize) + " test)");
        }
        int[] order = permutation(n, rng);
        return new Split(rowsAt(order, 0, trainSize, name + "[train]"), rowsAt(order, trainSize, n, name + "[test]"));
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates, from the last position down). */
    private static int[] permutation(int n, RandomGenerator rng) {
        Require.notNull("rng", rng);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The rows order[from..to) as a new data set with the given name, sharing this one's feature storage. */
    private Dataset rowsAt(int[] order, int from, int to, String newName) {
        int[] partRows = new int[to - from];
        int[] partLabels = labels == null ? null : new int[to - from];
        for (int i = from; i < to; i++) {
            partRows[i - from] = offset(order[i]) / d;
            if (partLabels != null) {
                partLabels[i - from] = labels[order[i]];
            }
        }
        return new Dataset(newName, store, partRows, 0, to - from, d, partLabels, imageWidth, imageHeight);
    }

    /**
     * The data as a Tablesaw table named {@link #name()}: double columns {@code x0 .. x(d-1)} holding the features,
     * then an int column {@code label} when the data set has labels.
     */
    public Table toTable() {
        Table table = Table.create(name);
        for (int j = 0; j < d; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = store[offset(i) + j];
            }
            table.addColumns(DoubleColumn.create("x" + j, column));
        }
        if (labels != null) {
            table.addColumns(IntColumn.create("label", labels.clone()));
        }
        return table;
    }

    @Override
    public String toString() {
        return "Dataset \"" + name + "\": " + size() + " x " + dimension()
                + (isImage() ? " (" + imageWidth + "x" + imageHeight + " images)" : "")
                + (hasLabels() ? ", labelled" : ", unlabelled");
    }
}
