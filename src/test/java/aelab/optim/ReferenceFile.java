package aelab.optim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Reads src/test/resources/reference/*.txt records "key rows cols v1 v2 …" (written by nn_reference.py). */
public final class ReferenceFile {
    private ReferenceFile() {
    }

    /** All records of a reference file, in order. */
    public static Map<String, DMatrixRMaj> read(String name) {
        try (InputStream in = ReferenceFile.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /reference/" + name);
            }
            Map<String, DMatrixRMaj> records = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] t = line.trim().split(" ");
                DMatrixRMaj m = new DMatrixRMaj(Integer.parseInt(t[1]), Integer.parseInt(t[2]));
                for (int i = 0; i < m.data.length; i++) {
                    m.data[i] = Double.parseDouble(t[3 + i]);
                }
                records.put(t[0], m);
            }
            return records;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
