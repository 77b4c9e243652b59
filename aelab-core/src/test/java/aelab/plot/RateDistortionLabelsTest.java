package aelab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The β labels of {@link Plots#rateDistortion} stay readable when points coincide. Checked on the rendered pixels, not
 * on the layout's own boxes: each label is drawn alone (placed among all of them) and compared with the chart drawn
 * without labels; the pixels that change are that label's ink. Inks of different labels must be at least 2 pixels
 * apart, and each ink must lie near its point.
 */
class RateDistortionLabelsTest {
    private static PointLabels labelsOf(XYChart chart) throws ReflectiveOperationException {
        Field field = Chart.class.getDeclaredField("annotations");
        field.setAccessible(true);
        List<?> annotations = (List<?>) field.get(chart);
        assertEquals(1, annotations.size());
        return (PointLabels) annotations.get(0);
    }

    /** Pixel indices y*width+x whose colour differs between a and b. */
    private static List<int[]> difference(BufferedImage a, BufferedImage b) {
        List<int[]> pixels = new ArrayList<>();
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    pixels.add(new int[] {x, y});
                }
            }
        }
        return pixels;
    }

    /** Renders at width x height and checks ink separation and distance to the point (pixels). */
    private static void assertLabelsReadable(double[] betas, double[] rates, double[] distortions, int width,
            int height) throws ReflectiveOperationException {
        XYChart chart = Plots.rateDistortion(betas, rates, distortions);
        PointLabels labels = labelsOf(chart);
        labels.setVisible(false);
        BufferedImage bare = Images.toImage(chart, width, height);
        labels.setVisible(true);
        int n = betas.length;
        List<List<int[]>> inks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.drawOnly(i);
            List<int[]> ink = difference(bare, Images.toImage(chart, width, height));
            assertTrue(ink.size() > 10, "label " + i + " has ink (" + ink.size() + " pixels)");
            double px = chart.getScreenXFromChart(rates[i]);
            double py = chart.getScreenYFromChart(distortions[i]);
            for (int[] p : ink) {
                double distance = Math.hypot(p[0] - px, p[1] - py);
                assertTrue(distance < 120, "label " + i + " pixel " + p[0] + "," + p[1] + " is " + distance
                        + " px from its point");
            }
            inks.add(ink);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int[] p : inks.get(i)) {
                    for (int[] q : inks.get(j)) {
                        assertTrue(Math.abs(p[0] - q[0]) > 1 || Math.abs(p[1] - q[1]) > 1,
                                "labels " + i + " and " + j + " touch at " + p[0] + "," + p[1]);
                    }
                }
            }
        }
    }

    @Test
    void coincidentPointsAtZeroRateGetSeparateLabels() throws ReflectiveOperationException {
        assertLabelsReadable(new double[] {0.1, 0.3, 1, 3, 10}, new double[] {14.2, 9.8, 5.1, 0.012, 0.002},
                new double[] {22, 25, 31, 44.9, 45.0}, Plots.WIDTH, Plots.HEIGHT);
    }

    @Test
    void fiveIdenticalPointsAndANearCluster() throws ReflectiveOperationException {
        assertLabelsReadable(new double[] {0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100},
                new double[] {30, 29.5, 29.2, 12, 0, 0, 0, 0, 0}, new double[] {5, 5.1, 5.3, 12, 35, 35, 35, 35, 35},
                Plots.WIDTH, Plots.HEIGHT);
    }

    @Test
    void layoutIsRedoneAtTheRenderedSize() throws ReflectiveOperationException {
        assertLabelsReadable(new double[] {1, 2, 4, 8}, new double[] {3, 2.9, 0, 0}, new double[] {1, 1.05, 2, 2},
                400, 300);
    }

    @Test
    void betaIsWrittenWithThreeSignificantDigitsWithoutTrailingZeros() {
        assertEquals("0.1", Plots.threeSignificantDigits(0.1));
        assertEquals("1", Plots.threeSignificantDigits(1));
        assertEquals("10", Plots.threeSignificantDigits(10));
        assertEquals("100", Plots.threeSignificantDigits(100));
        assertEquals("0.333", Plots.threeSignificantDigits(1.0 / 3));
        assertEquals("2.5", Plots.threeSignificantDigits(2.5));
        assertEquals("1e-05", Plots.threeSignificantDigits(1e-5));
        assertEquals("1.23e+04", Plots.threeSignificantDigits(12345));
    }
}
