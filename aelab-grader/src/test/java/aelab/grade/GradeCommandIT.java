package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors exit 2 with a message; a grader failure exits 3 and names the submission. */
class GradeCommandIT {
    private static String run(int expectedStatus, String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status = GradeCommand.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String log = buf.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, log);
        return log;
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path tmp) throws Exception {
        assertTrue(run(2).contains("no PATH given"));
        assertTrue(run(2, "x.ipynb", "--out").contains("--out needs a value"));
        assertTrue(run(2, "x.ipynb", "--jobs", "0").contains("--jobs must be >= 1, got 0"));
        assertTrue(run(2, "x.ipynb", "--colour", "red").contains("unknown option --colour"));
        assertTrue(run(2, tmp.resolve("nope.ipynb").toString()).contains("no such file or directory"));
        Path bad = tmp.resolve("bad-key.ipynb");
        Files.writeString(bad, "{\"nbformat\": 4, \"cells\": [], \"metadata\": {}}x");
        Path sub = tmp.resolve("s.ipynb");
        Files.writeString(sub, "{}");
        assertTrue(run(2, sub.toString(), "--key", bad.toString()).contains("invalid instructor notebook"));
    }

    @Test
    void aSandboxThatCannotStartIsAGraderErrorNotAZero(@TempDir Path tmp) throws Exception {
        // a 1 kB heap: the student JVM cannot start (as when bubblewrap, setpriv or the JDK are broken on a grader)
        Path sub = tmp.resolve("s.ipynb");
        Files.copy(Path.of("solutions/03-losses-and-denoising.ipynb"), sub);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(buf, true, StandardCharsets.UTF_8);
        List<SubmissionResult> results = GradeCommand.gradeAll(List.of(sub), List.of(Assignment.read(
                Path.of("solutions/03-losses-and-denoising.ipynb"))), new Limits("1k", 4000, 40_000, 1024, 1),
                Sandbox.defaultClasspath(), 1, log);
        SubmissionResult r = results.get(0);
        assertTrue(r.graderError() != null && r.graderError().contains("could not start the sandbox"), r.output());
        assertTrue(r.output().contains("grader error") && r.output().contains("not the submission's fault"),
                r.output());
        assertEquals(3, GradeCommand.notGraded(results, log));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("1 submission(s) NOT GRADED because of a grader "
                + "error") && buf.toString(StandardCharsets.UTF_8).contains("s (could not start"),
                buf.toString(StandardCharsets.UTF_8));
        // an ordinary 0 (nothing solved) is a grade: exit 0
        assertEquals(0, GradeCommand.notGraded(List.of(Fixtures.pilotGrader().unreadable("u", "not json")), log));
    }

    /**
     * A grader stopped while a sandbox runs (SIGTERM; the same path as exiting while the background run of the
     * instructor's notebook is still going) leaves no cgroup, no process in it and no scratch directory behind.
     */
    @Test
    void aGraderStoppedMidRunLeavesNoCgroupProcessOrScratchBehind(@TempDir Path tmp) throws Exception {
        Path memory = Path.of("/sys/fs/cgroup/memory");
        org.junit.jupiter.api.Assumptions.assumeTrue(Confinement.current().cgroups, "cgroups are not used here");
        Path sub = tmp.resolve("hang.ipynb");
        Fixtures.write(sub, Fixtures.withExtraCell(Fixtures.solution(), "gain-impl", "while (true) { }").toJson());
        java.util.Set<Path> before = aelabEntries(memory, "aelab-");
        java.util.Set<Path> scratchBefore = aelabEntries(Path.of(System.getProperty("java.io.tmpdir")), "aelab-grade-");
        Process grader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "aelab.grade.GradeCommand", sub.toString(), "--key",
                Fixtures.PILOT.toString(), "--out", tmp.resolve("out").toString(), "--cell-seconds", "60",
                "--total-seconds", "120").redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile())
                .start();
        // stop it while the hanging student sandbox runs: a new cgroup that has been there for 3 s (the reference
        // run of the key comes and goes first)
        java.util.Set<Path> steady = java.util.Set.of();
        java.util.Set<Path> earlier = new java.util.HashSet<>();
        for (int i = 0; i < 120 && steady.isEmpty(); i++) {
            Thread.sleep(500);
            java.util.Set<Path> now = aelabEntries(memory, "aelab-");
            now.removeAll(before);
            if (i % 6 == 0) {
                steady = new java.util.HashSet<>(now);
                steady.retainAll(earlier);
                earlier = now;
            }
        }
        assertFalse(steady.isEmpty(), "a sandbox ran for 3 s: " + Files.readString(tmp.resolve("log")));
        grader.destroy();
        assertTrue(grader.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        java.util.Set<Path> left = aelabEntries(memory, "aelab-");
        left.removeAll(before);
        assertEquals(java.util.Set.of(), left, "cgroups left: " + Files.readString(tmp.resolve("log")));
        java.util.Set<Path> scratchLeft = aelabEntries(Path.of(System.getProperty("java.io.tmpdir")), "aelab-grade-");
        scratchLeft.removeAll(scratchBefore);
        assertEquals(java.util.Set.of(), scratchLeft);
    }

    private static java.util.Set<Path> aelabEntries(Path dir, String prefix) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
        }
    }

    @Test
    void noReferenceRunIsAnnouncedWhenEveryProbeHasALiteralExpectedValue(@TempDir Path tmp) throws Exception {
        // an unreadable submission is scored without starting a JVM; every probe of sheet 03 has "expected"
        Path sub = tmp.resolve("s.ipynb");
        Files.writeString(sub, "not json");
        String log = run(0, sub.toString(), "--key", "solutions/03-losses-and-denoising.ipynb", "--out",
                tmp.resolve("out").toString());
        assertTrue(log.contains("1 results.json"), log);
        assertFalse(log.contains("running the instructor's"), log);
    }

    @Test
    void theBestMatchingInstructorNotebookSharesMostGradeIds() {
        Assignment pilot = Fixtures.pilot();
        Notebook other = Notebook.parse("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": []}");
        Assignment empty = Assignment.of("empty", other);
        assertEquals("01-pilot-exercises", GradeCommand.bestMatch(Fixtures.solution(), Path.of("alice.ipynb"),
                List.of(empty, pilot)).name());
        assertEquals("empty", GradeCommand.bestMatch(null, Path.of("empty.ipynb"), List.of(pilot, empty)).name());
    }
}
