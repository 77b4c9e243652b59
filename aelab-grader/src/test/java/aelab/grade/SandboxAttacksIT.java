package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 9, each as a hostile submission graded end to end through {@code GradeCommand} in one batch
 * (two at a time) beside an honest solution. Each attack is built on the untouched exercise, whose fair score is 0:
 * its {@code mseMeanPerElement} returns the right value only if the attack worked (the key was read, a process
 * survived, memory or disk beyond the limits was obtained...), so a score above 0 means the attack succeeded. Every
 * case also asserts: no process of any submission survives the run, no file outside the grader's output changed,
 * the result files are the grader's. Against main at 22f2fe0 (no sandbox) these attacks succeeded.
 */
class SandboxAttacksIT {
    private static Path dir;
    private static Path out;
    private static Path victim;
    private static Path secret;
    private static String log;
    private static int exitStatus;
    private static final Map<String, String> hashes = new LinkedHashMap<>();
    private static final Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    private static final String SLEEPER = "601.25";

    /** The exercise with mseMeanPerElement correct only if {@code win} is true after {@code attack} ran. */
    private static String attack(String attack) throws Exception {
        Notebook ex = Notebook.read(Fixtures.PILOT_EXERCISE);
        String mse = "double mseMeanPerElement(double[][] x, double[][] xHat) {\n"
                + "    if (!win) return Double.NaN;\n"
                + "    double sum = 0; int n = 0;\n"
                + "    for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) {\n"
                + "        double d = x[i][j] - xHat[i][j]; sum += d * d; n++; }\n"
                + "    return sum / n;\n}";
        return Fixtures.withExtraCell(Fixtures.withCell(ex, "mse-impl", mse), "mse-impl",
                "boolean win = false;\ntry {\n" + attack + "\n} catch (Throwable t) { }").toJson();
    }

    private static String q(Path p) {
        return "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\") + "\"";
    }

    @BeforeAll
    static void gradeEverything() throws Exception {
        dir = Files.createTempDirectory("aelab-attacks-");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        out = dir.resolve("out");
        victim = dir.resolve("victim.txt");
        Files.writeString(victim, "a file of the instructor's\n");
        secret = dir.resolve("shadow");
        Files.writeString(secret, "SECRET-7f3a9 root:$6$hash\n");
        Path key = Fixtures.PILOT.toAbsolutePath();
        Path subs = dir.resolve("subs");
        Map<String, String> s = new LinkedHashMap<>();
        s.put("honest-solution", Fixtures.solution().toJson());
        // answer theft: the key on disk (its path, the grader's command line, next to the classpath)
        s.put("theft-key-path", attack("win = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("
                + q(key) + "))).contains(\"BEGIN SOLUTION\");"));
        s.put("theft-proc-cmdline", attack("for (java.io.File p : java.util.Objects.requireNonNull("
                + "new java.io.File(\"/proc\").listFiles())) { try { String c = new String(java.nio.file.Files"
                + ".readAllBytes(p.toPath().resolve(\"cmdline\"))).replace('\\0', ' ');\n"
                + "  for (String a : c.split(\" \")) if (a.endsWith(\".ipynb\") && new String(java.nio.file.Files"
                + ".readAllBytes(java.nio.file.Path.of(a))).contains(\"BEGIN SOLUTION\")) win = true;"
                + " } catch (Exception e) { } }"));
        s.put("theft-next-to-classpath", attack("for (String e : System.getProperty(\"java.class.path\")"
                + ".split(\":\")) { java.nio.file.Path p = java.nio.file.Path.of(e).toAbsolutePath();\n"
                + "  for (int up = 0; up < 5 && p != null; up++, p = p.getParent()) {\n"
                + "    java.nio.file.Path k = p.resolve(\"solutions/01-pilot-exercises.ipynb\");\n"
                + "    if (java.nio.file.Files.isReadable(k)) win = true; } }\n"
                + "if (java.nio.file.Files.isReadable(java.nio.file.Path.of(\"/autograder/source/solutions\"))) win = true;"));
        // forged results: a detached process (new session, double fork) rewrites the result files later
        s.put("forge-detached-writer", attack("new ProcessBuilder(\"setsid\", \"sh\", \"-c\", \"(sleep 2; mkdir -p "
                + out.resolve("forge-detached-writer") + "; echo '{\\\"score\\\": 8}' > "
                + out.resolve("forge-detached-writer/results.json") + "; echo x,1,8,8 > " + out.resolve("summary.csv")
                + ") &\").start().waitFor(); win = false;"));
        s.put("extra-results-folder", attack("java.nio.file.Files.createDirectories(java.nio.file.Path.of("
                + q(out.resolve("zz-extra")) + "));\njava.nio.file.Files.writeString(java.nio.file.Path.of("
                + q(out.resolve("zz-extra/results.json")) + "), \"{\\\"score\\\": 8, \\\"tests\\\": []}\");"));
        // hurting others: the project tree, a classmate's notebook, a symlink for the grader, summary.csv as a dir
        s.put("edit-instructor-file", attack("java.nio.file.Files.writeString(java.nio.file.Path.of(" + q(victim)
                + "), \"backdoor\");"));
        s.put("rewrite-classmate", attack("java.nio.file.Files.writeString(java.nio.file.Path.of("
                + q(subs.resolve("zz-classmate.ipynb")) + "), \"{}\");"));
        s.put("plant-symlink", attack("java.nio.file.Files.createDirectories(java.nio.file.Path.of(" + q(out)
                + "));\njava.nio.file.Files.createSymbolicLink(java.nio.file.Path.of(" + q(out.resolve("zz-classmate"))
                + "), java.nio.file.Path.of(" + q(dir) + "));"));
        s.put("summary-as-directory", attack("java.nio.file.Files.createDirectories(java.nio.file.Path.of("
                + q(out.resolve("summary.csv/x")) + "));"));
        s.put("loopback-squatter", attack("java.util.List<java.net.ServerSocket> keep = new java.util.ArrayList<>();\n"
                + "for (int i = 0; i < 300; i++) keep.add(new java.net.ServerSocket(0, 50, "
                + "java.net.InetAddress.getLoopbackAddress()));\n"
                + "win = new java.net.Socket(\"1.1.1.1\", 80) != null;"));
        s.put("attach-to-grader", attack("for (var d : com.sun.tools.attach.VirtualMachine.list()) {\n"
                + "  if (!d.id().equals(Long.toString(ProcessHandle.current().pid()))) {\n"
                + "    com.sun.tools.attach.VirtualMachine.attach(d).detach(); win = true; } }"));
        // resources: native memory, detached processes multiplied by replays, a huge file, a huge cell
        s.put("native-memory", attack("var f = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\");\n"
                + "f.setAccessible(true);\nsun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);\n"
                + "long n = 1536L << 20;\nlong a = u.allocateMemory(n);\nu.setMemory(a, n, (byte) 1);\n"
                + "win = u.getByte(a + n - 1) == 1;\nu.freeMemory(a);"));
        s.put("detached-on-replay", Fixtures.withExtraCell(Notebook.parse(attack(
                "for (int i = 0; i < 5; i++) new ProcessBuilder(\"setsid\", \"sleep\", \"" + SLEEPER + "\").start();"
                        + "\nwin = false;")), "gain-impl", "System.exit(1);").toJson());
        s.put("six-gib-file", attack("java.nio.file.Path big = java.nio.file.Path.of(System.getProperty("
                + "\"java.io.tmpdir\"), \"big.bin\");\n"
                + "try (var r = new java.io.RandomAccessFile(big.toFile(), \"rw\")) {\n"
                + "  r.setLength(6L << 30); r.seek(0); byte[] mb = new byte[1 << 20];\n"
                + "  for (int i = 0; i < 100; i++) r.write(mb);\n"
                + "  win = r.length() >= (6L << 30); }\nfinally { java.nio.file.Files.deleteIfExists(big); }"));
        StringBuilder huge = new StringBuilder("win = false;\n");
        for (int i = 0; huge.length() < 150_000; i++) {
            huge.append("int v").append(i).append(" = ").append(i).append(";\n");
        }
        s.put("huge-cell", attack(huge.toString()));
        // issue 9 part 5: the MSE part forbids aelab.loss, and the run-time check grades it again with that package
        // removed from the classpath the sandbox sees; the attack then looks for the library elsewhere: the original
        // jar (its path in the grader's classpath, the Maven repository) or any copy the sandbox can reach, loads it
        // with a class loader of its own and computes the MSE with it. The attack's hand-written MSE counts only if
        // the library could be reached, so the fair score is 0 (the part passes the first run, where the package is
        // present, and fails the second one unless the library was found).
        List<String> jars = new java.util.ArrayList<>();
        jars.add(Path.of(aelab.loss.ReconstructionLoss.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString());
        jars.add(Path.of(System.getProperty("user.home"), ".m2/repository/aelab/aelab-core/0.1.0/aelab-core-0.1.0.jar")
                .toString());
        jars.add(Path.of("aelab-core/target/aelab-core.jar").toAbsolutePath().normalize().toString());
        s.put("find-the-original-library", attack("String n = \"aelab.\" + \"loss.ReconstructionLoss\";\n"
                + "try { Class.forName(n); win = true; } catch (Throwable t) { }\n"
                + "java.util.function.Predicate<java.nio.file.Path> load = j -> {\n"
                + "  try {\n"
                + "    var l = new java.net.URLClassLoader(new java.net.URL[] {j.toUri().toURL()}, "
                + "ClassLoader.getSystemClassLoader());\n"
                + "    Class<?> c = l.loadClass(n);\n"
                + "    Class<?> red = l.loadClass(\"aelab.\" + \"loss.Reduction\");\n"
                + "    Object v = c.getMethod(\"mse\", double[].class, double[].class, red).invoke(null,"
                + " new double[] {3}, new double[] {1}, red.getField(\"SUM\").get(null));\n"
                + "    return ((Double) v) == 4.0;\n"
                + "  } catch (Throwable t) { return false; } };\n"
                + "for (String j : new String[] {" + jars.stream().map(j -> q(Path.of(j))).collect(Collectors.joining(", "))
                + "}) if (!win && load.test(java.nio.file.Path.of(j))) win = true;\n"
                + "java.util.List<java.nio.file.Path> roots = new java.util.ArrayList<>(java.util.List.of("
                + "java.nio.file.Path.of(\"/tmp\"), java.nio.file.Path.of(\"/sandbox\")));\n"
                + "for (String e : System.getProperty(\"java.class.path\").split(\":\")) {\n"
                + "  java.nio.file.Path p = java.nio.file.Path.of(e).toAbsolutePath().getParent();\n"
                + "  for (int up = 0; up < 3 && p != null && p.getParent() != null; up++, p = p.getParent()) roots.add(p); }\n"
                + "for (java.nio.file.Path r : roots) {\n"
                + "  if (win) break;\n"
                + "  try (var w = java.nio.file.Files.walk(r, 4)) {\n"
                + "    for (java.nio.file.Path j : (Iterable<java.nio.file.Path>) w.filter(f -> f.toString().endsWith(\".jar\")"
                + " || f.endsWith(\"classes\")).limit(300)::iterator) if (!win && load.test(j)) win = true;\n"
                + "  } catch (Throwable t) { } }"));
        for (Map.Entry<String, String> e : s.entrySet()) {
            Path f = subs.resolve(e.getKey() + ".ipynb");
            Fixtures.write(f, e.getValue());
        }
        Fixtures.write(subs.resolve("zz-classmate.ipynb"), Fixtures.solution().toJson());
        Files.createSymbolicLink(subs.resolve("symlink-to-shadow.ipynb"), secret);
        try (Stream<Path> files = Files.list(subs)) {
            for (Path f : files.collect(Collectors.toList())) {
                if (!Files.isSymbolicLink(f)) {
                    hashes.put(f.getFileName().toString(), Fixtures.sha256(f));
                }
            }
        }
        hashes.put("victim", Fixtures.sha256(victim));
        hashes.put("secret", Fixtures.sha256(secret));
        hashes.put("key", Fixtures.sha256(key));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of(subs.toString(), "--key", key.toString(), "--out",
                out.toString(), "--cell-seconds", "4", "--total-seconds", "40", "--jobs", "2"));
        if (Boolean.getBoolean("aelab.attacks.unconfined")) {
            // to see the attacks succeed: -Daelab.grade.confinement=none -Daelab.attacks.unconfined=true
            args.add("--no-sandbox");
        }
        exitStatus = GradeCommand.run(args.toArray(new String[0]), new PrintStream(buf, true, StandardCharsets.UTF_8));
        log = buf.toString(StandardCharsets.UTF_8);
        Thread.sleep(3000); // a surviving detached writer would strike now
        try (Stream<Path> d = Files.list(out)) {
            for (Path r : d.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).collect(Collectors.toList())) {
                Path json = r.resolve("results.json");
                if (Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS)) {
                    results.put(r.getFileName().toString(), Json.parseObject(Files.readString(json)));
                }
            }
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double score(String name) {
        assertTrue(results.containsKey(name), name + " has no result; log:\n" + log);
        return ((Number) results.get(name).get("score")).doubleValue();
    }

    private static String text(String name) {
        return results.get(name).get("output") + "\n" + results.get(name).get("tests");
    }

    @Test
    void everyAttackEarnsItsFairScoreOfZero() {
        assertEquals(0, exitStatus, log);
        List<String> won = results.keySet().stream()
                .filter(n -> !n.equals("honest-solution") && !n.equals("zz-classmate") && score(n) != 0)
                .map(n -> n + " " + score(n)).collect(Collectors.toList());
        assertEquals(List.of(), won, "attacks that earned points");
        assertTrue(results.size() >= 17, results.keySet().toString());
    }

    @Test
    void honestSubmissionsInTheSameBatchGetFullMarks() {
        assertEquals(8.0, score("honest-solution"), text("honest-solution"));
        assertEquals(8.0, score("zz-classmate"), text("zz-classmate"));
    }

    @Test
    void noProcessOfAnySubmissionSurvives() {
        assertEquals(List.of(), Fixtures.strayChildren());
        List<String> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(SLEEPER)).orElse(false)
                        || Confinement.uidOf(p.pid()) >= Confinement.FIRST_UID)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).collect(Collectors.toList());
        assertEquals(List.of(), left);
    }

    @Test
    void noFileOutsideTheGradersOutputChanged() throws Exception {
        for (Map.Entry<String, String> e : hashes.entrySet()) {
            Path p = switch (e.getKey()) {
                case "victim" -> victim;
                case "secret" -> secret;
                case "key" -> Fixtures.PILOT;
                default -> dir.resolve("subs").resolve(e.getKey());
            };
            assertEquals(e.getValue(), Fixtures.sha256(p), e.getKey());
        }
    }

    @Test
    void theOutputHoldsOnlyTheGradersFiles() throws Exception {
        assertTrue(Files.isRegularFile(out.resolve("summary.csv"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(out.resolve("zz-extra"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.isSymbolicLink(out.resolve("zz-classmate")));
        assertEquals(0.0, ((Number) results.get("forge-detached-writer").get("score")).doubleValue());
        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("submission,assignment,score,max_score,mse-check,gain-check,quiz1-check", rows.get(0));
    }

    @Test
    void aSymlinkSubmissionIsRejectedWithoutBeingRead() {
        String t = text("symlink-to-shadow");
        assertEquals(0.0, score("symlink-to-shadow"));
        assertTrue(t.contains("symbolic link"), t);
        assertFalse(t.contains("SECRET") || t.contains("root:"), t);
    }

    @Test
    void aHugeCellIsRefusedQuicklyAndSaysWhy() {
        assertTrue(text("huge-cell").contains("more than the limit of 20000 per cell"), text("huge-cell"));
        assertTrue(((Number) results.get("huge-cell").get("execution_time")).doubleValue() < 30);
    }
}
