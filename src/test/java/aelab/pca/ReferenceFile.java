package aelab.pca;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Reads src/test/resources/reference/*.txt: one record per line, "name rows cols v00 v01 ..." ('#' = comment). */
final class ReferenceFile {
    private final Map<String, DMatrixRMaj> records = new HashMap<>();

    ReferenceFile(String resource) {
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

    DMatrixRMaj matrix(String name) {
        DMatrixRMaj m = records.get(name);
        if (m == null) {
            throw new IllegalStateException("no record " + name);
        }
        return m.copy();
    }

    double[] vector(String name) {
        return matrix(name).data.clone();
    }

    double scalar(String name) {
        return matrix(name).data[0];
    }
}
