package aelab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lockstep coordinator against stand-in sides (sh scripts speaking the protocol), no JVM or PyTorch needed. */
class LockstepTest {
    /** A side training one tag: every epoch appends "TAG E" to the log, then reports the wall time E/10 s. */
    private static final String ONE = """
            tag=$1; log=$2; n=$3; sum=$4
            echo "@ready $tag $sum"
            e=1
            while [ $e -le $n ]; do
              read line; [ "$line" = "go $tag" ] || { echo "bad: $line" >&2; exit 3; }
              echo "$tag $e" >> "$log"
              echo "@epoch $tag $e 0.$e 0.0$e 2.$e"
              e=$((e + 1))
            done
            echo "{\\"done\\": true}"
            """;

    private static Lockstep.Proc sh(Path dir, String name, String script, String... args) throws Exception {
        Path file = dir.resolve(name + ".sh");
        Files.writeString(file, script);
        List<String> cmd = new java.util.ArrayList<>(List.of("/bin/sh", file.toString()));
        cmd.addAll(List.of(args));
        return new Lockstep.Proc(name, cmd);
    }

    @Test
    void everySideTrainsEpochEBeforeAnySideStartsEpochEPlusOneInRotatingOrder(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Lockstep.Proc a = sh(dir, "a", ONE, "A", log.toString(), "3", "10.0");
        Lockstep.Proc b = sh(dir, "b", ONE, "B", log.toString(), "3", "10.0");
        Lockstep.Proc c = sh(dir, "c", ONE, "C", log.toString(), "3", "10.0");
        try {
            Lockstep.Turn ta = new Lockstep.Turn("a", a, "A", 3);
            Lockstep.Turn tb = new Lockstep.Turn("b", b, "B", 3);
            Lockstep.Turn tc = new Lockstep.Turn("c", c, "C", 3);
            Lockstep.run(List.of(ta, tb, tc), 3, 10.0, 1.0);
            assertEquals(List.of("A 1", "B 1", "C 1", "B 2", "C 2", "A 2", "C 3", "A 3", "B 3"),
                    Files.readAllLines(log));
            assertArrayEquals(new double[] {0.1, 0.2, 0.3}, ta.wall, 0.0);
            assertArrayEquals(new double[] {0.01, 0.02, 0.03}, tb.cpu, 0.0);
            // samples/s as the bench defines them: n / median epoch, the first excluded
            assertEquals(100 / 0.25, tc.side(100).samplesPerSecond(), 1e-9);
            a.drain();
            assertTrue(a.rest.contains("{\"done\": true}"), a.rest.toString());
            for (Lockstep.Proc p : List.of(a, b, c)) {
                assertEquals(0, p.waitExit(), p.name);
            }
        } finally {
            for (Lockstep.Proc p : List.of(a, b, c)) {
                p.process.destroyForcibly();
            }
        }
    }

    @Test
    void aProcessRunsOneSide(@TempDir Path dir) throws Exception {
        Lockstep.Proc a = sh(dir, "a", ONE, "A", dir.resolve("log").toString(), "1", "10.0");
        try {
            var e = assertThrows(IllegalArgumentException.class, () -> Lockstep.run(List.of(
                    new Lockstep.Turn("a", a, "A", 1), new Lockstep.Turn("a2", a, "A", 1)), 1, 10.0, 1.0));
            assertTrue(e.getMessage().contains("one training per side process"), e.getMessage());
        } finally {
            a.process.destroyForcibly();
        }
    }

    @Test
    void aSideThatLoadedOtherDataIsRefusedBeforeAnyEpoch(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Lockstep.Proc a = sh(dir, "a", ONE, "A", log.toString(), "2", "10.0");
        Lockstep.Proc b = sh(dir, "b", ONE, "B", log.toString(), "2", "10.0625");
        var e = assertThrows(IllegalStateException.class, () -> Lockstep.run(List.of(
                new Lockstep.Turn("a", a, "A", 2), new Lockstep.Turn("b", b, "B", 2)), 2, 10.0, 16.0));
        assertTrue(e.getMessage().contains("different data"), e.getMessage());
        assertTrue(!Files.exists(log), "no epoch ran");
        a.process.destroyForcibly();
        b.process.destroyForcibly();
    }

    /**
     * A side ready early must not run on while it waits for the others (its JVM would compile, or warm up, with a
     * head start): stand-in A counts in a loop once it has said {@code @ready} until B, ready 2 s later, takes a
     * snapshot of A's count. Stopped at once, A counts a few times (the coordinator's signal takes a few ms); left
     * running it would count for the whole 2 s (about 100 times, every 10 ms plus a fork).
     */
    @Test
    void aSideIsStoppedAsSoonAsItIsReady(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Path count = dir.resolve("count");
        Path snapshot = dir.resolve("snapshot");
        Path flag = dir.resolve("flag");
        String epochs = ONE.substring(ONE.indexOf("e=1"));
        String counting = """
                tag=$1; log=$2; n=$3; sum=$4; count=$5; flag=$6
                echo "@ready $tag $sum"
                i=0
                while [ ! -e "$flag" ]; do i=$((i + 1)); echo $i > "$count"; sleep 0.01; done
                """ + epochs;
        String late = """
                tag=$1; log=$2; n=$3; sum=$4; count=$5; flag=$6; snapshot=$7
                sleep 2
                cp "$count" "$snapshot" 2>/dev/null || echo 0 > "$snapshot"
                touch "$flag"
                echo "@ready $tag $sum"
                """ + epochs;
        Lockstep.Proc a = sh(dir, "a", counting, "A", log.toString(), "1", "10.0", count.toString(), flag.toString());
        Lockstep.Proc b = sh(dir, "b", late, "B", log.toString(), "1", "10.0", count.toString(), flag.toString(),
                snapshot.toString());
        try {
            Lockstep.run(List.of(new Lockstep.Turn("a", a, "A", 1), new Lockstep.Turn("b", b, "B", 1)), 1, 10.0,
                    1.0);
            int counted = Integer.parseInt(Files.readString(snapshot).strip());
            assertTrue(counted <= 20, "A counted " + counted + " times while it waited for B");
            assertEquals(List.of("A 1", "B 1"), Files.readAllLines(log));
        } finally {
            a.process.destroyForcibly();
            b.process.destroyForcibly();
        }
    }

    @Test
    void theOrderRotatesByOneEachEpoch() {
        assertEquals(List.of(1, 2, 3), Lockstep.order(List.of(1, 2, 3), 1));
        assertEquals(List.of(2, 3, 1), Lockstep.order(List.of(1, 2, 3), 2));
        assertEquals(List.of(1, 2, 3), Lockstep.order(List.of(1, 2, 3), 4));
    }
}
