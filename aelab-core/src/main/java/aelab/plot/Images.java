package aelab.plot;

import aelab.core.Require;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Rendering charts to images and images to PNG, headless (no window is ever opened; works with
 * {@code java.awt.headless=true}). Images are {@link BufferedImage#TYPE_INT_RGB}.
 */
public final class Images {
    private Images() {
    }

    /** The chart at its own size ({@link BitmapEncoder#getBufferedImage}). */
    public static BufferedImage toImage(Chart<?, ?> chart) {
        Require.notNull("chart", chart);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * The chart painted at {@code width x height} pixels (the chart's own size is not changed).
     *
     * @param chart Not modified.
     */
    public static BufferedImage toImage(Chart<?, ?> chart, int width, int height) {
        Require.notNull("chart", chart);
        Require.positive("width", width);
        Require.positive("height", height);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The images placed left to right on a white background, top-aligned. */
    public static BufferedImage sideBySide(BufferedImage... images) {
        Require.notNull("images", images);
        if (images.length == 0) {
            throw new IllegalArgumentException("images must contain at least 1 image, got 0");
        }
        int width = 0;
        int height = 0;
        for (int i = 0; i < images.length; i++) {
            Require.notNull("images[" + i + "]", images[i]);
            width += images[i].getWidth();
            height = Math.max(height, images[i].getHeight());
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int x = 0;
            for (BufferedImage image : images) {
                g.drawImage(image, x, 0, null);
                x += image.getWidth();
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The image encoded as PNG. */
    public static byte[] pngBytes(BufferedImage image) {
        Require.notNull("image", image);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the image as a PNG file (parent directories must exist); returns {@code path}. */
    public static Path writePng(BufferedImage image, Path path) throws IOException {
        Require.notNull("path", path);
        Files.write(path, pngBytes(image));
        return path;
    }

    /** Writes the chart, at its own size, as a PNG file; returns {@code path}. */
    public static Path writePng(Chart<?, ?> chart, Path path) throws IOException {
        return writePng(toImage(chart), path);
    }
}
