package aelab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The byte stream of one standard stream of the execution JVM, cut into printed text and display frames (see
 * {@code aelab.kernel.runtime.Display}). Text goes to {@code text} in the order written, never splitting a UTF-8
 * sequence; each complete frame goes to {@code frames}. A NUL byte that does not start a frame is passed on as
 * text with the rest of its line.
 */
final class OutputRouter extends OutputStream {
    /** A display frame: kind ({@code display}, {@code update}, {@code result}), id and MIME bundle. */
    record Frame(String kind, String id, Map<String, String> bundle) {
    }

    private static final byte[] PREFIX = "\u0000aelab:".getBytes(StandardCharsets.UTF_8);

    private final Consumer<String> text;
    private final Consumer<Frame> frames;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean inFrame;

    OutputRouter(Consumer<String> text, Consumer<Frame> frames) {
        this.text = text;
        this.frames = frames;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (inFrame) {
                int nl = indexOf(b, i, end, (byte) '\n');
                if (nl < 0) {
                    pending.write(b, i, end - i);
                    return;
                }
                pending.write(b, i, nl - i);
                i = nl + 1;
                inFrame = false;
                byte[] f = pending.toByteArray();
                pending.reset();
                Frame frame = parse(f);
                if (frame != null) {
                    frames.accept(frame);
                } else {
                    emit(f, 0, f.length);
                    emit(new byte[] {'\n'}, 0, 1);
                }
            } else {
                int nul = indexOf(b, i, end, (byte) 0);
                int stop = nul < 0 ? end : nul;
                pending.write(b, i, stop - i);
                flushText(false);
                if (nul < 0) {
                    return;
                }
                flushText(true);
                inFrame = true;
                i = nul;
            }
        }
    }

    /** Passes on the text written so far (up to a complete UTF-8 sequence, or everything when {@code all}). */
    private void flushText(boolean all) {
        byte[] t = pending.toByteArray();
        int cut = all ? t.length : completeUtf8Prefix(t);
        pending.reset();
        emit(t, 0, cut);
        pending.write(t, cut, t.length - cut);
    }

    private void emit(byte[] b, int off, int len) {
        if (len > 0) {
            text.accept(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    static int completeUtf8Prefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= 3 && n - back >= 0; back++) {
            int c = b[n - back] & 0xff;
            if ((c & 0xc0) == 0x80) {
                continue; // continuation byte
            }
            int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** Parses {@code NUL aelab:kind:id:mime=b64;mime=b64} (without the newline), or null if it is not a frame. */
    static Frame parse(byte[] f) {
        if (f.length < PREFIX.length) {
            return null;
        }
        for (int k = 0; k < PREFIX.length; k++) {
            if (f[k] != PREFIX[k]) {
                return null;
            }
        }
        String s = new String(f, PREFIX.length, f.length - PREFIX.length, StandardCharsets.US_ASCII);
        String[] head = s.split(":", 3);
        if (head.length != 3) {
            return null;
        }
        Map<String, String> bundle = new LinkedHashMap<>();
        try {
            for (String entry : head[2].split(";")) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    return null;
                }
                String mime = entry.substring(0, eq);
                String data = entry.substring(eq + 1);
                bundle.put(mime, mime.startsWith("image/") ? data
                        : new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new Frame(head[0], head[1], bundle);
    }
}
