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

    /**
     * A process hosting two trainings X and Y, like the long-lived JVM: announces them Y first, and prints X's
     * {@code @done} right after X's last epoch, before Y's last epoch.
     */
    private static final String TWO = """
            log=$1; n=$2
            echo "@ready Y 10.0"; echo "@ready X 10.0"
            x=0; y=0
            while [ $x -lt $n ] || [ $y -lt $n ]; do
              read line
              case "$line" in
                "go X") x=$((x + 1)); echo "X $x" >> "$log"; echo "@epoch X $x 0.5 0.5 1.$x"
                        [ $x -eq $n ] && echo "@done X 1.$x 50" ;;
                "go Y") y=$((y + 1)); echo "Y $y" >> "$log"; echo "@epoch Y $y 0.25 0.25 3.$y"
                        [ $y -eq $n ] && echo "@done Y 3.$y 60" ;;
                *) echo "bad: $line" >&2; exit 3 ;;
              esac
            done
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
        Lockstep.Proc two = sh(dir, "two", TWO, log.toString(), "3");
        try {
            Lockstep.Turn ta = new Lockstep.Turn("a", a, "A", 3);
            Lockstep.Turn tb = new Lockstep.Turn("b", b, "B", 3);
            Lockstep.Turn tx = new Lockstep.Turn("x", two, "X", 3);
            Lockstep.Turn ty = new Lockstep.Turn("y", two, "Y", 3);
            Lockstep.run(List.of(ta, tb, tx, ty), 3, 10.0, 1.0);
            assertEquals(List.of("A 1", "B 1", "X 1", "Y 1", "B 2", "X 2", "Y 2", "A 2", "X 3", "Y 3", "A 3", "B 3"),
                    Files.readAllLines(log));
            assertArrayEquals(new double[] {0.1, 0.2, 0.3}, ta.wall, 0.0);
            assertArrayEquals(new double[] {0.01, 0.02, 0.03}, ta.cpu, 0.0);
            assertArrayEquals(new double[] {0.1, 0.2, 0.3}, tb.wall, 0.0);
            // X's @done came before Y's last @epoch: it waits, it is not lost
            Lockstep.done(tx);
            Lockstep.done(ty);
            assertEquals(1.3, tx.finalLoss, 0.0);
            assertEquals(60.0, ty.peakRssMb, 0.0);
            // samples/s as the bench defines them: n / median epoch, the first excluded
            assertEquals(100 / 0.25, ta.side(100).samplesPerSecond(), 1e-9);
            a.drain();
            assertTrue(a.rest.contains("{\"done\": true}"), a.rest.toString());
            for (Lockstep.Proc p : List.of(a, b, two)) {
                assertEquals(0, p.waitExit(), p.name);
            }
        } finally {
            for (Lockstep.Proc p : List.of(a, b, two)) {
                p.process.destroyForcibly();
            }
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

    @Test
    void theOrderRotatesByOneEachEpoch() {
        assertEquals(List.of(1, 2, 3), Lockstep.order(List.of(1, 2, 3), 1));
        assertEquals(List.of(2, 3, 1), Lockstep.order(List.of(1, 2, 3), 2));
        assertEquals(List.of(1, 2, 3), Lockstep.order(List.of(1, 2, 3), 4));
    }
}
