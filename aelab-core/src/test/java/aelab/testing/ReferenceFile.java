package aelab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads aelab-core/src/test/resources/reference/*.txt, written by the Python scripts next to them: one record per line,
 * "name rows cols v00 v01 ..." (row-major, white-space separated); blank lines and lines starting with '#' are
 * skipped.
 */
public final class ReferenceFile {
    private final Map<String, DMatrixRMaj> records = new LinkedHashMap<>();

    /** Parses the resource /reference/{@code resource}. */
    public ReferenceFile(String resource) {
        try (InputStream in = ReferenceFile.class.getResourceAsStream("/reference/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /reference/" + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] t = line.trim().split("\\s+");
                int rows = Integer.parseInt(t[1]);
                int cols = Integer.parseInt(t[2]);
                DMatrixRMaj m = new DMatrixRMaj(rows, cols);
                for (int i = 0; i < rows * cols; i++) {
                    m.data[i] = Double.parseDouble(t[3 + i]);
                }
                records.put(t[0], m);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All records of a reference file, in file order (unmodifiable; the matrices are the parsed ones). */
    public static Map<String, DMatrixRMaj> read(String resource) {
        return Collections.unmodifiableMap(new ReferenceFile(resource).records);
    }

    /** A copy of the named record. */
    public DMatrixRMaj matrix(String name) {
        DMatrixRMaj m = records.get(name);
        if (m == null) {
            throw new IllegalStateException("no record " + name);
        }
        return m.copy();
    }

    /** The named record's entries, row-major. */
    public double[] vector(String name) {
        return matrix(name).data.clone();
    }

    /** The first entry of the named record. */
    public double scalar(String name) {
        return matrix(name).data[0];
    }
}
