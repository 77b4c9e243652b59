package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The lower layers of {@link Confinement}, forced on this machine (root, namespaces available): the uid-only layer
 * grades fairly, runs the child as a dedicated uid, kills a detached process of that uid and says what isolation is
 * missing; without namespaces and root, grading is refused unless --no-sandbox is given.
 */
class ConfinementLayersIT {
    @AfterAll
    static void back() {
        Confinement.redetect(null);
    }

    private static String grade(Path sub, Path out, List<String> extra, int[] status) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of(sub.toString(), "--key", Fixtures.PILOT.toString(),
                "--out", out.toString(), "--cell-seconds", "4", "--total-seconds", "40"));
        args.addAll(extra);
        status[0] = GradeCommand.run(args.toArray(new String[0]), new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void uidOnlyLayerGradesFairlyKillsItsProcessesAndSaysWhatIsMissing() throws Exception {
        Path dir = Files.createTempDirectory("aelab-uid-");
        Confinement c = Confinement.redetect("uid");
        assertEquals(Confinement.Level.UID, c.level);
        Path sub = dir.resolve("uid-solution.ipynb");
        // the quiz answer is right only when the child does not run as root
        Notebook sol = Fixtures.withCell(Fixtures.solution(), "quiz1-answer",
                "char quiz1() { return myUid >= " + Confinement.FIRST_UID + " ? 'B' : 'A'; }");
        Fixtures.write(sub, Fixtures.withExtraCell(sol, "gain-impl",
                "new ProcessBuilder(\"setsid\", \"sleep\", \"602.5\").start();\n"
                        + "int myUid = Integer.parseInt(java.nio.file.Files.readAllLines(java.nio.file.Path.of("
                        + "\"/proc/self/status\")).stream().filter(l -> l.startsWith(\"Uid:\")).findFirst().get()"
                        + ".split(\"\\\\s+\")[1]);").toJson());
        int[] status = new int[1];
        String log = grade(sub, dir.resolve("out"), List.of(), status);
        assertEquals(0, status[0], log);
        assertTrue(log.contains("separate uid only"), log);
        Map<String, Object> r = Json.parseObject(Files.readString(dir.resolve("out/uid-solution/results.json")));
        assertEquals(8.0, ((Number) r.get("score")).doubleValue(), r.toString());
        assertTrue(String.valueOf(r.get("output")).contains("Isolation missing"), r.toString());
        List<String> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("602.5")).orElse(false))
                .map(p -> p.pid() + "").collect(Collectors.toList());
        assertEquals(List.of(), left);
    }

    @Test
    void withoutNamespacesOrRootGradingIsRefusedUnlessNoSandbox() throws Exception {
        Path dir = Files.createTempDirectory("aelab-none-");
        Confinement c = Confinement.redetect("none");
        assertEquals(Confinement.Level.NONE, c.level);
        Path sub = dir.resolve("s.ipynb");
        Fixtures.write(sub, Fixtures.solution().toJson());
        int[] status = new int[1];
        String log = grade(sub, dir.resolve("out"), List.of(), status);
        assertEquals(2, status[0], log);
        assertTrue(log.contains("cannot confine student code") && log.contains("--no-sandbox"), log);
        log = grade(sub, dir.resolve("out"), List.of("--no-sandbox"), status);
        assertEquals(0, status[0], log);
        assertTrue(log.contains("NO SANDBOX"), log);
    }
}
