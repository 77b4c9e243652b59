package aelab.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Argument validation with one message format for the whole library: the message names the argument, the expected
 * shape or range, and the value received, e.g. {@code "decoder input must be 64x8, got 64x10"}.
 *
 * <p>All checks are NaN-safe: a range test is written so that NaN fails it ({@code if (!(v > 0))}).
 */
public final class Require {
    private Require() {
    }

    /** "RxC" of a matrix, or "null". */
    public static String shapeOf(DMatrixRMaj m) {
        return m == null ? "null" : m.numRows + "x" + m.numCols;
    }

    /**
     * Rejects an output argument that aliases an input (the same matrix, or a matrix sharing its data array), for
     * operations documented "must not alias": {@code "out must not alias secondMoment, got the same matrix"}. A null
     * output (allocate) or input passes.
     */
    public static void notAliased(String outName, DMatrixRMaj out, String inName, DMatrixRMaj in) {
        if (out != null && in != null && (out == in || out.data == in.data)) {
            throw new IllegalArgumentException(outName + " must not alias " + inName + ", got "
                    + (out == in ? "the same matrix" : "a matrix sharing its data array"));
        }
    }

    /** Rejects null. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Requires {@code m} to be rows x cols. */
    public static DMatrixRMaj shape(String name, DMatrixRMaj m, int rows, int cols) {
        notNull(name, m);
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(name + " must be " + rows + "x" + cols + ", got " + shapeOf(m));
        }
        return m;
    }

    /** Requires {@code m} to have the given number of rows. */
    public static DMatrixRMaj rows(String name, DMatrixRMaj m, int rows) {
        notNull(name, m);
        if (m.numRows != rows) {
            throw new IllegalArgumentException(name + " must have " + rows + " rows, got " + shapeOf(m));
        }
        return m;
    }

    /** Requires {@code m} to have the given number of columns. */
    public static DMatrixRMaj cols(String name, DMatrixRMaj m, int cols) {
        notNull(name, m);
        if (m.numCols != cols) {
            throw new IllegalArgumentException(name + " must have " + cols + " columns, got " + shapeOf(m));
        }
        return m;
    }

    /**
     * Requires {@code m} to have at least {@code minRows} rows, e.g. {@code "data must have at least 1 row, got 0x3"}.
     */
    public static DMatrixRMaj atLeastRows(String name, DMatrixRMaj m, int minRows) {
        notNull(name, m);
        if (m.numRows < minRows) {
            throw new IllegalArgumentException(name + " must have at least " + minRows + (minRows == 1 ? " row" : " rows")
                    + ", got " + shapeOf(m));
        }
        return m;
    }

    /** Requires a square matrix. */
    public static DMatrixRMaj square(String name, DMatrixRMaj m) {
        notNull(name, m);
        if (m.numRows != m.numCols) {
            throw new IllegalArgumentException(name + " must be square, got " + shapeOf(m));
        }
        return m;
    }

    /**
     * Requires a square, finite, symmetric matrix. Entry pairs are compared relative to their own scale (so the test
     * does not depend on the units of m): for every i &lt; j,
     * \(|m_{ij} - m_{ji}| \le \text{relativeTolerance}\cdot\max(|m_{ij}|, |m_{ji}|, \sqrt{|m_{ii}m_{jj}|})\)
     * (for a covariance, \(\sqrt{m_{ii}m_{jj}}\) bounds \(|m_{ij}|\)). The message names the first offending pair in
     * row-major order: {@code "Sigma must be symmetric, got Sigma(0,1)=0.5 but Sigma(1,0)=0.2"}.
     *
     * @param relativeTolerance in [0, 1), e.g. 1e-10 to accept round-off
     */
    public static DMatrixRMaj symmetric(String name, DMatrixRMaj m, double relativeTolerance) {
        inHalfOpenUnitInterval("relativeTolerance", relativeTolerance);
        square(name, m);
        finite(name, m);
        int n = m.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double aij = m.get(i, j);
                double aji = m.get(j, i);
                double scale = Math.max(Math.max(Math.abs(aij), Math.abs(aji)), Math.sqrt(Math.abs(m.get(i, i)
                        * m.get(j, j))));
                if (Math.abs(aij - aji) > relativeTolerance * scale) {
                    throw new IllegalArgumentException(name + " must be symmetric, got " + name + "(" + i + "," + j
                            + ")=" + aij + " but " + name + "(" + j + "," + i + ")=" + aji);
                }
            }
        }
        return m;
    }

    /** The largest array length a JVM allocates (a few header words below Integer.MAX_VALUE). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /**
     * Requires a {@code rows x cols} matrix to fit in one Java array (rows·cols at most {@link #MAX_ARRAY_LENGTH}),
     * before anything is allocated, so that a huge size gets this message rather than EJML's "Matrix size exceeds
     * the size of an integer" or a NegativeArraySizeException from an overflowed product:
     * {@code "n x d (the sample matrix) must have at most 2147483639 entries, got 3000000000 x 784"}.
     */
    public static void matrixSize(String name, long rows, long cols) {
        if (rows < 0 || cols < 0 || (rows > 0 && cols > MAX_ARRAY_LENGTH / rows)) {
            throw new IllegalArgumentException(name + " must have at most " + MAX_ARRAY_LENGTH + " entries, got "
                    + rows + " x " + cols + (rows >= 0 && cols >= 0 ? " = " + java.math.BigInteger.valueOf(rows)
                    .multiply(java.math.BigInteger.valueOf(cols)) : ""));
        }
    }

    /** Requires a vector of the given length. */
    public static double[] length(String name, double[] v, int length) {
        notNull(name, v);
        if (v.length != length) {
            throw new IllegalArgumentException(name + " must have length " + length + ", got length " + v.length);
        }
        return v;
    }

    /** Requires two vectors of equal length. */
    public static void sameLength(String nameA, double[] a, String nameB, double[] b) {
        notNull(nameA, a);
        notNull(nameB, b);
        if (a.length != b.length) {
            throw new IllegalArgumentException(nameA + " and " + nameB + " must have the same length, got "
                    + a.length + " and " + b.length);
        }
    }

    /** Requires two matrices of equal shape. */
    public static void sameShape(String nameA, DMatrixRMaj a, String nameB, DMatrixRMaj b) {
        notNull(nameA, a);
        notNull(nameB, b);
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException(nameA + " and " + nameB + " must have the same shape, got "
                    + shapeOf(a) + " and " + shapeOf(b));
        }
    }

    /** Requires a finite number. */
    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
        return v;
    }

    /** Requires every entry to be finite; the message names the first bad index. */
    public static double[] finite(String name, double[] v) {
        notNull(name, v);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + " must be finite, got " + v[i] + " at index " + i);
            }
        }
        return v;
    }

    /** Requires every entry to be finite; the message names the first bad (row, column). */
    public static DMatrixRMaj finite(String name, DMatrixRMaj m) {
        notNull(name, m);
        double[] d = m.data;
        int n = m.getNumElements();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException(name + " must be finite, got " + d[i] + " at (" + (i / m.numCols)
                        + "," + (i % m.numCols) + ")");
            }
        }
        return m;
    }

    /** Requires {@code v > 0} (rejects 0, negatives and NaN). */
    public static double positive(String name, double v) {
        if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v);
        }
        return v;
    }

    /** Requires {@code v >= 0} and finite. */
    public static double nonNegative(String name, double v) {
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
        }
        return v;
    }

    /** Requires every entry {@code > 0} and finite. */
    public static double[] positive(String name, double[] v) {
        notNull(name, v);
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0) || v[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v[i] + " at index " + i);
            }
        }
        return v;
    }

    /** Requires every entry {@code > 0} (e.g. layer widths); the message names the entry as {@code name[i]}. */
    public static int[] positive(String name, int[] v) {
        notNull(name, v);
        for (int i = 0; i < v.length; i++) {
            positive(name + "[" + i + "]", v[i]);
        }
        return v;
    }

    /** Requires {@code v > 0}. */
    public static int positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
        return v;
    }

    /** Requires {@code lo <= v <= hi}. */
    public static int inRange(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
        }
        return v;
    }

    /** Requires {@code lo <= v <= hi} (NaN fails). */
    public static double inRange(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
        }
        return v;
    }

    /**
     * Requires {@code 0 <= v < 1} (NaN fails), the range of a momentum, an Adam β or a drop probability:
     * {@code "beta1 must be in [0, 1), got 1.0"}.
     */
    public static double inHalfOpenUnitInterval(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
        }
        return v;
    }

    /** Requires {@code lo < v < hi} (NaN fails). */
    public static double inOpenRange(String name, double v, double lo, double hi) {
        if (!(v > lo && v < hi)) {
            throw new IllegalArgumentException(name + " must be in (" + lo + ", " + hi + "), got " + v);
        }
        return v;
    }
}
