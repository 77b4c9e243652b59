package aelab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The kernel's side of the display transport: frames written by {@code aelab.kernel.runtime.Display} (the real
 * writer, called through its package-private bundle and a captured System.out) are cut out of the byte stream in
 * order, whatever the chunking, and text around them is passed on unchanged.
 */
class OutputRouterTest {
    private final List<String> events = new ArrayList<>();
    private final OutputRouter router = new OutputRouter(t -> events.add("text:" + t),
            f -> events.add(f.kind() + ":" + f.bundle()));

    /** What Display.display / Display.result write to System.out for {@code value}, captured. */
    private static byte[] framesOf(Runnable r) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(saved);
        }
        return buf.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private List<String> feed(byte[] all, int chunk) {
        for (int i = 0; i < all.length; i += chunk) {
            router.write(all, i, Math.min(chunk, all.length - i));
        }
        // merge adjacent text events: chunking may split text, never reorder it
        List<String> merged = new ArrayList<>();
        for (String e : events) {
            int last = merged.size() - 1;
            if (e.startsWith("text:") && last >= 0 && merged.get(last).startsWith("text:")) {
                merged.set(last, merged.get(last) + e.substring(5));
            } else {
                merged.add(e);
            }
        }
        events.clear();
        return merged;
    }

    @Test
    void framesAndTextKeepTheirOrderWhateverTheChunking() {
        byte[] frame = framesOf(() -> aelab.kernel.runtime.Display.result("a<b & c\nzweite Zeile ü"));
        byte[] all = concat("before é\n".getBytes(StandardCharsets.UTF_8), frame,
                "after €".getBytes(StandardCharsets.UTF_8));
        List<String> expected = List.of("text:before é\n", "result:{text/plain=a<b & c\nzweite Zeile ü}",
                "text:after €");
        for (int chunk : new int[] {1, 2, 3, 7, all.length}) {
            assertEquals(expected, feed(all, chunk), "chunk size " + chunk);
        }
    }

    @Test
    void anImageFrameCarriesThePngBytesAsBase64() {
        var img = new java.awt.image.BufferedImage(2, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        byte[] frame = framesOf(() -> aelab.kernel.runtime.Display.display(img));
        List<String> got = feed(frame, 5);
        assertEquals(1, got.size());
        String png = got.get(0).replaceAll("^display:\\{image/png=(.*)\\}$", "$1");
        byte[] bytes = Base64.getDecoder().decode(png);
        assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aNulThatStartsNoFrameIsText() {
        byte[] all = "a\u0000b: not a frame\nc".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("text:a\u0000b: not a frame\nc"), feed(all, 4));
    }

    @Test
    void theDisplayIdOfDisplayIsNotShownAsTheCellsValue() throws Exception {
        String[] id = new String[1];
        framesOf(() -> id[0] = aelab.kernel.runtime.Display.display("x"));
        assertEquals(List.of(), feed(framesOf(() -> aelab.kernel.runtime.Display.result(id[0])), 3));
        assertEquals(List.of("result:{text/plain=" + id[0] + "x}"),
                feed(framesOf(() -> aelab.kernel.runtime.Display.result(id[0] + "x")), 3));
    }

    @Test
    void optionsFileSyntax() {
        assertEquals(List.of("-Xmx1g", "-Djava.awt.headless=true"),
                KernelConfig.parseOptions("# comment\n-Xmx1g\n\n  -Djava.awt.headless=true  \r\n#x\n"));
    }

}
