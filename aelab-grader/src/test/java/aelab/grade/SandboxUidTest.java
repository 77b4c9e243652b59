package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sandbox uids are unique across grader processes, not only within one: two graders on one machine (two
 * {@code ./aelab grade} runs, an instructor's and a TA's) each gave their first sandbox uid 61000, so one
 * student's code could signal or read the other's sandbox on the separate-uid level, and one grader's clean-up
 * ({@code killUid}) killed the other's sandbox mid-run.
 */
class SandboxUidTest {

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A second grader process ({@link UidHolder}) that takes a sandbox uid and holds it. */
    private static Process startHolder() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                UidHolder.class.getName())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The uid the holder took (its first output line). */
    private static int uidOf(Process holder) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.US_ASCII));
        return Integer.parseInt(in.readLine().strip());
    }

    @Test
    void aSecondGraderProcessGetsAnotherUidAndItsUidIsFreeAgainWhenItEnds() throws Exception {
        assumeTrue(root(), "sandbox uids are used only when the grader runs as root");
        Process other = startHolder();
        try {
            int othersUid = uidOf(other);
            int mine = Confinement.acquireUid();
            try {
                assertNotEquals(othersUid, mine, "two grader processes share sandbox uid " + mine);
                assertTrue(mine >= Confinement.FIRST_UID && othersUid >= Confinement.FIRST_UID);
            } finally {
                Confinement.releaseUid(mine);
            }
            other.getOutputStream().close();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS), "the holder ends when its stdin closes");
            assertEquals(0, other.exitValue());
            // released by the other process: the lowest free uid is its again
            int again = Confinement.acquireUid();
            try {
                assertEquals(Math.min(othersUid, mine), again, "a released uid is reused");
            } finally {
                Confinement.releaseUid(again);
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aUidHeldByAGraderThatDiedIsFreeAgain() throws Exception {
        assumeTrue(root(), "sandbox uids are used only when the grader runs as root");
        Process other = startHolder();
        int othersUid = uidOf(other);
        other.destroyForcibly(); // SIGKILL: no release, no shutdown hook
        assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        int mine = Confinement.acquireUid();
        try {
            assertEquals(othersUid, mine, "the uid of a killed grader is taken again (its lock died with it)");
        } finally {
            Confinement.releaseUid(mine);
        }
    }
}
