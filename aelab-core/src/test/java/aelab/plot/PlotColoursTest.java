package aelab.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Series colours on the rendered pixels of every chart type: each series is drawn in its {@link Plots#PALETTE}
 * colour (at least 20 pixels of exactly that colour in the image), and every such colour has a WCAG 2 contrast ratio
 * of at least 3:1 against the white background (relative luminance as defined by WCAG 2.1, section 1.4.11 "non-text
 * contrast"). XChart's default palette (with yellow and light colours) fails the first check.
 */
class PlotColoursTest {
    static double luminance(int rgb) {
        double[] c = {(rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0, (rgb & 255) / 255.0};
        for (int i = 0; i < 3; i++) {
            c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : Math.pow((c[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrastOnWhite(int rgb) {
        return 1.05 / (luminance(rgb) + 0.05);
    }

    private static void assertSeriesColours(String what, Chart<?, ?> chart, int series) {
        BufferedImage image = Images.toImage(chart, Plots.WIDTH, Plots.HEIGHT);
        for (int s = 0; s < series; s++) {
            int want = Plots.PALETTE[s % Plots.PALETTE.length].getRGB() & 0xFFFFFF;
            int count = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if ((image.getRGB(x, y) & 0xFFFFFF) == want) {
                        count++;
                    }
                }
            }
            assertTrue(count >= 20, what + ": series " + s + " colour #" + Integer.toHexString(want) + " has "
                    + count + " pixels in the rendered chart");
            assertTrue(contrastOnWhite(want) >= 3, what + ": series " + s + " colour #" + Integer.toHexString(want)
                    + " has contrast " + contrastOnWhite(want) + " on white, below 3");
        }
    }

    @Test
    void everyPaletteColourHasContrastOnWhite() {
        for (Color c : Plots.PALETTE) {
            assertTrue(contrastOnWhite(c.getRGB() & 0xFFFFFF) >= 3, c + " contrast " + contrastOnWhite(c.getRGB()));
        }
        assertTrue(Math.abs(contrastOnWhite(0x000000) - 21) < 1e-9, "black on white is 21:1 by definition");
    }

    @Test
    void lineChartsScattersAndHistogramsUseThePalette() {
        double[] x = {1, 2, 3, 4, 5, 6};
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (int s = 0; s < 5; s++) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = (s + 1) * Math.pow(x[i], -0.5 - 0.1 * s);
            }
            lines.put("series " + s, y);
        }
        assertSeriesColours("curves", Plots.curves("t", "x", "y", x, lines), 5);
        assertSeriesColours("curvesLogLog", Plots.curvesLogLog("t", "x", "y", x, lines), 5);
        assertSeriesColours("lossCurves", Plots.lossCurves(new double[] {3, 2, 1.5, 1.2, 1.1}), 1);
        assertSeriesColours("rateDistortion", Plots.rateDistortion(new double[] {0.1, 1, 10},
                new double[] {5, 2, 0.1}, new double[] {1, 2, 4}), 1);
        int n = 400;
        DMatrixRMaj z = new DMatrixRMaj(n, 2);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            z.set(i, 0, labels[i] + 0.3 * Math.sin(i));
            z.set(i, 1, labels[i] % 3 + 0.3 * Math.cos(i));
        }
        assertSeriesColours("latentScatter", Plots.latentScatter(z, labels), 10);
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i * 0.37);
        }
        assertSeriesColours("histogram", Plots.histogram(values, 10, "h"), 1);
    }
}
