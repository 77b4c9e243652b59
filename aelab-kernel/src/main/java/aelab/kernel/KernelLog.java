package aelab.kernel;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The kernel's log (SLF4J provider for the Jupyter protocol library, and the kernel's own messages): one line per
 * event on the kernel process's standard error, which Jupyter shows in the server's terminal. Warnings and errors
 * only, unless the environment variable {@code AELAB_KERNEL_DEBUG} is {@code 1} (then also debug and info: the
 * classpath, every message handled, execution JVM starts).
 */
public final class KernelLog implements SLF4JServiceProvider {
    /** True when {@code AELAB_KERNEL_DEBUG=1}. */
    public static final boolean DEBUG = "1".equals(System.getenv("AELAB_KERNEL_DEBUG"));
    private static final PrintStream ERR = System.err; // the process's own stderr, before any redirection

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Writes a warning (always shown). */
    public static void warn(String message) {
        write("WARN", "aelab-kernel", message, null);
    }

    /** Writes a debug line (only with {@code AELAB_KERNEL_DEBUG=1}). */
    public static void debug(String message) {
        if (DEBUG) {
            write("DEBUG", "aelab-kernel", message, null);
        }
    }

    static void write(String level, String name, String message, Throwable t) {
        synchronized (ERR) {
            ERR.println("[" + level + " " + name + "] " + message);
            if (t != null) {
                t.printStackTrace(ERR);
            }
            ERR.flush();
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, Log::new);
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class Log extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        Log(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return DEBUG;
        }

        @Override
        public boolean isInfoEnabled() {
            return DEBUG;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable t) {
            write(level.name(), name, MessageFormatter.basicArrayFormat(pattern, args), t);
        }
    }
}
