package aelab.kernel;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Detects and repairs channel loop threads of rapaio-jupyter-kernel that died at start-up.
 *
 * <p>The defect (rapaio-jupyter-kernel 2.3.0 and 3.0.1, class {@code org.rapaio.jupyter.kernel.channels.LoopThread}):
 * {@code start()} calls {@code Thread.start()} before it sets the volatile field {@code running = true}; {@code run()}
 * is {@code while (running) { loopBody.run(); Thread.sleep(sleep); }}. When the new thread reads the flag first,
 * the loop returns at once and the channel (shell, control or heartbeat) never serves a message: the kernel never
 * answers {@code kernel_info}.
 *
 * <p>Signature of the defect: the loop thread is {@code TERMINATED} while its {@code running} flag is {@code true}.
 * A loop that ended normally has {@code running == false} ({@code shutdown()} clears it, and so does an interrupt),
 * so the signature is unambiguous at any time. The repair builds a new loop thread with the dead one's name, sleep
 * and loop body through the same constructor {@code (String, long, Runnable)}, sets {@code running = true}
 * <em>before</em> starting it (so the race cannot recur), makes it non-daemon like the original, and stores it in
 * the channel's {@code loopThread} field, where {@code close()} and {@code joinUntilClose()} read it.
 *
 * <p>The object graph is found by field names taken from the 3.0.1 bytecode ({@code javap -p -c}): the
 * {@code Channels} object holds a {@code Set} field {@code channels}; each channel declares a {@code loopThread}
 * field. Anything that does not match throws {@link IllegalStateException}, so the launcher can fall back to exiting.
 */
public final class LoopThreadRepair {
    private LoopThreadRepair() {
    }

    /** One channel loop: the object that holds it, the field, and the current thread in that field. */
    public record Loop(Object channel, Field field, Thread thread) {
    }

    /**
     * The loop threads of every channel of a rapaio {@code Channels} object; channels without a loop (IOPub, stdin)
     * are skipped, and so are loops whose field is still {@code null}.
     *
     * @param channels the {@code Channels} object (must have a collection field named {@code channels}). Not modified.
     */
    public static List<Loop> loopsOf(Object channels) {
        Object set = read(channels, "channels");
        if (!(set instanceof Collection<?> all)) {
            throw new IllegalStateException("field 'channels' of " + channels.getClass().getName()
                    + " must be a collection, got " + (set == null ? "null" : set.getClass().getName()));
        }
        List<Loop> loops = new ArrayList<>();
        for (Object channel : all) {
            Field field = findField(channel.getClass(), "loopThread");
            if (field == null) {
                continue;
            }
            Object thread = get(field, channel);
            if (thread instanceof Thread t) {
                loops.add(new Loop(channel, field, t));
            }
        }
        return loops;
    }

    /** True when the loop thread has ended although its {@code running} flag says it should be looping. */
    public static boolean diedAtStart(Thread loop) {
        return loop.getState() == Thread.State.TERMINATED && Boolean.TRUE.equals(read(loop, "running"));
    }

    /** True when the loop thread has ended because it was shut down (its {@code running} flag is false). */
    public static boolean shutDown(Thread loop) {
        return loop.getState() == Thread.State.TERMINATED && Boolean.FALSE.equals(read(loop, "running"));
    }

    /**
     * Replaces a loop that {@link #diedAtStart died at start} by a running copy.
     *
     * @param loop the dead loop. The channel's field is modified.
     * @return the new, started loop thread
     */
    public static Thread restart(Loop loop) {
        Thread dead = loop.thread();
        Class<?> type = dead.getClass();
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(String.class, long.class, Runnable.class);
            ctor.setAccessible(true);
            long sleep = ((Number) read(dead, "sleep")).longValue();
            Runnable body = (Runnable) read(dead, "loopBody");
            Thread fresh = (Thread) ctor.newInstance(dead.getName(), sleep, body);
            fresh.setDaemon(dead.isDaemon());
            write(fresh, "running", Boolean.TRUE);
            loop.field().setAccessible(true);
            loop.field().set(loop.channel(), fresh);
            fresh.start();
            return fresh;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot restart loop thread '" + dead.getName() + "' of type "
                    + type.getName() + ": " + e, e);
        }
    }

    static Object read(Object target, String name) {
        Field field = findField(target.getClass(), name);
        if (field == null) {
            throw new IllegalStateException("class " + target.getClass().getName() + " has no field '" + name + "'");
        }
        return get(field, target);
    }

    private static void write(Object target, String name, Object value) throws IllegalAccessException {
        Field field = findField(target.getClass(), name);
        if (field == null) {
            throw new IllegalStateException("class " + target.getClass().getName() + " has no field '" + name + "'");
        }
        field.setAccessible(true);
        field.set(target, value);
    }

    private static Object get(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read field '" + field.getName() + "' of "
                    + target.getClass().getName() + ": " + e, e);
        }
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return f;
                }
            }
        }
        return null;
    }
}
