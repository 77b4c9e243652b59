package aelab.plot;

import aelab.core.Require;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The course's plots as static factories: XChart charts ({@link XYChart}, {@link CategoryChart}) that a notebook
 * can display or {@link Images#toImage render}, and {@link BufferedImage} grids of grayscale image tiles.
 * Everything is headless: nothing here opens a window.
 *
 * <p>Input rules, the same for every method: arrays and matrices must be non-empty and of matching lengths/shapes,
 * and every plotted value must be finite — NaN and ±∞ are rejected with an {@link IllegalArgumentException} naming
 * the series or argument and the first bad index (a diverged training run should be noticed, not silently drawn as
 * a gap). Image tiles are the exception for out-of-range finite values: they are clamped to [0, 1] (gray level
 * {@code round(255 * clamp(v, 0, 1))}, 0 = black, 1 = white).
 *
 * <p>Grid layout ({@link #reconstructionGrid}, {@link #imageGrid}, {@link #latentTraversalGrid}): each pixel of a
 * {@code w x h} image becomes an {@code s x s} block with {@code s = max(1, ceil(48 / max(w, h)))}; tiles are
 * separated by 2-pixel steel-blue borders, tile {@code (r, c)} starting at {@code (2 + c (w s + 2), 2 + r (h s + 2))}
 * from the grid's top-left corner. The grid is framed like a chart (white around it): a title above, row labels to
 * its left and column labels below, with axis titles saying what varies (see {@code Frame}).
 */
public final class Plots {
    /** Default chart width in pixels. */
    public static final int WIDTH = 800;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 500;

    /**
     * Series colours, in order: Okabe &amp; Ito's colour-blind-safe hues (blue, vermillion, bluish green) and Paul
     * Tol's (green, purple, indigo, wine), darkened where needed, with brown, grey and black — every one with a WCAG
     * contrast ratio of at least 3:1 against the white plot background (no yellow, orange or sky blue). Scatter
     * series also differ in marker shape, so that no reader depends on hue alone.
     */
    static final java.awt.Color[] PALETTE = {new java.awt.Color(0x0072B2), new java.awt.Color(0xD55E00),
        new java.awt.Color(0x117733), new java.awt.Color(0xAA4499), new java.awt.Color(0x332288),
        new java.awt.Color(0x8C510A), new java.awt.Color(0x009E73), new java.awt.Color(0x882255),
        new java.awt.Color(0x666666), new java.awt.Color(0x000000)};

    private Plots() {
    }

    // ------------------------------------------------------------------------------------------------ validation

    private static double[] nonEmptyFinite(String name, double[] values) {
        Require.notNull(name, values);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty, got length 0");
        }
        return Require.finite(name, values);
    }

    private static DMatrixRMaj nonEmptyFinite(String name, DMatrixRMaj m) {
        Require.notNull(name, m);
        if (m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException(name + " must not be empty, got " + Require.shapeOf(m));
        }
        return Require.finite(name, m);
    }

    private static void requireImages(String name, DMatrixRMaj images, int imageWidth, int imageHeight) {
        Require.positive("imageWidth", imageWidth);
        Require.positive("imageHeight", imageHeight);
        nonEmptyFinite(name, images);
        if ((long) imageWidth * imageHeight != images.numCols) {
            throw new IllegalArgumentException(name + " must have imageWidth*imageHeight = " + imageWidth + "*"
                    + imageHeight + " = " + ((long) imageWidth * imageHeight) + " columns, got "
                    + Require.shapeOf(images));
        }
    }

    private static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /** Name of the hidden series added by {@link #roundNumberXTicks}. */
    static final String TICK_LAYOUT_SERIES = "\u200b";

    /**
     * Makes XChart 3.8.8 put the x ticks at round numbers (0, 50, 100, …, at least its 74-pixel tick spacing hint
     * apart) instead of on data points. When the x values of all series together are equally spaced (epochs 1, 2, …,
     * 300), XChart labels every k-th data point and accepts labels whose gap is only a tenth of a label's width
     * ({@code AxisTickCalculator_.calculateForEquallySpacedAxisValues}), so "106121136" runs together. One hidden
     * point (no marker, no line, not in the legend) halfway between the first two x values, at the first series'
     * first y, breaks the equal spacing without changing the axis ranges. Call after the last series was added.
     */
    private static XYChart roundNumberXTicks(XYChart chart) {
        List<Double> xs = new ArrayList<>(new java.util.LinkedHashSet<>(chart.getSeriesMap().values().stream()
                .flatMap(series -> java.util.Arrays.stream(series.getXData()).boxed()).toList()));
        if (xs.size() < 3) {
            return chart;
        }
        XYSeries first = chart.getSeriesMap().values().iterator().next();
        double[] x = {(xs.get(0) + xs.get(1)) / 2};
        XYSeries hidden = chart.addSeries(TICK_LAYOUT_SERIES, x, new double[] {first.getYData()[0]});
        hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        hidden.setMarker(SeriesMarkers.NONE);
        hidden.setShowInLegend(false);
        return chart;
    }

    private static double[] column(double[] data, int numCols, int numRows, int j) {
        double[] out = new double[numRows];
        for (int i = 0; i < numRows; i++) {
            out[i] = data[i * numCols + j];
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ line charts

    /**
     * Training curves from a history table: one line per y column against the x column.
     *
     * @param history  a table with numeric columns, at least one row, no missing values. Not modified.
     * @param xColumn  name of the x column (e.g. "epoch")
     * @param yColumns names of the y columns (e.g. "loss", "kl", "reconstruction"); none ⇒ every numeric column
     *                 except {@code xColumn}
     */
    public static XYChart lossCurves(Table history, String xColumn, String... yColumns) {
        Require.notNull("history", history);
        Require.notNull("xColumn", xColumn);
        Require.notNull("yColumns", yColumns);
        if (history.rowCount() == 0) {
            throw new IllegalArgumentException("history must have at least 1 row, got 0");
        }
        double[] x = numericColumn(history, xColumn);
        List<String> names = new ArrayList<>(List.of(yColumns));
        if (names.isEmpty()) {
            for (Column<?> c : history.columns()) {
                if (c instanceof NumericColumn<?> && !c.name().equalsIgnoreCase(xColumn)) {
                    names.add(c.name());
                }
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException("history must have a numeric column besides \"" + xColumn
                        + "\", got columns " + history.columnNames());
            }
        }
        XYChart chart = xyChart(history.name() == null ? "training history" : history.name(), xColumn, "value");
        for (String name : names) {
            chart.addSeries(name, x, numericColumn(history, name));
        }
        return roundNumberXTicks(chart);
    }

    private static double[] numericColumn(Table table, String name) {
        Require.notNull("column name", name);
        if (!table.containsColumn(name)) {
            throw new IllegalArgumentException("history must have a column \"" + name + "\", got columns "
                    + table.columnNames());
        }
        Column<?> c = table.column(name);
        if (!(c instanceof NumericColumn<?> numeric)) {
            throw new IllegalArgumentException("column \"" + name + "\" must be numeric, got " + c.type());
        }
        if (c.countMissing() > 0) {
            int first = 0;
            while (!c.isMissing(first)) {
                first++;
            }
            throw new IllegalArgumentException("column \"" + name + "\" must have no missing or NaN values "
                    + "(Tablesaw stores NaN as missing), got " + c.countMissing() + " missing, the first at row "
                    + first);
        }
        return Require.finite("column \"" + name + "\"", numeric.asDoubleArray());
    }

    /** A single loss curve {@code values[i]} against epoch {@code i + 1}. */
    public static XYChart lossCurves(double[] values) {
        nonEmptyFinite("values", values);
        double[] epochs = new double[values.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        XYChart chart = xyChart("training loss", "epoch", "loss");
        chart.addSeries("loss", epochs, values);
        return roundNumberXTicks(chart);
    }

    /**
     * Generic lines: one series per map entry (in the map's iteration order), all against the same x values, e.g.
     * the variance of two gradient estimators against the sample size.
     *
     * @param series name ⇒ y values, each of length {@code x.length}. Not modified.
     */
    public static XYChart curves(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series) {
        nonEmptyFinite("x", x);
        Require.notNull("series", series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series must contain at least 1 entry, got 0");
        }
        XYChart chart = xyChart(title, xTitle, yTitle);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            String name = "series \"" + e.getKey() + "\"";
            Require.finite(name, Require.notNull(name, e.getValue()));
            Require.sameLength("x", x, name, e.getValue());
            chart.addSeries(e.getKey(), x, e.getValue());
        }
        return roundNumberXTicks(chart);
    }

    /**
     * {@link #curves} with logarithmic x and y axes (for power laws such as variance ∝ 1/n); every x and y value
     * must then be {@code > 0}.
     */
    public static XYChart curvesLogLog(String title, String xTitle, String yTitle, double[] x,
            Map<String, double[]> series) {
        Require.positive("x", x);
        XYChart chart = curves(title, xTitle, yTitle, x, series);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            Require.positive("series \"" + e.getKey() + "\"", e.getValue());
        }
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        return chart;
    }

    /**
     * The rate–distortion curve of a β-VAE sweep: distortion (reconstruction loss) against rate (KL term), one
     * marker per β, each annotated "β=…" (3 significant digits), points joined in order of increasing rate. Labels
     * are placed when the chart is drawn so that they never overlap one another or cover another marker: the labels
     * of coincident or nearby points (e.g. β = 3 and β = 10 both at rate ≈ 0) are stacked next to the marker instead
     * of drawn on top of each other (see {@code PointLabels}).
     *
     * @param betas       the β of each run
     * @param rates       KL term of each run, same length
     * @param distortions reconstruction loss of each run, same length
     */
    public static XYChart rateDistortion(double[] betas, double[] rates, double[] distortions) {
        nonEmptyFinite("betas", betas);
        nonEmptyFinite("rates", rates);
        nonEmptyFinite("distortions", distortions);
        Require.sameLength("betas", betas, "rates", rates);
        Require.sameLength("betas", betas, "distortions", distortions);
        Integer[] order = new Integer[rates.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(rates[a], rates[b]));
        double[] r = new double[order.length];
        double[] d = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            r[i] = rates[order[i]];
            d[i] = distortions[order[i]];
        }
        XYChart chart = xyChart("rate-distortion", "rate (KL)", "distortion (reconstruction)");
        chart.getStyler().setLegendVisible(false);
        XYSeries series = chart.addSeries("\u03b2 sweep", r, d);
        series.setMarker(SeriesMarkers.CIRCLE);
        String[] labels = new String[betas.length];
        for (int i = 0; i < betas.length; i++) {
            labels[i] = "\u03b2=" + threeSignificantDigits(betas[i]);
        }
        chart.addAnnotation(new PointLabels(labels, rates, distortions));
        return chart;
    }

    /** v to 3 significant digits without trailing zeros: 0.1 → "0.1", 10 → "10", 1/3 → "0.333", 1e-5 → "1e-05". */
    static String threeSignificantDigits(double v) {
        String text = String.format(Locale.ROOT, "%.3g", v);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
    }

    // ------------------------------------------------------------------------------------------------ scatter

    /**
     * A 2-D latent scatter plot, one coloured series per distinct label (legend "label k"), or a single series
     * "z" when {@code labels} is null.
     *
     * @param z      {@code n x 2} latent codes (or 2-D scores). Not modified.
     * @param labels length {@code n}, or {@code null}. Not modified.
     */
    public static XYChart latentScatter(DMatrixRMaj z, int[] labels) {
        return scatter("latent space", "z0", "z1", "z", z, labels);
    }

    private static XYChart scatter(String title, String xTitle, String yTitle, String name, DMatrixRMaj z,
            int[] labels) {
        nonEmptyFinite(name, z);
        Require.cols(name, z, 2);
        XYChart chart = xyChart(title, xTitle, yTitle);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setSeriesMarkers(new org.knowm.xchart.style.markers.Marker[] {SeriesMarkers.CIRCLE,
            SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN,
            SeriesMarkers.TRAPEZOID, SeriesMarkers.OVAL, SeriesMarkers.RECTANGLE});  // filled: solid palette colour
        int n = z.numRows;
        if (labels == null) {
            chart.addSeries(name, column(z.data, 2, n, 0), column(z.data, 2, n, 1));
            chart.getStyler().setLegendVisible(false);
            return chart;
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("labels must have length " + n + " (one per row of " + name
                    + "), got length " + labels.length);
        }
        Map<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Integer, List<Integer>> e : byLabel.entrySet()) {
            List<Integer> rows = e.getValue();
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = z.data[2 * rows.get(i)];
                y[i] = z.data[2 * rows.get(i) + 1];
            }
            chart.addSeries("label " + e.getKey(), x, y);
        }
        return chart;
    }

    /**
     * A 2-D vector field drawn as arrows, e.g. a denoising autoencoder's \(r(x)-x\) on a grid: arrow i runs from
     * \(p_i\) to \(p_i+c\,v_i\) (c = {@code scale}) and ends in a two-stroke head (strokes a quarter of the arrow
     * long, 25° either side of it). Arrows have the first palette colour and one legend entry,
     * {@code fieldName + " (× scale)"}; each reference curve (a polyline, e.g. the data manifold) is a line in the
     * next colours. Every line is solid (XChart would otherwise cycle dashed and dotted styles over the series). The axes span every tail, tip and curve point, with equal ranges on x and y so that directions
     * are not distorted on the square plot.
     *
     * @param fieldName the legend name of the arrows, e.g. "r(x) − x"
     * @param points    n×2 tails. Not modified.
     * @param vectors   n×2 vectors. Not modified.
     * @param scale     c &gt; 0, finite
     * @param curves    name ⇒ m×2 polyline (m ≥ 2), possibly empty. Not modified.
     */
    public static XYChart vectorField(String title, String xTitle, String yTitle, String fieldName,
            DMatrixRMaj points, DMatrixRMaj vectors, double scale, Map<String, DMatrixRMaj> curves) {
        Require.notNull("fieldName", fieldName);
        Require.cols("points", nonEmptyFinite("points", points), 2);
        Require.sameShape("points", points, "vectors", vectors);
        nonEmptyFinite("vectors", vectors);
        Require.finite("scale", scale);
        Require.positive("scale", scale);
        Require.notNull("curves", curves);
        XYChart chart = new XYChartBuilder().width(HEIGHT + 200).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        double headAngle = Math.toRadians(25);
        for (int i = 0; i < points.numRows; i++) {
            double x0 = points.get(i, 0);
            double y0 = points.get(i, 1);
            double dx = scale * vectors.get(i, 0);
            double dy = scale * vectors.get(i, 1);
            double x1 = x0 + dx;
            double y1 = y0 + dy;
            double back = Math.atan2(-dy, -dx);
            double head = 0.25 * Math.hypot(dx, dy);
            double[] xs = {x0, x1, x1 + head * Math.cos(back + headAngle), x1, x1 + head * Math.cos(back - headAngle)};
            double[] ys = {y0, y1, y1 + head * Math.sin(back + headAngle), y1, y1 + head * Math.sin(back - headAngle)};
            XYSeries arrow = chart.addSeries(i == 0 ? fieldName + " (× " + format(scale) + ")" : "\u200b" + i, xs, ys);
            arrow.setMarker(SeriesMarkers.NONE);
            arrow.setLineColor(PALETTE[0]);
            arrow.setLineWidth(1.2f);
            arrow.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID);
            arrow.setShowInLegend(i == 0);
            extend(range, xs, ys);
        }
        int colour = 1;
        for (Map.Entry<String, DMatrixRMaj> e : curves.entrySet()) {
            String name = "curve \"" + e.getKey() + "\"";
            DMatrixRMaj c = nonEmptyFinite(name, e.getValue());
            Require.cols(name, c, 2);
            Require.atLeastRows(name, c, 2);
            double[] xs = column(c.data, 2, c.numRows, 0);
            double[] ys = column(c.data, 2, c.numRows, 1);
            XYSeries curve = chart.addSeries(e.getKey(), xs, ys);
            curve.setMarker(SeriesMarkers.NONE);
            curve.setLineColor(PALETTE[colour++ % PALETTE.length]);
            curve.setLineWidth(2f);
            curve.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID);
            extend(range, xs, ys);
        }
        double half = Math.max(range[1] - range[0], range[3] - range[2]) / 2 * 1.05;
        if (half == 0) {
            half = 1;
        }
        double cx = (range[0] + range[1]) / 2;
        double cy = (range[2] + range[3]) / 2;
        chart.getStyler().setXAxisMin(cx - half).setXAxisMax(cx + half).setYAxisMin(cy - half).setYAxisMax(cy + half);
        return chart;
    }

    private static void extend(double[] range, double[] xs, double[] ys) {
        for (int k = 0; k < xs.length; k++) {
            range[0] = Math.min(range[0], xs[k]);
            range[1] = Math.max(range[1], xs[k]);
            range[2] = Math.min(range[2], ys[k]);
            range[3] = Math.max(range[3], ys[k]);
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * PCA against autoencoder: two label-coloured 2-D scatter plots side by side ({@code WIDTH x HEIGHT} each)
     * in one image, PCA scores on the left, autoencoder codes on the right.
     *
     * @param pcaScores {@code n x 2} projections on the first two principal components. Not modified.
     * @param aeScores  {@code n x 2} autoencoder codes. Not modified.
     * @param labels    length {@code n}, or {@code null}. Not modified.
     */
    public static BufferedImage projectionComparison(DMatrixRMaj pcaScores, DMatrixRMaj aeScores, int[] labels) {
        nonEmptyFinite("pcaScores", pcaScores);
        nonEmptyFinite("aeScores", aeScores);
        Require.sameShape("pcaScores", pcaScores, "aeScores", aeScores);
        XYChart pca = scatter("PCA", "PC 1", "PC 2", "pcaScores", pcaScores, labels);
        XYChart ae = scatter("autoencoder", "z0", "z1", "aeScores", aeScores, labels);
        return Images.sideBySide(Images.toImage(pca, WIDTH, HEIGHT), Images.toImage(ae, WIDTH, HEIGHT));
    }

    // ------------------------------------------------------------------------------------------------ histogram

    /** Most bin labels a histogram shows (every k-th bin is labelled beyond): at least 20 px apart at 800 px. */
    static final int MAX_BIN_LABELS = 25;

    /**
     * A histogram with {@code bins} equal-width bins over [min, max] of the values (the last bin includes max; when
     * all values are equal the range is [v − 0.5, v + 0.5]); bars are labelled by bin centre (at most
     * {@value #MAX_BIN_LABELS} labels: beyond, XChart labels every k-th bar).
     *
     * @param values finite, non-empty. Not modified.
     * @param bins   {@code >= 1}
     */
    public static CategoryChart histogram(double[] values, int bins, String title) {
        nonEmptyFinite("values", values);
        Require.positive("bins", bins);
        double lo = java.util.Arrays.stream(values).min().getAsDouble();
        double hi = java.util.Arrays.stream(values).max().getAsDouble();
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        double width = (hi - lo) / bins;
        double[] counts = new double[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
        }
        double[] centres = new double[bins];
        for (int b = 0; b < bins; b++) {
            centres[b] = lo + (b + 0.5) * width;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title == null ? "" : title)
                .xAxisTitle("value").yAxisTitle("count").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setAvailableSpaceFill(0.95);
        chart.getStyler().setXAxisDecimalPattern("#.###");
        chart.getStyler().setXAxisLabelRotation(bins > 12 ? 90 : 0);
        chart.getStyler().setXAxisMaxLabelCount(MAX_BIN_LABELS); // 50 rotated labels would be 3 px apart
        chart.addSeries(title == null || title.isBlank() ? "values" : title, centres, counts);
        return chart;
    }

    // ------------------------------------------------------------------------------------------------ image grids

    private static final java.awt.Color TEXT = java.awt.Color.BLACK;

    /** Centre, in pixels from the grid's left (or top) edge, of tile column (or row) i. */
    private static double tileCentre(int i, int tileSide, int scale) {
        return TileCanvas.tileX(i, tileSide, scale) + tileSide * scale / 2.0;
    }

    private static double[] tileCentres(int n, int tileSide, int scale) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = tileCentre(i, tileSide, scale);
        }
        return c;
    }

    private static String[] numbered(int n, int first, String prefix) {
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            s[i] = prefix + (first + i);
        }
        return s;
    }

    /**
     * The first {@code count} inputs (top row, labelled "input") above their reconstructions (bottom row, labelled
     * "reconstruction"), columns numbered 1 to {@code count} (x-axis title "example"), under the title "inputs and
     * their reconstructions".
     *
     * @param inputs  {@code n x (imageWidth*imageHeight)}, one image per row. Not modified.
     * @param outputs same shape as {@code inputs}. Not modified.
     * @param count   {@code 1 <= count <= n}
     */
    public static BufferedImage reconstructionGrid(DMatrixRMaj inputs, DMatrixRMaj outputs, int imageWidth,
            int imageHeight, int count) {
        return reconstructionFrame(inputs, outputs, imageWidth, imageHeight, count, TEXT).image();
    }

    static Frame reconstructionFrame(DMatrixRMaj inputs, DMatrixRMaj outputs, int imageWidth, int imageHeight,
            int count, java.awt.Color text) {
        requireImages("inputs", inputs, imageWidth, imageHeight);
        nonEmptyFinite("outputs", outputs);
        Require.sameShape("inputs", inputs, "outputs", outputs);
        Require.inRange("count", count, 1, inputs.numRows);
        TileCanvas canvas = new TileCanvas(2, count, imageWidth, imageHeight);
        int d = inputs.numCols;
        for (int i = 0; i < count; i++) {
            canvas.drawTile(0, i, inputs.data, i * d);
            canvas.drawTile(1, i, outputs.data, i * d);
        }
        return new Frame(canvas.image, "inputs and their reconstructions", "example",
                tileCentres(count, imageWidth, canvas.scale), numbered(count, 1, ""), null,
                tileCentres(2, imageHeight, canvas.scale), new String[] {"input", "reconstruction"}, text);
    }

    /**
     * All images (one per row of {@code images}) in a grid filled row by row, {@code min(columns, n)} tiles wide,
     * titled "images"; each row is labelled with the index of its first image and each column with its offset
     * ("+0", "+1", …), so image {@code i} sits at row label + column offset.
     *
     * @param images  {@code n x (imageWidth*imageHeight)}. Not modified.
     * @param columns {@code >= 1}
     */
    public static BufferedImage imageGrid(DMatrixRMaj images, int imageWidth, int imageHeight, int columns) {
        return imageGrid("images", null, images, imageWidth, imageHeight, columns);
    }

    /**
     * {@link #imageGrid(DMatrixRMaj, int, int, int)} with a title and, optionally, a label per grid row (e.g.
     * "test image", "PCA", "deep AE"); then columns are numbered from 1 (x-axis title "column").
     *
     * @param title     non-blank
     * @param rowLabels one per grid row ({@code ceil(n / min(columns, n))}), or {@code null} for image indices
     */
    public static BufferedImage imageGrid(String title, String[] rowLabels, DMatrixRMaj images, int imageWidth,
            int imageHeight, int columns) {
        return imageFrame(title, rowLabels, images, imageWidth, imageHeight, columns, TEXT).image();
    }

    static Frame imageFrame(String title, String[] rowLabels, DMatrixRMaj images, int imageWidth, int imageHeight,
            int columns, java.awt.Color text) {
        requireTitle(title);
        requireImages("images", images, imageWidth, imageHeight);
        Require.positive("columns", columns);
        int n = images.numRows;
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        if (rowLabels != null && rowLabels.length != rows) {
            throw new IllegalArgumentException("rowLabels must have one label per grid row (" + rows + " rows of "
                    + cols + " for " + n + " images), got length " + rowLabels.length);
        }
        TileCanvas canvas = new TileCanvas(rows, cols, imageWidth, imageHeight);
        for (int i = 0; i < n; i++) {
            canvas.drawTile(i / cols, i % cols, images.data, i * images.numCols);
        }
        double[] x = tileCentres(cols, imageWidth, canvas.scale);
        double[] y = tileCentres(rows, imageHeight, canvas.scale);
        if (rowLabels == null) {
            String[] first = new String[rows];
            for (int r = 0; r < rows; r++) {
                first[r] = String.valueOf(r * cols);
            }
            return new Frame(canvas.image, title, "+ column", x, numbered(cols, 0, "+"), "image index", y, first,
                    text);
        }
        for (int r = 0; r < rows; r++) {
            Require.notNull("rowLabels[" + r + "]", rowLabels[r]);
        }
        return new Frame(canvas.image, title, "column", x, numbered(cols, 1, ""), null, y, rowLabels.clone(), text);
    }

    private static void requireTitle(String title) {
        Require.notNull("title", title);
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank, got \"" + title + "\"");
        }
    }

    /**
     * Decodes a {@code steps x steps} grid of latent points and shows the decoded images: column {@code c} has
     * \(z_{\text{dimA}} = -\text{range} + c \cdot 2\,\text{range}/(\text{steps}-1)\) (left to right increasing),
     * row {@code r} has \(z_{\text{dimB}} = +\text{range} - r \cdot 2\,\text{range}/(\text{steps}-1)\) (top to
     * bottom decreasing, like a plot's y axis); all other latent coordinates are 0. The x axis is titled
     * {@code "z" + dimA} and the y axis {@code "z" + dimB} (0-based, as in {@link #latentScatter}), each column and
     * row labelled with its value (3 significant digits).
     *
     * <p>The decoder is called once with the {@code steps² x latentDim} matrix of grid points (row
     * {@code r * steps + c}) and must return {@code steps² x (imageWidth*imageHeight)} finite values.
     *
     * @param decoder a batch decoder, e.g. {@code z -> model.decode(z)}
     * @param range   {@code > 0}
     * @param steps   {@code >= 2}
     */
    public static BufferedImage latentTraversalGrid(UnaryOperator<DMatrixRMaj> decoder, int latentDim, int dimA,
            int dimB, double range, int steps, int imageWidth, int imageHeight) {
        return traversalFrame(decoder, latentDim, dimA, dimB, range, steps, imageWidth, imageHeight, TEXT).image();
    }

    static Frame traversalFrame(UnaryOperator<DMatrixRMaj> decoder, int latentDim, int dimA, int dimB, double range,
            int steps, int imageWidth, int imageHeight, java.awt.Color text) {
        Require.notNull("decoder", decoder);
        Require.positive("latentDim", latentDim);
        Require.inRange("dimA", dimA, 0, latentDim - 1);
        Require.inRange("dimB", dimB, 0, latentDim - 1);
        if (dimA == dimB) {
            throw new IllegalArgumentException("dimA and dimB must differ, got " + dimA + " and " + dimB);
        }
        Require.positive("range", range);
        Require.inRange("steps", steps, 2, 1000);
        Require.positive("imageWidth", imageWidth);
        Require.positive("imageHeight", imageHeight);
        double step = 2 * range / (steps - 1);
        DMatrixRMaj z = new DMatrixRMaj(steps * steps, latentDim);
        for (int r = 0; r < steps; r++) {
            for (int c = 0; c < steps; c++) {
                z.set(r * steps + c, dimA, -range + c * step);
                z.set(r * steps + c, dimB, range - r * step);
            }
        }
        DMatrixRMaj decoded = decoder.apply(z);
        Require.notNull("decoder output", decoded);
        Require.shape("decoder output", decoded, steps * steps, imageWidth * imageHeight);
        nonEmptyFinite("decoder output", decoded);
        TileCanvas canvas = new TileCanvas(steps, steps, imageWidth, imageHeight);
        for (int r = 0; r < steps; r++) {
            for (int c = 0; c < steps; c++) {
                canvas.drawTile(r, c, decoded.data, (r * steps + c) * decoded.numCols);
            }
        }
        String[] xValues = new String[steps];
        String[] yValues = new String[steps];
        for (int i = 0; i < steps; i++) {
            xValues[i] = gridValue(-range + i * step, range);
            yValues[i] = gridValue(range - i * step, range);
        }
        return new Frame(canvas.image, "decoded latent grid (other coordinates 0)", "z" + dimA,
                tileCentres(steps, imageWidth, canvas.scale), xValues, "z" + dimB,
                tileCentres(steps, imageHeight, canvas.scale), yValues, text);
    }

    /**
     * One-dimensional latent traversals: grid row r decodes \(z = t\,e_{\text{dims}[r]}\) (every other coordinate 0)
     * for the {@code steps} values \(t = -\text{range} + c \cdot 2\,\text{range}/(\text{steps}-1)\), column c left to
     * right. Rows are labelled {@code "z" + dims[r]} (0-based), columns with their value t (3 significant digits); the
     * x axis is titled "value of the traversed coordinate". The decoder is called once with the
     * {@code (dims.length·steps) x latentDim} matrix of points (row {@code r * steps + c}).
     *
     * @param decoder a batch decoder, e.g. {@code z -> model.decode(z)}
     * @param dims    distinct latent coordinates in [0, latentDim), at least one. Not modified.
     * @param range   {@code > 0}
     * @param steps   {@code >= 2}
     */
    public static BufferedImage latentTraversals(String title, UnaryOperator<DMatrixRMaj> decoder, int latentDim,
            int[] dims, double range, int steps, int imageWidth, int imageHeight) {
        Require.notNull("title", title);
        Require.notNull("decoder", decoder);
        Require.positive("latentDim", latentDim);
        Require.notNull("dims", dims);
        if (dims.length == 0) {
            throw new IllegalArgumentException("dims must name at least one latent coordinate");
        }
        for (int r = 0; r < dims.length; r++) {
            Require.inRange("dims[" + r + "]", dims[r], 0, latentDim - 1);
            for (int q = 0; q < r; q++) {
                if (dims[q] == dims[r]) {
                    throw new IllegalArgumentException("dims must be distinct, got " + dims[r] + " twice");
                }
            }
        }
        Require.positive("range", range);
        Require.inRange("steps", steps, 2, 1000);
        Require.positive("imageWidth", imageWidth);
        Require.positive("imageHeight", imageHeight);
        double step = 2 * range / (steps - 1);
        DMatrixRMaj z = new DMatrixRMaj(dims.length * steps, latentDim);
        for (int r = 0; r < dims.length; r++) {
            for (int c = 0; c < steps; c++) {
                z.set(r * steps + c, dims[r], -range + c * step);
            }
        }
        DMatrixRMaj decoded = decoder.apply(z);
        Require.notNull("decoder output", decoded);
        Require.shape("decoder output", decoded, dims.length * steps, imageWidth * imageHeight);
        nonEmptyFinite("decoder output", decoded);
        TileCanvas canvas = new TileCanvas(dims.length, steps, imageWidth, imageHeight);
        for (int r = 0; r < dims.length; r++) {
            for (int c = 0; c < steps; c++) {
                canvas.drawTile(r, c, decoded.data, (r * steps + c) * decoded.numCols);
            }
        }
        String[] xValues = new String[steps];
        for (int c = 0; c < steps; c++) {
            xValues[c] = gridValue(-range + c * step, range);
        }
        String[] yLabels = new String[dims.length];
        for (int r = 0; r < dims.length; r++) {
            yLabels[r] = "z" + dims[r];
        }
        return new Frame(canvas.image, title, "value of the traversed coordinate (others 0)",
                tileCentres(steps, imageWidth, canvas.scale), xValues, "traversed coordinate",
                tileCentres(dims.length, imageHeight, canvas.scale), yLabels, TEXT).image();
    }

    /** A grid value to 3 significant digits, with rounding noise around 0 shown as "0". */
    private static String gridValue(double v, double range) {
        return threeSignificantDigits(Math.abs(v) < 1e-9 * range ? 0.0 : v);
    }

    /** Convenience for {@link #curves}: an insertion-ordered map from alternating names and arrays. */
    public static Map<String, double[]> series(String name, double[] values, Object... more) {
        Require.notNull("name", name);
        Require.notNull("more", more);
        Map<String, double[]> map = new LinkedHashMap<>();
        map.put(name, values);
        if (more.length % 2 != 0) {
            throw new IllegalArgumentException("more must alternate names and arrays, got " + more.length
                    + " elements");
        }
        for (int i = 0; i < more.length; i += 2) {
            if (!(more[i] instanceof String s) || !(more[i + 1] instanceof double[] v)) {
                throw new IllegalArgumentException("more must alternate String names and double[] values, got "
                        + more[i] + " at index " + i);
            }
            map.put(s, v);
        }
        return map;
    }
}
