package aelab.grade;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An output sink that keeps the first {@code cap} bytes and counts the rest (a student may print 50 MB). */
final class CappedOutput extends OutputStream {
    private final long cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    CappedOutput(long cap) {
        this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
        if (total++ < cap) {
            kept.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        long room = Math.max(0, cap - total);
        if (room > 0) {
            kept.write(b, off, (int) Math.min(room, len));
        }
        total += len;
    }

    /** Bytes written in total. */
    synchronized long total() {
        return total;
    }

    /** The kept prefix as text. */
    synchronized String kept() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
