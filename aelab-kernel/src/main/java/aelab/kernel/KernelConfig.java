package aelab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the kernelspec gives the kernel, through its environment:
 * <ul>
 *   <li>{@code AELAB_KERNEL_CLASSPATH}: the student classpath (aelab and its dependencies), entries separated by
 *       the platform's path separator; the kernel adds its own jar (for the display API);</li>
 *   <li>{@code AELAB_KERNEL_JVM_OPTIONS}: the options of the execution JVM, one per line (written by
 *       {@code tools/kernelspec.py} from {@code scripts/kernel-jvm.options} and the heap limit).</li>
 * </ul>
 */
record KernelConfig(String executionClasspath, List<String> executionJvmOptions) {

    static KernelConfig fromEnvironment(Map<String, String> env) {
        String cp = env.getOrDefault("AELAB_KERNEL_CLASSPATH", "");
        String own = ownJar();
        String full = cp.isEmpty() ? own : cp + java.io.File.pathSeparator + own;
        return new KernelConfig(full, parseOptions(env.getOrDefault("AELAB_KERNEL_JVM_OPTIONS", "")));
    }

    /** One option a line; blank lines and lines starting with {@code #} are skipped; surrounding blanks trimmed. */
    static List<String> parseOptions(String text) {
        List<String> options = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                options.add(t);
            }
        }
        return options;
    }

    static List<String> readOptionsFile(Path file) throws IOException {
        return parseOptions(Files.readString(file));
    }

    private static String ownJar() {
        try {
            return Path.of(KernelConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the kernel's own jar: " + e, e);
        }
    }
}
