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
import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    /**
     * Not a switch: the grader really runs as {@code nobody} (setpriv) inside a user namespace that may not create
     * namespaces of its own (bubblewrap's {@code --disable-userns}), the situation of a laptop or container where
     * unprivileged user namespaces are off. It must detect that it can neither use bubblewrap nor change uid, refuse,
     * and still grade with {@code --no-sandbox}.
     */
    /**
     * A grader running as {@code nobody} (setpriv) inside a user namespace that may not create namespaces of its own
     * (bubblewrap's {@code --disable-userns}): the situation of a laptop or container where unprivileged user
     * namespaces are off. Everything it reads is a world-readable copy (the build's classpath may sit under /root).
     */
    private record Nobody(Path dir, Path key, Path sub, Path out, List<String> wrapper, List<String> grader) {
        static Nobody prepare() throws Exception {
            Path dir = Files.createTempDirectory("aelab-nobody-");
            List<String> cp = new ArrayList<>();
            int i = 0;
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path from = Path.of(e);
                if (!Files.exists(from)) {
                    continue;
                }
                Path to = dir.resolve("cp").resolve(i++ + (Files.isDirectory(from) ? "" : ".jar"));
                try (Stream<Path> files = Files.walk(from)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Path t = to.resolve(from.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(t);
                        } else {
                            Files.createDirectories(t.getParent());
                            Files.copy(f, t);
                        }
                    }
                }
                cp.add(to.toString());
            }
            Path key = dir.resolve("key.ipynb");
            Files.copy(Fixtures.PILOT, key);
            Path sub = dir.resolve("s.ipynb");
            Fixtures.write(sub, Fixtures.solution().toJson());
            Path out = dir.resolve("out");
            Files.createDirectories(out);
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) all::iterator) {
                    f.toFile().setReadable(true, false);
                    f.toFile().setExecutable(Files.isDirectory(f), false);
                }
            }
            out.toFile().setWritable(true, false);
            List<String> wrapper = List.of("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                    Confinement.BWRAP, "--unshare-user", "--disable-userns", "--uid", "65534", "--gid", "65534",
                    "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--bind",
                    dir.toString(), dir.toString(), "--die-with-parent");
            // the premise: uid 65534, no capabilities, and no new user namespace can be made
            String premise = run(wrapper, List.of("sh", "-c", "id -u; grep CapEff /proc/self/status; unshare -U true"
                    + " 2>/dev/null; echo unshare=$?"));
            assertTrue(premise.startsWith("65534\n") && premise.contains("CapEff:\t0000000000000000")
                    && premise.contains("unshare=1"), premise);
            List<String> grader = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    String.join(java.io.File.pathSeparator, cp), "aelab.grade.GradeCommand", sub.toString(), "--key",
                    key.toString(), "--out", out.toString(), "--cell-seconds", "4", "--total-seconds", "40");
            return new Nobody(dir, key, sub, out, wrapper, grader);
        }

        String grade(String... extra) throws Exception {
            List<String> command = new ArrayList<>(grader);
            command.addAll(List.of(extra));
            return run(wrapper, command);
        }
    }

    /** Not a switch: the grader really cannot use bubblewrap or change uid; it refuses, or grades when trusted. */
    @Test
    void asNobodyWithoutUserNamespacesGradingIsRefusedUnlessNoSandbox() throws Exception {
        Nobody n = Nobody.prepare();
        String refused = n.grade();
        assertTrue(refused.contains("cannot confine student code") && refused.contains("--no-sandbox")
                && refused.endsWith("exit=2"), refused);
        assertEquals(List.of(), Files.list(n.out()).collect(Collectors.toList()), "nothing graded, nothing written");
        String trusted = n.grade("--no-sandbox");
        assertTrue(trusted.contains("NO SANDBOX") && trusted.endsWith("exit=0"), trusted);
        Map<String, Object> r = Json.parseObject(Files.readString(n.out().resolve("s/results.json")));
        assertEquals(8.0, ((Number) r.get("score")).doubleValue(), r.toString());
    }

    /** Runs {@code wrapper + command}; its output (stdout and stderr) and {@code exit=N}. */
    private static String run(List<String> wrapper, List<String> command) throws Exception {
        List<String> all = new ArrayList<>(wrapper);
        all.addAll(command);
        Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return text + "exit=" + p.waitFor();
    }
}
