package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.Test;

/**
 * The grader's JShell engine: it is the one {@link Sandbox} uses, stop() still interrupts a running snippet
 * without killing the JVM (through JDI, like JShell's own engine), and a round trip does not wait for delayed ACKs.
 */
class SandboxEngineIT {
    @Test
    void theSandboxRunsOnThisEngineAndAStoppedLoopLeavesTheJvmUsable() throws Exception {
        try (Sandbox s = new Sandbox(Limits.defaults(), Sandbox.defaultClasspath(), new CappedOutput(1024))) {
            // the student's JVM (a descendant of the confinement wrapper) runs the pipe agent, not as root, and in
            // namespaces of its own
            ProcessHandle jvm = ProcessHandle.of(s.childPid()).orElseThrow().descendants()
                    .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(SandboxAgent.class.getName()))
                            .orElse(false)).findFirst().orElseThrow();
            assertTrue(Confinement.uidOf(jvm.pid()) >= Confinement.FIRST_UID, "uid " + Confinement.uidOf(jvm.pid()));
            for (String ns : List.of("pid", "net", "mnt", "user", "ipc", "uts")) {
                assertFalse(Files.readSymbolicLink(Path.of("/proc/self/ns", ns)).equals(
                        Files.readSymbolicLink(Path.of("/proc", Long.toString(jvm.pid()), "ns", ns))), ns);
            }
            Sandbox.CellResult loop = s.evalCell("while (true) { }", 1000);
            assertTrue(loop.timedOut);
            assertFalse(loop.died, "stop() must interrupt the loop, not kill the JVM");
            Sandbox.CellResult after = s.evalCell("int answer = 6 * 7;", 5000);
            assertEquals("42", after.lastValue, after.problems.toString());
            assertTrue(s.childAlive());
        }
    }

    @Test
    void aMethodDeclaredAgainRunsItsNewBodyAndCallersFollow() {
        // a notebook that declares f twice is graded on the second body, as JShell's own engines do (before: the
        // pipe agent only registered the redefinition, so the first body kept running)
        try (Sandbox s = new Sandbox(Limits.defaults(), Sandbox.defaultClasspath(), new CappedOutput(1024))) {
            s.evalCell("double f(double x) { return 2 * x; }", 5000);
            s.evalCell("double g(double x) { return f(x) + 1; }", 5000);
            assertEquals("6.0", s.evalCell("f(3)", 5000).lastValue);
            s.evalCell("double f(double x) { return 10 * x; }", 5000);
            Sandbox.CellResult f = s.evalCell("f(3)", 5000);
            assertEquals("30.0", f.lastValue, f.problems.toString());
            assertEquals("31.0", s.evalCell("g(3)", 5000).lastValue, "a caller compiled before uses the new body");
            s.evalCell("double f(double x) { throw new UnsupportedOperationException(\"not implemented\"); }", 5000);
            Sandbox.CellResult stub = s.evalCell("f(3)", 5000);
            assertEquals(null, stub.lastValue, "the stub declared last throws");
            assertTrue(stub.problems.toString().contains("UnsupportedOperationException"), stub.problems.toString());
        }
    }

    @Test
    void readingAValueTakesOneQuickRoundTrip() {
        // the channel is a pair of pipes; over a socket with Nagle's algorithm every round trip waited 80-90 ms
        try (Sandbox s = new Sandbox(Limits.defaults(), Sandbox.defaultClasspath(), new CappedOutput(1024))) {
            JShell shell = s.shell();
            shell.eval("int x = 1;");
            VarSnippet x = shell.variables().filter(v -> v.name().equals("x")).findFirst().orElseThrow();
            long[] millis = new long[15];
            for (int i = 0; i < millis.length; i++) {
                long t0 = System.nanoTime();
                assertEquals("1", shell.varValue(x));
                millis[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            Arrays.sort(millis);
            assertTrue(millis[millis.length / 2] < 40, "median round trip " + millis[millis.length / 2] + " ms: "
                    + Arrays.toString(millis));
        }
    }
}
