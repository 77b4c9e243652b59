package aelab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The repair against stand-ins with the same shape as rapaio-jupyter-kernel 3.0.1's classes (field names and the
 * {@code (String, long, Runnable)} constructor taken from {@code javap -p -c} of the real jar). The stand-in's
 * {@code start()} forces the losing side of rapaio's race: the thread runs to completion before the flag is set.
 */
class LoopThreadRepairTest {

    /**
     * Same fields, constructor and loop as rapaio's LoopThread. {@code loseRace} (the 3-argument constructor, which
     * the repair uses): start() lets the thread run first (up to 200 ms) and sets the flag after, so a flag that is not
     * already set when start() is called always loses the race (the defect, deterministically); otherwise the flag is set before the thread starts (a healthy loop; the
     * real class's order would make the test itself flaky, which is the defect).
     */
    static final class RacyLoopThread extends Thread {
        private volatile boolean running = false;
        private final long sleep;
        private final Runnable loopBody;
        private final boolean loseRace;

        RacyLoopThread(String name, long sleep, Runnable loopBody) {
            this(name, sleep, loopBody, true);
        }

        RacyLoopThread(String name, long sleep, Runnable loopBody, boolean loseRace) {
            super(name);
            this.sleep = sleep;
            this.loopBody = loopBody;
            this.loseRace = loseRace;
        }

        @Override
        public void run() {
            while (running) {
                loopBody.run();
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    running = false;
                    return;
                }
            }
        }

        @Override
        public synchronized void start() {
            if (!loseRace) {
                running = true;
            }
            super.start();
            if (loseRace) {
                try {
                    join(200);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            running = true;
        }

        void shutdown() {
            running = false;
        }
    }

    static final class FakeChannel {
        private volatile RacyLoopThread loopThread;
    }

    static final class FakeChannelWithoutLoop {
    }

    static final class FakeChannels {
        private final Set<Object> channels;

        FakeChannels(Object... channels) {
            this.channels = Set.of(channels);
        }
    }

    private static FakeChannel channelWith(RacyLoopThread loop) {
        FakeChannel channel = new FakeChannel();
        channel.loopThread = loop;
        return channel;
    }

    @Test
    void aLoopThatLostTheRaceIsDetectedAndRestarted() throws Exception {
        CountDownLatch served = new CountDownLatch(3);
        RacyLoopThread dead = new RacyLoopThread("Shell-0", 1, served::countDown);
        dead.start();
        FakeChannel shell = channelWith(dead);
        FakeChannels channels = new FakeChannels(shell, new FakeChannelWithoutLoop());

        List<LoopThreadRepair.Loop> loops = LoopThreadRepair.loopsOf(channels);
        assertEquals(1, loops.size());
        assertTrue(LoopThreadRepair.diedAtStart(dead), "the dead loop must be recognised");
        assertEquals(3, served.getCount(), "the dead loop never ran its body");

        Thread fresh = LoopThreadRepair.restart(loops.get(0));
        assertNotSame(dead, fresh);
        assertSame(fresh, shell.loopThread, "the channel must hold the new loop");
        assertEquals("Shell-0", fresh.getName());
        assertFalse(fresh.isDaemon());
        assertTrue(served.await(5, TimeUnit.SECONDS), "the restarted loop must run the original loop body");
        assertFalse(LoopThreadRepair.diedAtStart(fresh));

        ((RacyLoopThread) fresh).shutdown();
        fresh.join(5_000);
        assertTrue(LoopThreadRepair.shutDown(fresh), "a loop ended by shutdown() is recognised as shut down");
        assertFalse(LoopThreadRepair.diedAtStart(fresh), "a loop ended by shutdown() is not repaired");
    }

    @Test
    void aHealthyOrNotYetStartedLoopIsLeftAlone() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        RacyLoopThread healthy = new RacyLoopThread("Control-0", 1, runs::incrementAndGet, false);
        RacyLoopThread notStarted = new RacyLoopThread("Heartbeat-0", 1, runs::incrementAndGet);
        healthy.start();
        try {
            assertFalse(LoopThreadRepair.diedAtStart(healthy));
            assertFalse(LoopThreadRepair.diedAtStart(notStarted));
            assertFalse(LoopThreadRepair.shutDown(notStarted));
        } finally {
            healthy.shutdown();
            healthy.join(5_000);
        }
    }

    @Test
    void anUnexpectedObjectGraphIsReportedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LoopThreadRepair.loopsOf(new FakeChannelWithoutLoop()));
        assertTrue(e.getMessage().contains("has no field 'channels'"), e.getMessage());
    }
}
