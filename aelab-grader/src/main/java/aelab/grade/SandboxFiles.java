package aelab.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files a sandboxed JVM may read, copied into a private directory owned by the grader (one per grading
 * process): the agent's class files and a copy of every student classpath entry. The sandbox never sees the original
 * paths, so the project tree (and whatever lies next to the jars, such as the instructor's notebooks) can stay
 * unreadable to the sandbox's uid. Each entry is copied once (several classpaths, e.g. the ones of the run-time
 * forbidden-package check, share the copies of their common entries) into a subdirectory with a random name; the
 * directory itself is mode 711, so a child running as another uid (the uid layer, where it sees the host's files)
 * can open the entries of its own classpath but cannot list the others (e.g. the complete library next to the copy
 * with a package removed). The copies are deleted when the grader exits.
 */
final class SandboxFiles {
    private static final Map<List<String>, SandboxFiles> CACHE = new HashMap<>();
    private static final Map<String, Path> COPIES = new HashMap<>();
    private static final List<String> AGENT_CLASSES = List.of("SandboxAgent.class", "SandboxAgent$Control.class");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Path root;
    private static Path agent;

    private final Path agentDir;
    private final List<Path> classpath;

    private SandboxFiles(Path agentDir, List<Path> classpath) {
        this.agentDir = agentDir;
        this.classpath = classpath;
    }

    Path agentDir() {
        return agentDir;
    }

    List<Path> classpath() {
        return classpath;
    }

    static synchronized SandboxFiles forClasspath(List<String> entries) {
        SandboxFiles f = CACHE.get(entries);
        if (f == null) {
            f = create(entries);
            CACHE.put(List.copyOf(entries), f);
        }
        return f;
    }

    private static SandboxFiles create(List<String> entries) {
        try {
            if (root == null) {
                Path r = Files.createTempDirectory("aelab-sandbox-files-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(r)));
                Files.setPosixFilePermissions(r, PosixFilePermissions.fromString("rwx--x--x"));
                Path a = Files.createDirectories(newDir(r).resolve("aelab").resolve("grade"));
                for (String name : AGENT_CLASSES) {
                    try (InputStream in = SandboxAgent.class.getResourceAsStream(name)) {
                        if (in == null) {
                            throw new IllegalStateException("the grader's class " + name + " is missing");
                        }
                        Files.copy(in, a.resolve(name));
                    }
                }
                makeReadable(a.getParent().getParent());
                root = r;
                agent = a.getParent().getParent();
            }
            List<Path> cp = new ArrayList<>();
            for (String entry : entries) {
                Path src = Path.of(entry);
                if (!Files.exists(src)) {
                    continue;
                }
                Path dst = COPIES.get(entry);
                if (dst == null) {
                    Path dir = newDir(root);
                    dst = dir.resolve(Files.isDirectory(src) ? "classes" : "entry.jar");
                    copyTree(src, dst);
                    makeReadable(dir);
                    COPIES.put(entry, dst);
                }
                cp.add(dst);
            }
            return new SandboxFiles(agent, List.copyOf(cp));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox's files: " + e.getMessage(), e);
        }
    }

    /** A new directory with a random (unguessable) name under {@code parent}. */
    private static Path newDir(Path parent) throws IOException {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return Files.createDirectory(parent.resolve(HexFormat.of().formatHex(b)));
    }

    /** Copies regular files and directories only (symbolic links are not followed into the copy). */
    private static void copyTree(Path src, Path dst) throws IOException {
        copyTree(src, dst, rel -> false);
    }

    /**
     * {@link #copyTree(Path, Path)} of a file or a directory, without the subdirectories whose path relative to
     * {@code src} ('/'-separated, ending in '/') {@code skip} accepts.
     */
    static void copyTree(Path src, Path dst, Predicate<String> skip) throws IOException {
        if (!Files.isDirectory(src)) {
            Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                String rel = src.relativize(d).toString().replace('\\', '/');
                if (!rel.isEmpty() && skip.test(rel + "/")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(dst.resolve(rel));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (a.isRegularFile()) {
                    Files.copy(f, dst.resolve(src.relativize(f).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void makeReadable(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // left in the temporary directory
        }
    }
}
