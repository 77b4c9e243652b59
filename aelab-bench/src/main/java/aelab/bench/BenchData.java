package aelab.bench;

import aelab.core.Require;
import aelab.core.Rng;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The benchmark's datasets, built so that aelab and the PyTorch reference see the same bits.
 *
 * <ul>
 *   <li>{@code digits}: the UCI 8×8 digits CSV (sklearn's {@code digits.csv.gz}: 64 pixel columns 0..16, then the
 *   label), pixel / 16. Both sides read the same file; division by 16 is exact in binary64.</li>
 *   <li>{@code mnist-synthetic}: n×d i.i.d. Bernoulli(p) pixels, pixel = 1 when {@code rng.nextDouble() < p} with
 *   {@code Rng.seeded(seed)}, row-major. Generated here and written with {@link #writeBytes} to a file that
 *   {@code bench/reference_vae.py --data-bin} reads: {@code "AELABU8\n"}, {@code "<n> <d> <scale>\n"}, then n·d
 *   unsigned bytes; value = byte / scale. The Java side trains on the bytes it wrote, so both are bit-identical.</li>
 * </ul>
 */
public final class BenchData {
    private BenchData() {
    }

    /** Reads the digits CSV (gzip when the name ends in .gz): n×64, pixels / 16. */
    public static DMatrixRMaj readDigitsCsv(Path path) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(path);
                InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 65) {
                    throw new IllegalArgumentException("digits CSV rows must have 65 fields (64 pixels, label), got "
                            + f.length + " in row " + (rows.size() + 1) + " of " + path);
                }
                double[] row = new double[64];
                for (int j = 0; j < 64; j++) {
                    row[j] = Double.parseDouble(f[j]) / 16.0;
                }
                rows.add(row);
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(rows.size(), 64);
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x.data, i * 64, 64);
        }
        return x;
    }

    /** n·d Bernoulli(p) bytes (0 or 1), row-major, from {@code Rng.seeded(seed)}: 1 when nextDouble() &lt; p. */
    public static byte[] bernoulliBytes(int n, int d, double p, long seed) {
        Require.positive("n", n);
        Require.positive("d", d);
        Require.inRange("p", p, 0.0, 1.0);
        RandomGenerator rng = Rng.seeded(seed);
        byte[] out = new byte[Math.multiplyExact(n, d)];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextDouble() < p ? (byte) 1 : (byte) 0;
        }
        return out;
    }

    /** The n×d matrix with entries {@code (bytes[i] & 0xff) / scale}. */
    public static DMatrixRMaj fromBytes(byte[] bytes, int n, int d, double scale) {
        if (bytes.length != (long) n * d) {
            throw new IllegalArgumentException("bytes must have length " + ((long) n * d) + ", got " + bytes.length);
        }
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < bytes.length; i++) {
            x.data[i] = (bytes[i] & 0xff) / scale;
        }
        return x;
    }

    /** Writes the shared binary format read by {@code reference_vae.py --data-bin}. */
    public static void writeBytes(Path path, byte[] bytes, int n, int d, double scale) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            out.write(("AELABU8\n" + n + " " + d + " " + scale + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
        }
    }
}
