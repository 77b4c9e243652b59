package aelab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A title, axis titles and tick labels drawn around an image (a grid of tiles), so that an image grid reads like a
 * chart: the title above, the x tick labels below the content centred on their positions with the x-axis title under
 * them, the y tick labels left of the content (right-aligned, centred on their positions) with the y-axis title,
 * rotated, further left. Fonts and colours are XChart's defaults for charts (bold 14-point title, bold 12-point axis
 * titles, 12-point tick labels, black on white). A tick label is skipped when its box would come closer than
 * {@link #MIN_GAP} pixels to the previous label drawn on that axis, so labels never collide however narrow the tiles.
 *
 * <p>Every text element is recorded with its screen box ({@link #boxes}) so that tests can check the rendered ink
 * (tests draw the text in a transparent colour to separate it from the content).
 */
final class Frame {
    /** Smallest gap in pixels between two tick labels of one axis, and between any two text elements. */
    static final int MIN_GAP = 6;
    /** Pixels of white around everything. */
    static final int MARGIN = 8;
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    /** One text element: its string, font, rotation (0 or -90 degrees) and screen box. */
    record Text(String text, Font font, boolean vertical, Rectangle2D box) {
    }

    private final List<Text> boxes = new ArrayList<>();
    private final BufferedImage image;
    private final int contentX;
    private final int contentY;

    /**
     * @param content     the picture (not modified)
     * @param title       non-blank
     * @param xTitle      x-axis title, or null for none
     * @param xTicks      centres (pixels from the content's left edge) of the x tick labels
     * @param xLabels     their texts, same length
     * @param yTitle      y-axis title, or null for none
     * @param yTicks      centres (pixels from the content's top edge) of the y tick labels
     * @param yLabels     their texts, same length
     * @param textColour  colour of all text (black; tests use a transparent one)
     */
    Frame(BufferedImage content, String title, String xTitle, double[] xTicks, String[] xLabels, String yTitle,
            double[] yTicks, String[] yLabels, Color textColour) {
        double yLabelWidth = 0;
        for (String s : yLabels) {
            yLabelWidth = Math.max(yLabelWidth, glyphs(s, TICK_FONT).getWidth());
        }
        Rectangle2D titleGlyphs = glyphs(title, TITLE_FONT);
        double xLabelHeight = xLabels.length == 0 ? 0 : glyphs("0123456789-.", TICK_FONT).getHeight();
        Rectangle2D xTitleGlyphs = xTitle == null ? null : glyphs(xTitle, AXIS_TITLE_FONT);
        Rectangle2D yTitleGlyphs = yTitle == null ? null : glyphs(yTitle, AXIS_TITLE_FONT);
        int left = MARGIN + (yTitleGlyphs == null ? 0 : (int) Math.ceil(yTitleGlyphs.getHeight()) + MIN_GAP)
                + (yLabels.length == 0 ? 0 : (int) Math.ceil(yLabelWidth) + MIN_GAP);
        int top = MARGIN + (int) Math.ceil(titleGlyphs.getHeight()) + 2 * MIN_GAP;
        int below = (xLabels.length == 0 ? 0 : MIN_GAP + (int) Math.ceil(xLabelHeight))
                + (xTitleGlyphs == null ? 0 : MIN_GAP + (int) Math.ceil(xTitleGlyphs.getHeight())) + MARGIN;
        int width = Math.max(left + content.getWidth() + MARGIN, (int) Math.ceil(titleGlyphs.getWidth()) + 2 * MARGIN);
        if (xTitleGlyphs != null) {
            width = Math.max(width, left + (int) Math.ceil(xTitleGlyphs.getWidth()) + MARGIN);
        }
        int height = top + content.getHeight() + below;
        if (yTitleGlyphs != null) {
            height = Math.max(height, top + (int) Math.ceil(yTitleGlyphs.getWidth()) + MARGIN);
        }
        contentX = left;
        contentY = top;
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(content, left, top, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(textColour);
            // title: centred over the whole figure
            draw(g, title, TITLE_FONT, false, (width - titleGlyphs.getWidth()) / 2, MARGIN);
            // x tick labels, centred on their positions; skipped when they would crowd the previous one
            double labelsTop = top + content.getHeight() + MIN_GAP;
            double lastRight = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < xLabels.length; i++) {
                Rectangle2D r = glyphs(xLabels[i], TICK_FONT);
                double x = left + xTicks[i] - r.getWidth() / 2;
                if (x >= lastRight + MIN_GAP) {
                    draw(g, xLabels[i], TICK_FONT, false, x, labelsTop + (xLabelHeight - r.getHeight()));
                    lastRight = x + r.getWidth();
                }
            }
            if (xTitleGlyphs != null) {
                double y = top + content.getHeight() + (xLabels.length == 0 ? 0 : MIN_GAP + xLabelHeight) + MIN_GAP;
                draw(g, xTitle, AXIS_TITLE_FONT, false, left + (content.getWidth() - xTitleGlyphs.getWidth()) / 2, y);
            }
            double lastBottom = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < yLabels.length; i++) {
                Rectangle2D r = glyphs(yLabels[i], TICK_FONT);
                double y = top + yTicks[i] - r.getHeight() / 2;
                if (y >= lastBottom + MIN_GAP) {
                    draw(g, yLabels[i], TICK_FONT, false, left - MIN_GAP - r.getWidth(), y);
                    lastBottom = y + r.getHeight();
                }
            }
            if (yTitleGlyphs != null) {
                draw(g, yTitle, AXIS_TITLE_FONT, true, MARGIN,
                        top + (content.getHeight() - yTitleGlyphs.getWidth()) / 2);
            }
        } finally {
            g.dispose();
        }
    }

    private static Rectangle2D glyphs(String s, Font font) {
        return new TextLayout(s, font, FRC).getOutline(null).getBounds2D();
    }

    /** Draws s with its glyph box's top-left corner at (x, y); vertical text reads bottom to top. */
    private void draw(Graphics2D g, String s, Font font, boolean vertical, double x, double y) {
        Shape outline = new TextLayout(s, font, FRC).getOutline(null);
        Rectangle2D r = outline.getBounds2D();
        AffineTransform saved = g.getTransform();
        Rectangle2D box;
        if (vertical) {
            g.translate(x - r.getY(), y + r.getWidth() + r.getX());
            g.rotate(-Math.PI / 2);
            box = new Rectangle2D.Double(x, y, r.getHeight(), r.getWidth());
        } else {
            g.translate(x - r.getX(), y - r.getY());
            box = new Rectangle2D.Double(x, y, r.getWidth(), r.getHeight());
        }
        g.fill(outline);
        g.setTransform(saved);
        boxes.add(new Text(s, font, vertical, box));
    }

    BufferedImage image() {
        return image;
    }

    /** Where the content's top-left pixel is in {@link #image()}. */
    int contentX() {
        return contentX;
    }

    int contentY() {
        return contentY;
    }

    /** The text elements drawn, in drawing order. */
    List<Text> boxes() {
        return List.copyOf(boxes);
    }
}
