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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files a sandboxed JVM may read, copied once per grading process into a private directory owned by the grader
 * (world-readable inside, so the sandbox's uid can read them; nothing else is there): the agent's class files and
 * a copy of every student classpath entry. The sandbox never sees the original paths, so the project tree (and
 * whatever lies next to the jars, such as the instructor's notebooks) can stay unreadable to the sandbox's uid.
 * The copies are deleted when the grader exits.
 */
final class SandboxFiles {
    private static final Map<List<String>, SandboxFiles> CACHE = new HashMap<>();
    private static final List<String> AGENT_CLASSES = List.of("SandboxAgent.class", "SandboxAgent$Control.class");

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
        return CACHE.computeIfAbsent(List.copyOf(entries), SandboxFiles::create);
    }

    private static SandboxFiles create(List<String> entries) {
        try {
            Path root = Files.createTempDirectory("aelab-sandbox-files-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path agent = Files.createDirectories(root.resolve("agent").resolve("aelab").resolve("grade"));
            for (String name : AGENT_CLASSES) {
                try (InputStream in = SandboxAgent.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException("the grader's class " + name + " is missing");
                    }
                    Files.copy(in, agent.resolve(name));
                }
            }
            List<Path> cp = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Path src = Path.of(entries.get(i));
                if (!Files.exists(src)) {
                    continue;
                }
                Path dst = root.resolve("cp").resolve(i + (Files.isDirectory(src) ? "" : ".jar"));
                Files.createDirectories(dst.getParent());
                copyTree(src, dst);
                cp.add(dst);
            }
            makeReadable(root);
            return new SandboxFiles(root.resolve("agent"), List.copyOf(cp));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox's files: " + e.getMessage(), e);
        }
    }

    /** Copies regular files and directories only (symbolic links are not followed into the copy). */
    private static void copyTree(Path src, Path dst) throws IOException {
        if (!Files.isDirectory(src)) {
            Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(dst.resolve(src.relativize(d).toString()));
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

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // left in the temporary directory
        }
    }
}
