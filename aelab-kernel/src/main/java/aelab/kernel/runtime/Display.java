package aelab.kernel.runtime;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * The notebook API of the aelab kernel, as in IJava: {@code display(x)} shows {@code x} below the cell and returns
 * its display id; {@code updateDisplay(id, x)} replaces an earlier display. This class runs in the execution JVM
 * (where the cells run) and is statically imported into every session.
 *
 * <p>Rendering (the same as IJava's for the types the course uses, so that notebooks give the same outputs on both
 * kernels): a {@link RenderedImage} becomes {@code image/png} (written by {@link ImageIO}, so the bytes are IJava's),
 * an XChart chart is drawn into an image first (XChart's {@code BitmapEncoder}), anything else becomes
 * {@code text/plain} through {@link String#valueOf(Object)} (Tablesaw tables print as tables). Images carry no
 * {@code text/plain} beside them (IJava's {@code BufferedImage@hash} differs from run to run).
 *
 * <p>Transport: a display is written to this JVM's standard output as one frame line
 * {@code NUL "aelab:" kind ":" id ":" mime "=" base64 (";" mime "=" base64)* LF}; the kernel cuts these frames out
 * of the output stream, so displays and printed text keep their order.
 */
public final class Display {
    static final String FRAME_PREFIX = "\u0000aelab:";
    private static final String CHART = "org.knowm.xchart.internal.chartpart.Chart";
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private Display() {
    }

    /**
     * Shows {@code value} below the cell.
     *
     * @param value what to show (an image, an XChart chart, or anything with a useful {@code toString})
     * @return the display id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object value) {
        String id = UUID.randomUUID().toString();
        ISSUED.add(id);
        emit("display", id, bundle(value));
        return id;
    }

    /**
     * Replaces the display {@code id} (returned by {@link #display(Object)}) by {@code value}.
     *
     * @param id a display id returned by {@code display}
     * @param value the new content
     */
    public static void updateDisplay(String id, Object value) {
        if (id == null || !ISSUED.contains(id)) {
            throw new IllegalArgumentException("id must be a display id returned by display(...), got " + id);
        }
        emit("update", id, bundle(value));
    }

    /**
     * Used by the kernel for the value of a cell's last expression; not for notebooks. Nothing is shown for
     * {@code null} and for the display id that {@code display(x)} returned as the last expression.
     *
     * @param value the value of the last expression
     */
    public static void result(Object value) {
        if (value == null || value instanceof String && ISSUED.contains(value)) {
            return;
        }
        emit("result", "-", bundle(value));
    }

    /** The MIME bundle of a value: mime type to data (base64 for images, text otherwise). */
    static Map<String, String> bundle(Object value) {
        Map<String, String> b = new LinkedHashMap<>();
        RenderedImage image = asImage(value);
        if (image != null) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            b.put("image/png", Base64.getEncoder().encodeToString(png.toByteArray()));
        } else {
            b.put("text/plain", String.valueOf(value));
        }
        return b;
    }

    private static RenderedImage asImage(Object value) {
        if (value instanceof RenderedImage) {
            return (RenderedImage) value;
        }
        if (value == null) {
            return null;
        }
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(CHART)) {
                try {
                    Class<?> encoder = Class.forName("org.knowm.xchart.BitmapEncoder", true,
                            value.getClass().getClassLoader());
                    Method m = encoder.getMethod("getBufferedImage", c);
                    return (RenderedImage) m.invoke(null, value);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static void emit(String kind, String id, Map<String, String> bundle) {
        StringBuilder frame = new StringBuilder(FRAME_PREFIX).append(kind).append(':').append(id).append(':');
        String sep = "";
        for (Map.Entry<String, String> e : bundle.entrySet()) {
            String data = e.getKey().startsWith("image/") ? e.getValue()
                    : Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8));
            frame.append(sep).append(e.getKey()).append('=').append(data);
            sep = ";";
        }
        frame.append('\n');
        PrintStream out = System.out;
        synchronized (out) {
            out.flush();
            out.print(frame);
            out.flush();
        }
    }
}
