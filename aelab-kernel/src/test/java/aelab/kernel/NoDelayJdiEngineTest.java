package aelab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * The kernel's JShell engine against JShell's own semantics: values, output, exceptions, class redefinition (JDI),
 * and JShell's stop of a busy loop that an interrupt cannot end (a snippet that catches every {@link Throwable}
 * swallows JShell's stop as well, with either engine: the kernel ends it by replacing the JVM).
 */
class NoDelayJdiEngineTest {

    private static JShell shell(ByteArrayOutputStream out) {
        return JShell.builder()
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(out, true, StandardCharsets.UTF_8))
                .in(new ByteArrayInputStream(new byte[0]))
                .executionEngine(new NoDelayJdiEngine(), Map.of())
                .build();
    }

    private static SnippetEvent eval(JShell shell, String source) {
        List<SnippetEvent> events = shell.eval(source);
        return events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElseThrow();
    }

    @Test
    void evaluatesInASeparateJvmLikeJShellsOwnEngine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JShell shell = shell(out)) {
            assertEquals("2", eval(shell, "1 + 1").value());
            SnippetEvent pid = eval(shell, "ProcessHandle.current().pid()");
            assertFalse(pid.value().equals(String.valueOf(ProcessHandle.current().pid())), "a separate JVM");
            eval(shell, "System.out.println(\"hello\")");
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("hello"), out.toString(StandardCharsets.UTF_8));
            SnippetEvent thrown = eval(shell, "Integer.parseInt(\"x\")");
            assertTrue(thrown.exception() instanceof EvalException, String.valueOf(thrown.exception()));
            // a method redefined: JShell replaces the class through JDI (JdiExecutionControl.redefine)
            eval(shell, "int f() { return 1; }");
            eval(shell, "int g() { return f() + 10; }");
            eval(shell, "int f() { return 2; }");
            assertEquals("12", eval(shell, "g()").value());
        }
    }

    @Test
    void stopEndsABusyLoopThatNeverChecksForInterrupts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JShell shell = shell(out)) {
            // JShell is not thread-safe: progress is watched on the snippet's output, not by evaluating
            CompletableFuture<SnippetEvent> running = CompletableFuture.supplyAsync(() -> eval(shell,
                    "for (long n = 1; ; n++) { if (n % 10_000_000 == 0) System.out.print('.'); }"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!running.isDone() && !out.toString(StandardCharsets.UTF_8).contains("...")) {
                assertTrue(System.nanoTime() < deadline, "the loop did not start");
                Thread.sleep(20);
            }
            SnippetEvent stopped = null;
            while (stopped == null && System.nanoTime() < deadline) {
                shell.stop();
                try {
                    stopped = running.get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // stop again: the first may land between two iterations
                }
            }
            assertNotNull(stopped, "stop() did not end the snippet within 30 s");
            assertEquals(Snippet.Status.VALID, stopped.status()); // the loop never ends by itself: stop ended it
            assertEquals("2", eval(shell, "1 + 1").value(), "the JVM serves the next snippet");
        }
    }
}
