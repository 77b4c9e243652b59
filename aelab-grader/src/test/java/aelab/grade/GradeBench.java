package aelab.grade;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test): wall-clock time of {@code ./aelab grade} for one submission and for 30 (copies of the
 * pilot solution with typical variations), with the default limits and a pool of 2. Run from the project root:
 * <pre>
 * mvn -o -q -B -DskipTests package test-compile
 * java -cp "aelab-grader/target/test-classes:$(./aelab classpath):aelab-grader/target/aelab-grader.jar:aelab-grader/target/lib/*" aelab.grade.GradeBench
 * </pre>
 */
public final class GradeBench {
    private GradeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("aelab-bench-");
        Notebook sol = Fixtures.solution();
        List<Notebook> variants = new ArrayList<>();
        variants.add(sol);
        variants.add(Fixtures.withCell(sol, "mse-impl", Fixtures.MSE_SUM));
        variants.add(Fixtures.withCell(sol, "gain-impl", "double denoisingGain(double m, double s) { return m / (m + s); }"));
        variants.add(Fixtures.withCell(sol, "quiz1-answer", "char quiz1() { return 'C'; }"));
        variants.add(Notebook.read(Fixtures.PILOT_EXERCISE));
        variants.add(Fixtures.withExtraCell(sol, "gain-impl", "System.out.println(\"scratch\");"));
        for (int i = 0; i < 30; i++) {
            Fixtures.write(dir.resolve("many").resolve(String.format(Locale.ROOT, "student%02d.ipynb", i)),
                    variants.get(i % variants.size()).toJson());
        }
        Fixtures.write(dir.resolve("one").resolve("student.ipynb"), sol.toJson());
        PrintStream log = System.err;
        for (String which : new String[] {"one", "many"}) {
            long t0 = System.nanoTime();
            int status = GradeCommand.run(new String[] {dir.resolve(which).toString(), "--key",
                Fixtures.PILOT.toString(), "--out", dir.resolve("out-" + which).toString()}, log);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %s submission(s) graded in %.1f s (exit %d)%n", which,
                    which.equals("one") ? "1" : "30", s, status);
        }
    }
}
