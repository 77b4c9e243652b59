package aelab.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Text labels attached to data points of an XY chart, placed at paint time so that no two labels overlap and no
 * label covers another point's marker — even when points coincide (two β-VAE runs both at rate ≈ 0).
 *
 * <p>Placement is greedy, in the order the points were given, in screen pixels (the pixel positions are only known
 * once XChart has laid out the axes): each label takes the first free slot from the list "just above the point,
 * just below, right, left, then one text line further up, further down, …" (up to {@value #MAX_STEPS} lines away),
 * preferring slots inside the plot area. A slot is free when the label's glyph box, grown by {@value #GAP} pixels,
 * meets neither an earlier label nor a marker (other than the label's own point). Coincident points therefore get
 * a column of labels stacked above (then below) the shared marker, which stays readable. When no slot within
 * {@value #MAX_STEPS} lines is free (dozens of labels on one spot) the label falls back to "just above". Heuristic label placement
 * as in Christensen, Marks &amp; Shieber (1995), "An empirical study of algorithms for point-feature label placement",
 * ACM Trans. Graphics 14(3) — the simplest, greedy variant.
 */
final class PointLabels extends Annotation {
    /** Pixels between a label and anything else. */
    static final int GAP = 2;
    /** Largest number of text lines a label moves away from its point. */
    static final int MAX_STEPS = 12;

    private final String[] texts;
    private final double[] x;
    private final double[] y;
    private final List<Rectangle2D> placed = new ArrayList<>();
    private int onlyLabel = -1;

    /** Labels {@code texts[i]} for the points (x[i], y[i]) in data coordinates. All arrays: Not modified (copied). */
    PointLabels(String[] texts, double[] x, double[] y) {
        super(false);
        this.texts = texts.clone();
        this.x = x.clone();
        this.y = y.clone();
    }

    /** Draw only label {@code i} (still placed among all of them); -1 ⇒ all. For tests that isolate one label's ink. */
    void drawOnly(int i) {
        onlyLabel = i;
    }

    /** The screen boxes of the labels from the last paint, in point order (empty before the first paint). */
    List<Rectangle2D> lastBoxes() {
        return List.copyOf(placed);
    }

    @Override
    public void paint(Graphics2D g) {
        placed.clear();
        if (!isVisible) {
            return;
        }
        Font font = styler.getAnnotationTextFont();
        Rectangle2D plot = new Rectangle2D.Double(getXAxisScreenValueForMin(),
                Math.min(getYAxisScreenValueForMin(), getYAxisScreenValueForMax()),
                getXAxisScreenValueForMax() - getXAxisScreenValueForMin(),
                Math.abs(getYAxisScreenValueForMax() - getYAxisScreenValueForMin()));
        int n = texts.length;
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = getXAxisScreenValue(x[i]);
            py[i] = getYAxisScreenValue(y[i]);
        }
        double markerRadius = styler.getMarkerSize() / 2.0 + 1;
        Object antialiasing = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(styler.getAnnotationTextFontColor());
        for (int i = 0; i < n; i++) {
            Shape outline = new TextLayout(texts[i], font, g.getFontRenderContext()).getOutline(null);
            Rectangle2D glyphs = outline.getBounds2D();
            Rectangle2D box = place(i, glyphs.getWidth(), glyphs.getHeight(), px, py, markerRadius, plot);
            placed.add(box);
            if (onlyLabel < 0 || onlyLabel == i) {
                AffineTransform saved = g.getTransform();
                g.translate(box.getX() - glyphs.getX(), box.getY() - glyphs.getY());
                g.fill(outline);
                g.setTransform(saved);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialiasing);
        Rectangle2D all = null;
        for (Rectangle2D box : placed) {
            all = all == null ? (Rectangle2D) box.clone() : all.createUnion(box);
        }
        bounds = all;
    }

    /** The first free slot for label i (w×h pixels), see the class comment. */
    private Rectangle2D place(int i, double w, double h, double[] px, double[] py, double markerRadius,
            Rectangle2D plot) {
        double clearance = markerRadius + GAP;
        double line = h + 2 * GAP;
        List<Rectangle2D> candidates = new ArrayList<>();
        for (int step = 0; step <= MAX_STEPS; step++) {
            double up = py[i] - clearance - h - step * line;
            double down = py[i] + clearance + step * line;
            candidates.add(new Rectangle2D.Double(px[i] - w / 2, up, w, h));
            candidates.add(new Rectangle2D.Double(px[i] - w / 2, down, w, h));
            double level = py[i] - h / 2;
            for (double dy : step == 0 ? new double[] {0} : new double[] {-step * line, step * line}) {
                candidates.add(new Rectangle2D.Double(px[i] + clearance, level + dy, w, h));
                candidates.add(new Rectangle2D.Double(px[i] - clearance - w, level + dy, w, h));
            }
        }
        for (boolean insidePlotOnly : new boolean[] {true, false}) {
            for (Rectangle2D c : candidates) {
                if ((!insidePlotOnly || plot.contains(c)) && isFree(c, i, px, py, markerRadius)) {
                    return c;
                }
            }
        }
        return candidates.get(0);
    }

    private boolean isFree(Rectangle2D candidate, int i, double[] px, double[] py, double markerRadius) {
        Rectangle2D grown = new Rectangle2D.Double(candidate.getX() - GAP, candidate.getY() - GAP,
                candidate.getWidth() + 2 * GAP, candidate.getHeight() + 2 * GAP);
        for (Rectangle2D other : placed) {
            if (grown.intersects(other)) {
                return false;
            }
        }
        for (int j = 0; j < px.length; j++) {
            boolean ownMarker = px[j] == px[i] && py[j] == py[i];
            if (!ownMarker && grown.intersects(px[j] - markerRadius, py[j] - markerRadius, 2 * markerRadius,
                    2 * markerRadius)) {
                return false;
            }
        }
        return true;
    }
}
