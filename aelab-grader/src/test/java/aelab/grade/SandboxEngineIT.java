package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.Test;

/**
 * The grader's JShell engine: it is the one {@link Sandbox} uses, stop() still interrupts a running snippet
 * without killing the JVM (through JDI, like JShell's own engine), and a round trip does not wait for delayed ACKs.
 */
class SandboxEngineIT {
    @Test
    void theSandboxRunsOnThisEngineAndAStoppedLoopLeavesTheJvmUsable() {
        try (Sandbox s = new Sandbox(Limits.defaults(), Sandbox.defaultClasspath(), new CappedOutput(1024))) {
            List<String> args = ProcessHandle.of(s.childPid()).flatMap(p -> p.info().arguments()).map(Arrays::asList)
                    .orElse(List.of());
            assertTrue(args.contains(SandboxAgent.class.getName()), args.toString());
            Sandbox.CellResult loop = s.evalCell("while (true) { }", 1000);
            assertTrue(loop.timedOut);
            assertFalse(loop.died, "stop() must interrupt the loop, not kill the JVM");
            Sandbox.CellResult after = s.evalCell("int answer = 6 * 7;", 5000);
            assertEquals("42", after.lastValue, after.problems.toString());
            assertTrue(s.childAlive());
        }
    }

    @Test
    void readingAValueTakesOneQuickRoundTrip() {
        // with Nagle's algorithm on the socket every round trip waited for a delayed ACK: 80-90 ms on Linux
        String cp = String.join(java.io.File.pathSeparator, Sandbox.defaultClasspath());
        try (JShell shell = JShell.builder().executionEngine(new SandboxEngine(), Map.of())
                .remoteVMOptions("--class-path", cp).build()) {
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
