package aelab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class PlotsTest {
    private static DMatrixRMaj random(int rows, int cols, long seed, boolean gaussian) {
        RandomGenerator rng = Rng.seeded(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = gaussian ? rng.nextGaussian() : rng.nextDouble();
        }
        return m;
    }

    static DMatrixRMaj gaussian(int rows, int cols, long seed) {
        return random(rows, cols, seed, true);
    }

    static DMatrixRMaj uniform(int rows, int cols, long seed) {
        return random(rows, cols, seed, false);
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
        }
        return y;
    }

    private static Table history() {
        double[] loss = new double[20];
        double[] kl = new double[20];
        double[] rec = new double[20];
        int[] epoch = new int[20];
        for (int i = 0; i < 20; i++) {
            epoch[i] = i + 1;
            kl[i] = 5 * (1 - Math.exp(-i / 5.0));
            rec[i] = 40 * Math.exp(-i / 4.0) + 10;
            loss[i] = kl[i] + rec[i];
        }
        return Table.create("history", IntColumn.create("epoch", epoch), DoubleColumn.create("loss", loss),
                DoubleColumn.create("kl", kl), DoubleColumn.create("reconstruction", rec));
    }

    /** A decoder from 3-D latent to 8x8 images: a bright square whose position follows z0 and z1. */
    private static DMatrixRMaj squareDecoder(DMatrixRMaj z) {
        DMatrixRMaj out = new DMatrixRMaj(z.numRows, 64);
        for (int i = 0; i < z.numRows; i++) {
            int cx = (int) Math.round(3.5 + 1.5 * z.get(i, 0));
            int cy = (int) Math.round(3.5 - 1.5 * z.get(i, 2));
            for (int y = Math.max(0, cy - 1); y <= Math.min(7, cy + 1); y++) {
                for (int x = Math.max(0, cx - 1); x <= Math.min(7, cx + 1); x++) {
                    out.set(i, y * 8 + x, 1.0);
                }
            }
        }
        return out;
    }

    private static final int W = Plots.WIDTH;
    private static final int H = Plots.HEIGHT;
    /** Tile size for 8x8 images: scale 6, so 48 pixels plus a 2-pixel gap. */
    private static final int T8 = 8 * 6 + 2;

    static Stream<Arguments> everyPlot() {
        double[] betas = {0.1, 0.5, 1, 2, 4};
        double[] sizes = {10, 30, 100, 300, 1000};
        double[] score = new double[5];
        double[] path = new double[5];
        for (int i = 0; i < 5; i++) {
            score[i] = 50 / sizes[i];
            path[i] = 2 / sizes[i];
        }
        Supplier<BufferedImage> lossTable = () -> Images.toImage(Plots.lossCurves(history(), "epoch",
                "loss", "kl", "reconstruction"));
        Supplier<BufferedImage> lossAll = () -> Images.toImage(Plots.lossCurves(history(), "epoch"));
        Supplier<BufferedImage> lossArray = () -> Images.toImage(Plots.lossCurves(new double[] {5, 3, 2, 1.5, 1.2}),
                640, 480);
        Supplier<BufferedImage> scatter = () -> Images.toImage(Plots.latentScatter(gaussian(200, 2, 1), labels(200)));
        Supplier<BufferedImage> scatterUnlabelled = () -> Images.toImage(Plots.latentScatter(gaussian(50, 2, 2), null));
        Supplier<BufferedImage> rd = () -> Images.toImage(Plots.rateDistortion(betas,
                new double[] {30, 20, 12, 6, 2}, new double[] {5, 8, 12, 20, 35}));
        Supplier<BufferedImage> comparison = () -> Plots.projectionComparison(gaussian(150, 2, 3), gaussian(150, 2, 4),
                labels(150));
        Supplier<BufferedImage> histogram = () -> Images.toImage(Plots.histogram(gaussian(500, 1, 5).data, 20,
                "standard normal"));
        Supplier<BufferedImage> curves = () -> Images.toImage(Plots.curves("gradient variance", "samples",
                "variance", sizes, Plots.series("score function", score, "pathwise", path)));
        Supplier<BufferedImage> logLog = () -> Images.toImage(Plots.curvesLogLog("gradient variance", "samples",
                "variance", sizes, Plots.series("score function", score, "pathwise", path)));
        Supplier<BufferedImage> reconstruction = () -> Plots.reconstructionGrid(uniform(10, 64, 6),
                uniform(10, 64, 7), 8, 8, 10);
        Supplier<BufferedImage> grid = () -> Plots.imageGrid(uniform(12, 64, 8), 8, 8, 5);
        Supplier<BufferedImage> traversal = () -> Plots.latentTraversalGrid(PlotsTest::squareDecoder, 3, 0, 2, 2.0, 7,
                8, 8);
        Supplier<BufferedImage> field = () -> Images.toImage(Plots.vectorField("field", "x", "y", "v", gaussian(40, 2, 9),
                gaussian(40, 2, 10), 0.2, java.util.Map.of("curve", gaussian(20, 2, 11))));
        return Stream.of(
                Arguments.of("vectorField", field, H + 200, H),
                Arguments.of("lossCurves(table, columns)", lossTable, W, H),
                Arguments.of("lossCurves(table)", lossAll, W, H),
                Arguments.of("lossCurves(double[])", lossArray, 640, 480),
                Arguments.of("latentScatter", scatter, W, H),
                Arguments.of("latentScatter unlabelled", scatterUnlabelled, W, H),
                Arguments.of("rateDistortion", rd, W, H),
                Arguments.of("projectionComparison", comparison, 2 * W, H),
                Arguments.of("histogram", histogram, W, H),
                Arguments.of("curves", curves, W, H),
                Arguments.of("curvesLogLog", logLog, W, H),
                Arguments.of("reconstructionGrid", reconstruction, 2 + 10 * T8, 2 + 2 * T8),
                Arguments.of("imageGrid", grid, 2 + 5 * T8, 2 + 3 * T8),
                Arguments.of("latentTraversalGrid", traversal, 2 + 7 * T8, 2 + 7 * T8));
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPlot")
    void rendersHeadlessToANonBlankImageAndPng(String name, Supplier<BufferedImage> plot, int width, int height)
            throws IOException {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests must run headless");
        BufferedImage image = plot.get();
        if (name.endsWith("Grid")) { // the grid of tiles, framed by its title and labels
            int[] o = origin(image);
            assertTrue(o[0] + width <= image.getWidth() && o[1] + height <= image.getHeight(), name + " holds the "
                    + width + "x" + height + " grid at " + o[0] + "," + o[1] + ": " + image.getWidth() + "x"
                    + image.getHeight());
            assertEquals(TileCanvas.BACKGROUND.getRGB(), image.getRGB(o[0] + width - 1, o[1] + height - 1),
                    name + " grid's bottom-right border");
            width = image.getWidth();
            height = image.getHeight();
        }
        assertEquals(width, image.getWidth(), name + " width");
        assertEquals(height, image.getHeight(), name + " height");
        assertTrue(distinctColours(image) > 2, name + " has only " + distinctColours(image) + " colours");
        byte[] png = Images.pngBytes(image);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
        assertEquals(image.getRGB(width / 2, height / 2) & 0xFFFFFF, decoded.getRGB(width / 2, height / 2) & 0xFFFFFF);
        String dir = System.getenv("AELAB_PLOT_DUMP"); // set it to look at the pictures
        if (dir != null) {
            Images.writePng(image, Path.of(dir, name.replaceAll("[^A-Za-z0-9]+", "_") + ".png"));
        }
    }

    // ------------------------------------------------------------------------------------------------ pixels

    private static int gray(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        int r = rgb >> 16;
        assertEquals(r, (rgb >> 8) & 0xFF, "not gray at (" + x + "," + y + ")");
        assertEquals(r, rgb & 0xFF, "not gray at (" + x + "," + y + ")");
        return r;
    }

    /** Top-left corner of the grid of tiles inside a framed figure: the first steel-blue pixel, row by row. */
    static int[] origin(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == TileCanvas.BACKGROUND.getRGB()) {
                    return new int[] {x, y};
                }
            }
        }
        throw new AssertionError("no grid in the image");
    }

    /** Gray level of source pixel (px, py) of tile (row, col) in an 8x8 grid with scale 6: checks the whole block. */
    private static int tilePixel(BufferedImage image, int row, int col, int px, int py) {
        int[] o = origin(image);
        int x0 = o[0] + 2 + col * T8 + 6 * px;
        int y0 = o[1] + 2 + row * T8 + 6 * py;
        int g = gray(image, x0, y0);
        for (int d = 0; d < 6; d++) {
            assertEquals(g, gray(image, x0 + d, y0 + d), "block of pixel (" + px + "," + py + ")");
        }
        return g;
    }

    @Test
    void reconstructionGridPutsInputsOnTopAndOutputsBelowWithClamping() {
        DMatrixRMaj inputs = new DMatrixRMaj(3, 64);
        DMatrixRMaj outputs = new DMatrixRMaj(3, 64);
        inputs.set(1, 2 * 8 + 5, 1.0); // input 1: white pixel at x=5, y=2
        outputs.set(1, 6 * 8 + 3, 7.0); // output 1: above 1, clamps to white at x=3, y=6
        outputs.set(2, 0, -3.0); // clamps to black
        outputs.set(2, 1, 0.5); // mid gray: round(127.5) = 128
        BufferedImage image = Plots.reconstructionGrid(inputs, outputs, 8, 8, 3);
        assertEquals(255, tilePixel(image, 0, 1, 5, 2));
        assertEquals(0, tilePixel(image, 0, 1, 5, 3));
        assertEquals(0, tilePixel(image, 1, 1, 5, 2), "the output row is below the input row");
        assertEquals(255, tilePixel(image, 1, 1, 3, 6));
        assertEquals(0, tilePixel(image, 0, 1, 3, 6));
        assertEquals(0, tilePixel(image, 1, 2, 0, 0));
        assertEquals(128, tilePixel(image, 1, 2, 1, 0));
        int[] o = origin(image);
        assertEquals(TileCanvas.BACKGROUND.getRGB() & 0xFFFFFF, image.getRGB(o[0] + 1, o[1] + 1) & 0xFFFFFF, "border");
        assertEquals(TileCanvas.BACKGROUND.getRGB() & 0xFFFFFF, image.getRGB(o[0] + T8, o[1] + 10) & 0xFFFFFF,
                "gap between tiles");
    }

    @Test
    void imageGridFillsRowByRow() {
        DMatrixRMaj images = new DMatrixRMaj(7, 64);
        for (int i = 0; i < 7; i++) {
            images.set(i, i, 1.0); // image i has its white pixel at x = i, y = 0
        }
        BufferedImage image = Plots.imageGrid(images, 8, 8, 3);
        for (int i = 0; i < 7; i++) {
            assertEquals(255, tilePixel(image, i / 3, i % 3, i, 0), "image " + i);
            assertEquals(0, tilePixel(image, i / 3, i % 3, (i + 1) % 8, 0), "image " + i);
        }
        int bg = TileCanvas.BACKGROUND.getRGB() & 0xFFFFFF;
        int[] o = origin(image);
        assertEquals(bg, image.getRGB(o[0] + 2 + 2 * T8 + 10, o[1] + 2 + 2 * T8 + 10) & 0xFFFFFF,
                "empty cell after the last image");
    }

    @Test
    void nonSquareImagesKeepTheirOrientation() {
        DMatrixRMaj images = new DMatrixRMaj(1, 6); // width 3, height 2; scale = ceil(48/3) = 16
        images.set(0, 1 * 3 + 2, 1.0); // x = 2, y = 1
        BufferedImage image = Plots.imageGrid(images, 3, 2, 4);
        int[] o = origin(image);
        assertEquals(TileCanvas.BACKGROUND.getRGB(), image.getRGB(o[0] + 2 + 3 * 16 + 1, o[1] + 2 + 2 * 16 + 1));
        assertEquals(Color.WHITE.getRGB(), image.getRGB(o[0] + 2 + 3 * 16 + 2, o[1] + 2 + 2 * 16 + 2),
                "grid of 3*16 by 2*16 pixels plus borders");
        assertEquals(255, gray(image, o[0] + 2 + 2 * 16 + 8, o[1] + 2 + 16 + 8));
        assertEquals(0, gray(image, o[0] + 2 + 1 * 16 + 8, o[1] + 2 + 2 * 16 - 8 - 16));
    }

    @Test
    void latentTraversalDecodesTheRequestedGrid() {
        double range = 3.0;
        int steps = 4;
        DMatrixRMaj[] seen = new DMatrixRMaj[1];
        // pixel 0 = position of z1 in [-range, range] mapped to [0, 1]; pixel 1 = same for z3; pixel 2 = |z0|+|z2|.
        BufferedImage image = Plots.latentTraversalGrid(z -> {
            seen[0] = z.copy();
            DMatrixRMaj out = new DMatrixRMaj(z.numRows, 4);
            for (int i = 0; i < z.numRows; i++) {
                out.set(i, 0, (z.get(i, 1) + range) / (2 * range));
                out.set(i, 1, (z.get(i, 3) + range) / (2 * range));
                out.set(i, 2, Math.abs(z.get(i, 0)) + Math.abs(z.get(i, 2)));
            }
            return out;
        }, 4, 1, 3, range, steps, 2, 2);
        assertEquals(steps * steps, seen[0].numRows);
        assertEquals(4, seen[0].numCols);
        assertEquals(-range, seen[0].get(0, 1), 1e-12);
        assertEquals(range, seen[0].get(0, 3), 1e-12);
        assertEquals(range, seen[0].get(steps * steps - 1, 1), 1e-12);
        assertEquals(-range, seen[0].get(steps * steps - 1, 3), 1e-12);
        assertEquals(-1.0, seen[0].get(2 * steps + 1, 3), 1e-12); // row 2: 3 - 2 * 2
        assertEquals(-1.0, seen[0].get(2 * steps + 1, 1), 1e-12); // column 1: -3 + 1 * 2
        assertEquals(0.0, seen[0].get(2 * steps + 1, 0), 0.0); // other coordinates are 0
        assertEquals(0.0, seen[0].get(2 * steps + 1, 2), 0.0);
        int s = TileCanvas.scaleFor(2, 2); // 24
        int tile = 2 * s + 2;
        // top-left tile: z1 = -range (black), z3 = +range (white); other coordinates 0 so pixel 2 is black
        int[] o = origin(image);
        assertEquals(0, gray(image, o[0] + 2 + s / 2, o[1] + 2 + s / 2));
        assertEquals(255, gray(image, o[0] + 2 + s + s / 2, o[1] + 2 + s / 2));
        assertEquals(0, gray(image, o[0] + 2 + s / 2, o[1] + 2 + s + s / 2));
        // bottom-right tile: z1 = +range (white), z3 = -range (black)
        int x0 = o[0] + 2 + (steps - 1) * tile;
        int y0 = o[1] + 2 + (steps - 1) * tile;
        assertEquals(255, gray(image, x0 + s / 2, y0 + s / 2));
        assertEquals(0, gray(image, x0 + s + s / 2, y0 + s / 2));
    }

    @Test
    void latentTraversalsDecodeOneCoordinateAtATime() {
        double range = 2.0;
        int steps = 5;
        DMatrixRMaj[] seen = new DMatrixRMaj[1];
        // pixel 0 = position of the traversed value in [-range, range] mapped to [0, 1]; pixel 1 = 1 for row z3
        BufferedImage image = Plots.latentTraversals("t", z -> {
            seen[0] = z.copy();
            DMatrixRMaj out = new DMatrixRMaj(z.numRows, 4);
            for (int i = 0; i < z.numRows; i++) {
                out.set(i, 0, (z.get(i, 2) + z.get(i, 3) + range) / (2 * range));
                out.set(i, 1, z.get(i, 3) != 0 ? 1 : 0);
            }
            return out;
        }, 4, new int[] {2, 3}, range, steps, 2, 2);
        assertEquals(2 * steps, seen[0].numRows);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < steps; c++) {
                for (int m = 0; m < 4; m++) {
                    double expected = m == 2 + r ? -range + c * (2 * range / (steps - 1)) : 0.0;
                    assertEquals(expected, seen[0].get(r * steps + c, m), 1e-12, "row " + r + ", column " + c + ", z" + m);
                }
            }
        }
        int s = TileCanvas.scaleFor(2, 2);
        int tile = 2 * s + 2;
        int[] o = origin(image);
        assertEquals(0, gray(image, o[0] + 2 + s / 2, o[1] + 2 + s / 2));                       // z2 = -range
        assertEquals(255, gray(image, o[0] + 2 + (steps - 1) * tile + s / 2, o[1] + 2 + s / 2)); // z2 = +range
        assertEquals(0, gray(image, o[0] + 2 + s + s / 2, o[1] + 2 + s / 2));                   // row z2: pixel 1 black
        assertEquals(255, gray(image, o[0] + 2 + s + s / 2, o[1] + 2 + tile + s / 2));          // row z3 at t = -2
        var e = assertThrows(IllegalArgumentException.class,
                () -> Plots.latentTraversals("t", z -> z, 4, new int[] {1, 1}, 1, 3, 2, 2));
        assertTrue(e.getMessage().startsWith("dims must be distinct"), e.getMessage());
    }

    @Test
    void writePngWritesAReadablePng(@TempDir Path dir) throws IOException {
        Path file = Images.writePng(Plots.lossCurves(new double[] {3, 2, 1}), dir.resolve("loss.png"));
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(W, back.getWidth());
        assertEquals(H, back.getHeight());
        assertTrue(Files.size(file) > 1000);
    }

    // ------------------------------------------------------------------------------------------------ validation

    @Test
    void vectorFieldDrawsEachArrowFromItsTailToTailPlusScaledVectorOnEqualAxes() {
        DMatrixRMaj points = new DMatrixRMaj(2, 2, true, 0, 0, 1, 2);
        DMatrixRMaj vectors = new DMatrixRMaj(2, 2, true, 1, 0, -2, 4);
        DMatrixRMaj curve = new DMatrixRMaj(3, 2, true, -1, -1, 0, 1, 3, 0);
        XYChart chart = Plots.vectorField("t", "x", "y", "r(x) - x", points, vectors, 0.5,
                java.util.Map.of("manifold", curve));
        var series = new java.util.ArrayList<>(chart.getSeriesMap().values());
        assertEquals(3, series.size());
        double[][] tips = {{0.5, 0}, {0, 4}};
        for (int i = 0; i < 2; i++) {
            double[] xs = series.get(i).getXData();
            double[] ys = series.get(i).getYData();
            assertEquals(points.get(i, 0), xs[0], 1e-15);
            assertEquals(points.get(i, 1), ys[0], 1e-15);
            assertEquals(tips[i][0], xs[1], 1e-15, "tip x of arrow " + i);
            assertEquals(tips[i][1], ys[1], 1e-15, "tip y of arrow " + i);
            double length = Math.hypot(xs[1] - xs[0], ys[1] - ys[0]);
            for (int k : new int[] {2, 4}) {                 // head strokes: a quarter of the arrow, 25° off its axis
                double hx = xs[k] - xs[1];
                double hy = ys[k] - ys[1];
                assertEquals(0.25 * length, Math.hypot(hx, hy), 1e-12);
                double cos = -(hx * (xs[1] - xs[0]) + hy * (ys[1] - ys[0])) / (Math.hypot(hx, hy) * length);
                assertEquals(Math.cos(Math.toRadians(25)), cos, 1e-12);
            }
        }
        assertEquals("r(x) - x (× 0.500)", series.get(0).getName());
        assertTrue(series.get(0).isShowInLegend() && !series.get(1).isShowInLegend());
        assertArrayEquals(new double[] {-1, 0, 3}, series.get(2).getXData(), 0);
        for (var line : series) {
            var stroke = line.getLineStyle();                // null: XChart picks a style (dashed, dotted, ...) itself
            assertTrue(stroke != null && stroke.getDashArray() == null, line.getName() + " is solid");
        }
        var styler = chart.getStyler();
        assertEquals(styler.getXAxisMax() - styler.getXAxisMin(), styler.getYAxisMax() - styler.getYAxisMin(), 1e-12);
        assertTrue(styler.getXAxisMin() <= -1 && styler.getXAxisMax() >= 3 && styler.getYAxisMin() <= -1
                && styler.getYAxisMax() >= 4, "axes span every tail, tip and curve point");
    }

    @Test
    void vectorFieldRejectsBadInput() {
        DMatrixRMaj p = gaussian(3, 2, 1);
        assertRejected("points and vectors must have the same shape, got 3x2 and 2x2",
                () -> Plots.vectorField("t", "x", "y", "v", p, gaussian(2, 2, 2), 1, java.util.Map.of()));
        assertRejected("scale must be > 0 and finite, got 0.0",
                () -> Plots.vectorField("t", "x", "y", "v", p, p.copy(), 0, java.util.Map.of()));
        assertRejected("curve \"c\" must have at least 2 rows, got 1x2",
                () -> Plots.vectorField("t", "x", "y", "v", p, p.copy(), 1, java.util.Map.of("c", new DMatrixRMaj(1, 2))));
    }

    private static void assertRejected(String expectedMessage, Runnable call) {
        var e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void rejectsSeriesOfDifferentLengths() {
        assertRejected("x and series \"b\" must have the same length, got 3 and 2",
                () -> Plots.curves("t", "x", "y", new double[] {1, 2, 3}, Plots.series("a", new double[] {1, 2, 3},
                        "b", new double[] {1, 2})));
        assertRejected("betas and rates must have the same length, got 2 and 3",
                () -> Plots.rateDistortion(new double[] {1, 2}, new double[] {1, 2, 3}, new double[] {1, 2}));
    }

    @Test
    void rejectsNaNNamingTheSeries() {
        assertRejected("series \"a\" must be finite, got NaN at index 1",
                () -> Plots.curves("t", "x", "y", new double[] {1, 2}, Plots.series("a", new double[] {1, Double.NaN})));
        assertRejected("column \"kl\" must have no missing or NaN values (Tablesaw stores NaN as missing), got 1 "
                + "missing, the first at row 3", () -> {
            Table t = history();
            t.doubleColumn("kl").set(3, Double.NaN);
            Plots.lossCurves(t, "epoch", "kl");
        });
        DMatrixRMaj z = gaussian(5, 2, 1);
        z.set(3, 1, Double.POSITIVE_INFINITY);
        assertRejected("z must be finite, got Infinity at (3,1)", () -> Plots.latentScatter(z, null));
    }

    @Test
    void rejectsEmptyInput() {
        assertRejected("values must not be empty, got length 0", () -> Plots.histogram(new double[0], 10, "h"));
        assertRejected("z must not be empty, got 0x2", () -> Plots.latentScatter(new DMatrixRMaj(0, 2), null));
        assertRejected("history must have at least 1 row, got 0",
                () -> Plots.lossCurves(Table.create("h", DoubleColumn.create("epoch")), "epoch"));
    }

    @Test
    void rejectsMismatchedShapes() {
        assertRejected("z must have 2 columns, got 10x3", () -> Plots.latentScatter(gaussian(10, 3, 1), null));
        assertRejected("labels must have length 10 (one per row of z), got length 9",
                () -> Plots.latentScatter(gaussian(10, 2, 1), new int[9]));
        assertRejected("inputs and outputs must have the same shape, got 4x64 and 4x63",
                () -> Plots.reconstructionGrid(uniform(4, 64, 1), uniform(4, 63, 2), 8, 8, 4));
        assertRejected("inputs must have imageWidth*imageHeight = 7*8 = 56 columns, got 4x64",
                () -> Plots.reconstructionGrid(uniform(4, 64, 1), uniform(4, 64, 2), 7, 8, 4));
        assertRejected("count must be in [1, 4], got 5",
                () -> Plots.reconstructionGrid(uniform(4, 64, 1), uniform(4, 64, 2), 8, 8, 5));
        assertRejected("pcaScores and aeScores must have the same shape, got 10x2 and 9x2",
                () -> Plots.projectionComparison(gaussian(10, 2, 1), gaussian(9, 2, 2), null));
    }

    @Test
    void rejectsBadGridTitlesAndRowLabels() {
        assertRejected("rowLabels must have one label per grid row (3 rows of 4 for 10 images), got length 2",
                () -> Plots.imageGrid("t", new String[] {"a", "b"}, uniform(10, 64, 1), 8, 8, 4));
        assertRejected("title must not be blank, got \" \"",
                () -> Plots.imageGrid(" ", null, uniform(10, 64, 1), 8, 8, 4));
    }

    @Test
    void rejectsMissingOrNonNumericHistoryColumn() {
        assertRejected("history must have a column \"elbo\", got columns [epoch, loss, kl, reconstruction]",
                () -> Plots.lossCurves(history(), "epoch", "elbo"));
    }

    @Test
    void rejectsBadTraversalArguments() {
        assertRejected("dimA and dimB must differ, got 1 and 1",
                () -> Plots.latentTraversalGrid(z -> z, 3, 1, 1, 2.0, 5, 8, 8));
        assertRejected("dimB must be in [0, 2], got 3",
                () -> Plots.latentTraversalGrid(z -> z, 3, 0, 3, 2.0, 5, 8, 8));
        assertRejected("decoder output must be 25x64, got 25x3",
                () -> Plots.latentTraversalGrid(z -> z, 3, 0, 1, 2.0, 5, 8, 8));
        assertRejected("range must be > 0 and finite, got NaN",
                () -> Plots.latentTraversalGrid(z -> z, 3, 0, 1, Double.NaN, 5, 8, 8));
    }

    @Test
    void rejectsNonPositiveValuesOnLogAxes() {
        assertRejected("x must be > 0 and finite, got 0.0 at index 0",
                () -> Plots.curvesLogLog("t", "x", "y", new double[] {0, 1}, Plots.series("a", new double[] {1, 2})));
    }
}
