package aelab.gaussian;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

/** Cases from aelab-core/src/test/resources/reference/gaussian_kl.csv, written by gaussian_kl.py (numpy inv/det). */
final class NumpyReference {
    record Case(int k, double[] m0, DMatrixRMaj s0, double[] m1, DMatrixRMaj s1, double[] z, double kl,
                double logQz) {
    }

    private NumpyReference() {
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        try (var in = NumpyReference.class.getResourceAsStream("/reference/gaussian_kl.csv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(";");
                int k = Integer.parseInt(f[0]);
                out.add(new Case(k, numbers(f[1]), new DMatrixRMaj(k, k, true, numbers(f[2])), numbers(f[3]),
                        new DMatrixRMaj(k, k, true, numbers(f[4])), numbers(f[5]), Double.parseDouble(f[6]),
                        Double.parseDouble(f[7])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static double[] numbers(String field) {
        return Arrays.stream(field.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
}
