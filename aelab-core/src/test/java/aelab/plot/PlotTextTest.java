package aelab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Text on the rendered pixels of every plot type of {@link Plots}, with the data sizes the notebooks use (300 epochs,
 * 121 grid points, 50 histogram bins, 1000 scatter points, long series names, 12-column grids of 28x28 images).
 *
 * <p>Charts: the ink of each kind of text (title and legend, x-axis title, y-axis title, x tick labels, y tick
 * labels, point labels) is found by rendering the chart once as it is and once with that kind drawn in a fully
 * transparent colour: the layout is the same, so the pixels that differ are that text's ink. Checked: the title and
 * both axis titles have ink; inks of different kinds are at least 2 pixels apart; and tick labels are readable —
 * between the centres of two neighbouring tick labels XChart drew (its own tick positions, read from the chart after
 * painting), the ink-free gap must be at least {@link Frame#MIN_GAP} pixels (half an em of the 12-point tick font),
 * for the x axis in columns and for the y axis in rows. XChart's own test accepts a gap of a tenth of a label's width,
 * which is how "106121136" ran together in notebook 01.
 *
 * <p>Image grids: every text element drawn (title, axis titles, tick labels) has ink, inside its box, and no two
 * elements' boxes come within 2 pixels of each other; text ink is again found with a transparent text colour.
 */
class PlotTextTest {
    private static final Color CLEAR = new Color(0, 0, 0, 0);

    // ------------------------------------------------------------------------------------------------ realistic data

    private static double[] decaying(int n, double scale, double rate) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * Math.exp(-rate * i) + 0.01 * scale;
        }
        return v;
    }

    private static double[] range(double from, double step, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + step * i;
        }
        return x;
    }

    private static Table history(int epochs) {
        return Table.create("training history", IntColumn.create("epoch", java.util.stream.IntStream
                        .rangeClosed(1, epochs).toArray()),
                DoubleColumn.create("loss", decaying(epochs, 45, 0.1)),
                DoubleColumn.create("reconstruction", decaying(epochs, 40, 0.12)),
                DoubleColumn.create("kl", decaying(epochs, 5, 0.05)));
    }

    private static DMatrixRMaj gaussian(int rows, int cols, long seed) {
        return PlotsTest.gaussian(rows, cols, seed);
    }

    private static DMatrixRMaj uniform(int rows, int cols, long seed) {
        return PlotsTest.uniform(rows, cols, seed);
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
        }
        return y;
    }

    static Stream<Arguments> charts() {
        double[] grid = range(-3, 0.05, 121);
        Map<String, double[]> denoisers = new LinkedHashMap<>();
        for (String name : new String[] {"E[x|x~], sigma = 0.5", "E[x|x~], sigma = 1", "trained DAE, sigma = 1",
            "linear w* x~, sigma = 0.5", "linear w* x~, sigma = 1", "identity"}) {
            denoisers.put(name, java.util.Arrays.stream(grid).map(t -> 2 * Math.tanh(t * (1 + name.length() % 3)))
                    .toArray());
        }
        Map<String, double[]> kl = new LinkedHashMap<>();
        for (double beta : new double[] {0.1, 0.3, 1, 3, 10}) {
            kl.put("\u03b2 = " + beta, decaying(8, 2 / beta, 0.3));
        }
        double[] logN = {1, 1.477, 2, 2.477, 3, 3.477, 4};
        double[] histogramValues = uniform(1797 * 100, 1, 5).data;
        for (int i = 0; i < histogramValues.length; i++) {
            histogramValues[i] = Math.pow(histogramValues[i], 6);
        }
        List<Arguments> list = new ArrayList<>();
        list.add(Arguments.of("lossCurves(double[300])", (Supplier<Chart<?, ?>>) () -> Plots.lossCurves(
                decaying(300, 2, 0.01))));
        list.add(Arguments.of("curves, 300 epochs (notebook 01)", (Supplier<Chart<?, ?>>) () -> Plots.curves(
                "Gradient descent: distance to the PCA subspace", "epoch", "log10 largest principal angle (rad)",
                range(1, 1, 300), Plots.series("linear AE 5-2-5", range(0, -0.0073, 300)))));
        list.add(Arguments.of("lossCurves(table, 40 epochs)", (Supplier<Chart<?, ?>>) () -> Plots.lossCurves(
                history(40), "epoch", "loss", "reconstruction", "kl")));
        list.add(Arguments.of("lossCurves(table, 12 epochs)", (Supplier<Chart<?, ?>>) () -> Plots.lossCurves(
                history(12), "epoch")));
        list.add(Arguments.of("curves, 121 points, 6 long names (notebook 03)", (Supplier<Chart<?, ?>>) () ->
                Plots.curves("Denoisers for x in {-2, 2}", "corrupted input x~", "output", grid, denoisers)));
        list.add(Arguments.of("curves, 8 ranks (notebook 10)", (Supplier<Chart<?, ?>>) () -> Plots.curves(
                "KL per latent dimension, largest first", "dimension rank", "KL (nats)", range(1, 1, 8), kl)));
        list.add(Arguments.of("curves, log10 n (notebook 07)", (Supplier<Chart<?, ?>>) () -> Plots.curves(
                "Standard error of the d/dmu estimate", "log10 samples", "log10 standard error", logN,
                Plots.series("score function", range(-0.5, -0.5, 7), "pathwise (reparameterized)",
                        range(-1.5, -0.5, 7)))));
        list.add(Arguments.of("curvesLogLog", (Supplier<Chart<?, ?>>) () -> Plots.curvesLogLog("gradient variance",
                "samples", "variance", new double[] {10, 30, 100, 300, 1000, 3000, 10000},
                Plots.series("score function", decaying(7, 50, 1), "pathwise", decaying(7, 2, 1)))));
        list.add(Arguments.of("rateDistortion (notebook 10)", (Supplier<Chart<?, ?>>) () -> Plots.rateDistortion(
                new double[] {0.1, 0.3, 1, 3, 10}, new double[] {12.98, 7.16, 2.49, 0.012, 0.002},
                new double[] {18.35, 19.6, 22.36, 26.57, 26.6})));
        list.add(Arguments.of("latentScatter, 1000 points", (Supplier<Chart<?, ?>>) () -> Plots.latentScatter(
                gaussian(1000, 2, 1), labels(1000))));
        list.add(Arguments.of("latentScatter unlabelled", (Supplier<Chart<?, ?>>) () -> Plots.latentScatter(
                gaussian(300, 2, 2), null)));
        list.add(Arguments.of("histogram, 50 bins (notebook 04)", (Supplier<Chart<?, ?>>) () -> Plots.histogram(
                histogramValues, 50, "Hidden activations of the sparse AE (all units, all digits)")));
        list.add(Arguments.of("histogram, 10 bins", (Supplier<Chart<?, ?>>) () -> Plots.histogram(
                gaussian(500, 1, 3).data, 10, "standard normal")));
        return list.stream();
    }

    // ------------------------------------------------------------------------------------------------ ink

    /** Set AELAB_PLOT_DUMP to a directory to look at the pictures. */
    private static void dump(String name, BufferedImage image) {
        String dir = System.getenv("AELAB_PLOT_DUMP");
        if (dir != null) {
            try {
                Images.writePng(image, java.nio.file.Path.of(dir, name.replaceAll("[^A-Za-z0-9]+", "_") + ".png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static final String[] KINDS = {"title and legend", "x-axis title", "y-axis title", "x tick labels",
        "y tick labels", "point labels"};

    private static void hide(AxesChartStyler s, String kind) {
        switch (kind) {
            case "title and legend" -> s.setChartFontColor(CLEAR);
            case "x-axis title" -> s.setXAxisTitleColor(CLEAR);
            case "y-axis title" -> s.setYAxisTitleColor(CLEAR);
            case "x tick labels" -> s.setXAxisTickLabelsColor(CLEAR);
            case "y tick labels" -> s.setYAxisTickLabelsColor(CLEAR);
            case "point labels" -> s.setAnnotationTextFontColor(CLEAR);
            default -> throw new IllegalArgumentException(kind);
        }
    }

    /** Black text everywhere, each kind through its own colour setting (axis titles otherwise use the chart's). */
    private static void showAll(AxesChartStyler s) {
        s.setChartFontColor(Color.BLACK).setXAxisTitleColor(Color.BLACK).setYAxisTitleColor(Color.BLACK);
        s.setXAxisTickLabelsColor(Color.BLACK).setYAxisTickLabelsColor(Color.BLACK);
        s.setAnnotationTextFontColor(Color.BLACK);
    }

    private static boolean[] difference(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        boolean[] ink = new boolean[w * a.getHeight()];
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                ink[y * w + x] = a.getRGB(x, y) != b.getRGB(x, y);
            }
        }
        return ink;
    }

    private static int count(boolean[] ink) {
        int n = 0;
        for (boolean b : ink) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** First pixel of a within Chebyshev distance 1 of a pixel of b, or null. */
    private static int[] touching(boolean[] a, boolean[] b, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!a[y * w + x]) {
                    continue;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h && b[yy * w + xx]) {
                            return new int[] {x, y};
                        }
                    }
                }
            }
        }
        return null;
    }

    private static Axis<?, ?> axis(Chart<?, ?> chart, String getter) throws ReflectiveOperationException {
        Method m = Chart.class.getDeclaredMethod(getter);
        m.setAccessible(true);
        return (Axis<?, ?>) m.invoke(chart);
    }

    /** Ink-free run lengths: the longest run of false in profile[from+1 .. to-1]. */
    private static int longestGap(boolean[] profile, int from, int to) {
        int best = 0;
        int run = 0;
        for (int i = Math.max(0, from + 1); i < Math.min(profile.length, to); i++) {
            run = profile[i] ? 0 : run + 1;
            best = Math.max(best, run);
        }
        return best;
    }

    /**
     * Checks the gaps between neighbouring tick labels of one axis. centres: screen coordinates of XChart's ticks
     * (sorted); profile: whether column (x axis) or row (y axis) i holds tick ink. Only ticks with ink within 3
     * pixels of their centre count (XChart drops labels that fall outside the chart).
     */
    private static void assertTickGaps(String what, List<Double> centres, boolean[] profile) {
        List<Integer> drawn = new ArrayList<>();
        for (double c : centres) {
            int ci = (int) Math.round(c);
            boolean inked = false;
            for (int d = -3; d <= 3; d++) {
                inked |= ci + d >= 0 && ci + d < profile.length && profile[ci + d];
            }
            if (inked) {
                drawn.add(ci);
            }
        }
        drawn.sort(null);
        assertTrue(drawn.size() >= 2, what + ": at least 2 tick labels drawn, got " + drawn.size() + " of "
                + centres.size());
        for (int i = 0; i + 1 < drawn.size(); i++) {
            int gap = longestGap(profile, drawn.get(i), drawn.get(i + 1));
            assertTrue(gap >= Frame.MIN_GAP, what + ": tick labels at " + drawn.get(i) + " and " + drawn.get(i + 1)
                    + " px are separated by " + gap + " ink-free px, less than " + Frame.MIN_GAP + " (" + drawn.size()
                    + " labels drawn)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void chartTextIsPresentSeparatedAndReadable(String name, Supplier<Chart<?, ?>> make)
            throws ReflectiveOperationException {
        Chart<?, ?> chart = make.get();
        assertFalse(chart.getTitle() == null || chart.getTitle().isBlank(), name + ": title");
        assertFalse(chart.getXAxisTitle() == null || chart.getXAxisTitle().isBlank(), name + ": x-axis title");
        assertFalse(chart.getYAxisTitle() == null || chart.getYAxisTitle().isBlank(), name + ": y-axis title");
        AxesChartStyler styler = (AxesChartStyler) chart.getStyler();
        int w = chart.getWidth();
        int h = chart.getHeight();
        showAll(styler);
        BufferedImage base = Images.toImage(chart, w, h);
        dump(name, base);
        Map<String, boolean[]> inks = new LinkedHashMap<>();
        for (String kind : KINDS) {
            hide(styler, kind);
            inks.put(kind, difference(base, Images.toImage(chart, w, h)));
            showAll(styler);
        }
        for (String kind : new String[] {"title and legend", "x-axis title", "y-axis title", "x tick labels",
            "y tick labels"}) {
            assertTrue(count(inks.get(kind)) > 20, name + ": " + kind + " has ink (" + count(inks.get(kind)) + " px)");
        }
        for (int i = 0; i < KINDS.length; i++) {
            for (int j = i + 1; j < KINDS.length; j++) {
                int[] p = touching(inks.get(KINDS[i]), inks.get(KINDS[j]), w, h);
                assertTrue(p == null, name + ": " + KINDS[i] + " and " + KINDS[j] + " touch at "
                        + (p == null ? "" : p[0] + "," + p[1]));
            }
        }
        Images.toImage(chart, w, h); // paint once more at this size, then read XChart's tick positions
        Axis<?, ?> xAxis = axis(chart, "getXAxis");
        Axis<?, ?> yAxis = axis(chart, "getYAxis");
        List<Double> xCentres = new ArrayList<>();
        List<String> xLabels = xAxis.getAxisTickCalculator().getTickLabels();
        List<Double> xLocations = xAxis.getAxisTickCalculator().getTickLocations();
        for (int i = 0; i < xLocations.size(); i++) {
            if (xLabels.get(i) != null && !xLabels.get(i).isBlank()) { // log axes: unlabelled minor ticks
                xCentres.add(xAxis.getBounds().getX() + xLocations.get(i));
            }
        }
        List<Double> yCentres = new ArrayList<>();
        Rectangle2D yBounds = yAxis.getBounds();
        List<String> yLabels = yAxis.getAxisTickCalculator().getTickLabels();
        List<Double> yLocations = yAxis.getAxisTickCalculator().getTickLocations();
        for (int i = 0; i < yLocations.size(); i++) {
            if (yLabels.get(i) != null && !yLabels.get(i).isBlank()) {
                yCentres.add(yBounds.getY() + yBounds.getHeight() - yLocations.get(i));
            }
        }
        boolean[] xTicks = inks.get("x tick labels");
        boolean[] columns = new boolean[w];
        boolean[] yTicks = inks.get("y tick labels");
        boolean[] rows = new boolean[h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                columns[x] |= xTicks[y * w + x];
                rows[y] |= yTicks[y * w + x];
            }
        }
        assertTickGaps(name + ", x axis", xCentres, columns);
        assertTickGaps(name + ", y axis", yCentres, rows);
    }

    // ------------------------------------------------------------------------------------------------ image grids

    /** 8x8 "digits": a bright bar whose position depends on the row. */
    private static DMatrixRMaj digits(int n, int side) {
        DMatrixRMaj m = new DMatrixRMaj(n, side * side);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < side; p++) {
                m.set(i, p * side + (i % side), 1.0);
            }
        }
        return m;
    }

    static Stream<Arguments> grids() {
        return Stream.of(
                Arguments.of("reconstructionGrid 12 of 8x8 (notebook 09)",
                        (java.util.function.Function<Color, Frame>) c -> Plots.reconstructionFrame(digits(20, 8),
                                uniform(20, 64, 1), 8, 8, 12, c)),
                Arguments.of("reconstructionGrid 1 of 28x28",
                        (java.util.function.Function<Color, Frame>) c -> Plots.reconstructionFrame(digits(3, 28),
                                uniform(3, 784, 1), 28, 28, 1, c)),
                Arguments.of("imageGrid 32 samples, 8 columns (notebook 09)",
                        (java.util.function.Function<Color, Frame>) c -> Plots.imageFrame("samples from the prior",
                                null, digits(32, 8), 8, 8, 8, c)),
                Arguments.of("imageGrid 36 of 28x28 with row labels (notebook 11)",
                        (java.util.function.Function<Color, Frame>) c -> Plots.imageFrame(
                                "test images, PCA and deep AE reconstructions",
                                new String[] {"test image", "PCA (k = 2)", "deep AE (k = 2)"}, digits(36, 28), 28,
                                28, 12, c)),
                Arguments.of("imageGrid 120 images, 12 columns (notebook 11)",
                        (java.util.function.Function<Color, Frame>) c -> Plots.imageFrame("images", null,
                                digits(120, 28), 28, 28, 12, c)),
                Arguments.of("latentTraversalGrid 10x10 (notebook 09)",
                        (java.util.function.Function<Color, Frame>) c -> Plots.traversalFrame(
                                z -> uniform(z.numRows, 64, 3), 2, 0, 1, 2.0, 10, 8, 8, c)),
                Arguments.of("latentTraversalGrid 20x20 of 2x2 pixels, range 12345",
                        (java.util.function.Function<Color, Frame>) c -> Plots.traversalFrame(
                                z -> uniform(z.numRows, 4, 3), 3, 2, 0, 12345, 20, 2, 2, c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void gridTextIsPresentSeparatedAndInsideItsBox(String name, java.util.function.Function<Color, Frame> make) {
        Frame shown = make.apply(Color.BLACK);
        Frame hidden = make.apply(CLEAR);
        BufferedImage image = shown.image();
        int w = image.getWidth();
        int h = image.getHeight();
        boolean[] ink = difference(image, hidden.image());
        dump(name, image);
        List<Frame.Text> texts = shown.boxes();
        assertEquals(texts, hidden.boxes(), name + ": same layout with or without visible text");
        assertTrue(texts.stream().anyMatch(t -> t.font() == Frame.TITLE_FONT), name + ": has a title");
        assertTrue(texts.stream().filter(t -> t.font() == Frame.AXIS_TITLE_FONT).count() >= 1, name + ": axis title");
        boolean[] inBoxes = new boolean[w * h];
        for (Frame.Text t : texts) {
            Rectangle2D b = t.box();
            int inside = 0;
            for (int y = (int) Math.floor(b.getMinY()) - 1; y <= (int) Math.ceil(b.getMaxY()) + 1; y++) {
                for (int x = (int) Math.floor(b.getMinX()) - 1; x <= (int) Math.ceil(b.getMaxX()) + 1; x++) {
                    assertTrue(x >= 0 && y >= 0 && x < w && y < h, name + ": \"" + t.text() + "\" inside the image");
                    inBoxes[y * w + x] = true;
                    inside += ink[y * w + x] ? 1 : 0;
                }
            }
            assertTrue(inside > 5, name + ": \"" + t.text() + "\" has ink (" + inside + " px)");
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertTrue(!ink[y * w + x] || inBoxes[y * w + x], name + ": text ink at " + x + "," + y
                        + " outside every text box");
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                Rectangle2D a = texts.get(i).box();
                Rectangle2D b = texts.get(j).box();
                Rectangle2D grown = new Rectangle2D.Double(a.getX() - 2, a.getY() - 2, a.getWidth() + 4,
                        a.getHeight() + 4);
                assertFalse(grown.intersects(b), name + ": \"" + texts.get(i).text() + "\" and \""
                        + texts.get(j).text() + "\" are less than 2 px apart");
            }
        }
    }

    @Test
    void traversalAxesSayWhichLatentDimensionVariesAndItsValues() {
        Frame f = Plots.traversalFrame(z -> new DMatrixRMaj(z.numRows, 64), 4, 3, 1, 2.0, 5, 8, 8, Color.BLACK);
        List<String> texts = f.boxes().stream().map(Frame.Text::text).toList();
        assertEquals(List.of("decoded latent grid (other coordinates 0)", "-2", "-1", "0", "1", "2", "z3", "2", "1",
                "0", "-1", "-2", "z1"), texts);
    }

    @Test
    void reconstructionRowsAreLabelled() {
        Frame f = Plots.reconstructionFrame(digits(4, 8), digits(4, 8), 8, 8, 3, Color.BLACK);
        List<String> texts = f.boxes().stream().map(Frame.Text::text).toList();
        assertTrue(texts.containsAll(List.of("input", "reconstruction", "1", "2", "3", "example")), texts.toString());
    }
}
