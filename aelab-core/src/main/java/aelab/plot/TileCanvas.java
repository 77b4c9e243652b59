package aelab.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * Layout and drawing of grids of grayscale image tiles. Each source pixel becomes a {@code scale x scale} block;
 * tiles are separated (and surrounded) by {@link #GAP} pixels of {@link #BACKGROUND}. Tile {@code (row, column)}
 * has its top-left corner at {@code x = GAP + column * (width*scale + GAP)}, {@code y = GAP + row * (height*scale +
 * GAP)}. A value v becomes gray level {@code round(255 * clamp(v, 0, 1))}.
 */
final class TileCanvas {
    /** Pixels between tiles and around the border. */
    static final int GAP = 2;
    /** Separator colour (steel blue), distinct from every gray level. */
    static final Color BACKGROUND = new Color(70, 130, 180);
    /** Tiles are scaled up to at least this many pixels on their longer side. */
    static final int TARGET_TILE_SIDE = 48;

    final int imageWidth;
    final int imageHeight;
    final int scale;
    final BufferedImage image;

    TileCanvas(int rows, int columns, int imageWidth, int imageHeight) {
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.scale = scaleFor(imageWidth, imageHeight);
        long width = GAP + (long) columns * (imageWidth * scale + GAP);
        long height = GAP + (long) rows * (imageHeight * scale + GAP);
        if (width * height > 100_000_000L) {
            throw new IllegalArgumentException("grid of " + rows + "x" + columns + " tiles would be " + width + "x"
                    + height + " pixels, more than 10^8");
        }
        image = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
        int bg = BACKGROUND.getRGB();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, bg);
            }
        }
    }

    /** Integer magnification: {@code max(1, ceil(TARGET_TILE_SIDE / max(width, height)))}. */
    static int scaleFor(int imageWidth, int imageHeight) {
        int side = Math.max(imageWidth, imageHeight);
        return Math.max(1, (TARGET_TILE_SIDE + side - 1) / side);
    }

    static int tileX(int column, int imageWidth, int scale) {
        return GAP + column * (imageWidth * scale + GAP);
    }

    static int tileY(int row, int imageHeight, int scale) {
        return GAP + row * (imageHeight * scale + GAP);
    }

    /** Gray level of a value: round(255 * clamp(v, 0, 1)). */
    static int gray(double v) {
        double clamped = Math.min(1.0, Math.max(0.0, v));
        return (int) Math.round(255 * clamped);
    }

    /** Draws {@code data[offset .. offset + w*h)} (row-major) as tile (row, column). */
    void drawTile(int row, int column, double[] data, int offset) {
        int x0 = tileX(column, imageWidth, scale);
        int y0 = tileY(row, imageHeight, scale);
        for (int py = 0; py < imageHeight; py++) {
            for (int px = 0; px < imageWidth; px++) {
                int g = gray(data[offset + py * imageWidth + px]);
                int rgb = (g << 16) | (g << 8) | g;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(x0 + px * scale + dx, y0 + py * scale + dy, rgb);
                    }
                }
            }
        }
    }
}
