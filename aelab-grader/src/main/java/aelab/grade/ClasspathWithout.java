package aelab.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A student classpath with the classes of some packages physically removed: every entry (jar or class directory)
 * that holds a class of a removed package is replaced by a copy without them; the other entries are kept as they
 * are. A package {@code p} removes {@code p/**} (its subpackages too), also under {@code META-INF/versions/N/} of a
 * multi-release jar. The copies are written once per grading process into a private directory (mode 700, deleted
 * at exit); {@link SandboxFiles} then copies them into the sandboxes' view like any other entry, so the child JVM
 * and the compiler (JShell compiles against the same list) see only the filtered copy.
 */
final class ClasspathWithout {
    /** A Java package name: lower-case dotted identifiers, at least two parts ("aelab.loss"). */
    static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+");
    private static final Map<String, String> COPIES = new HashMap<>();
    private static final Map<String, Boolean> HOLDS = new HashMap<>();
    private static final Map<String, List<String>> CLASSPATHS = new HashMap<>();
    private static Path root;

    private ClasspathWithout() {
    }

    /** {@code classpath} with the classes of {@code packages} removed (same order, same length). */
    static synchronized List<String> of(List<String> classpath, Set<String> packages) {
        String key = classpath + "\n" + new TreeSet<>(packages);
        List<String> done = CLASSPATHS.get(key);
        if (done != null) {
            return done;
        }
        List<String> out = new ArrayList<>();
        for (String entry : classpath) {
            Set<String> here = new TreeSet<>();
            for (String p : packages) {
                if (holds(entry, p)) {
                    here.add(p);
                }
            }
            out.add(here.isEmpty() ? entry : COPIES.computeIfAbsent(entry + "\n" + here, k -> copy(entry, here)));
        }
        CLASSPATHS.put(key, List.copyOf(out));
        return CLASSPATHS.get(key);
    }

    /** The packages of {@code packages} that no entry of {@code classpath} holds. */
    static synchronized Set<String> absent(List<String> classpath, Set<String> packages) {
        Set<String> out = new TreeSet<>(packages);
        out.removeIf(p -> classpath.stream().anyMatch(e -> holds(e, p)));
        return out;
    }

    /** Whether the jar or directory {@code entry} holds a class of package {@code pkg} (or of a subpackage). */
    static synchronized boolean holds(String entry, String pkg) {
        return HOLDS.computeIfAbsent(entry + "\n" + pkg, k -> scan(entry, pkg));
    }

    private static boolean scan(String entry, String pkg) {
        Path e = Path.of(entry);
        String dir = pkg.replace('.', '/') + "/";
        if (Files.isDirectory(e)) {
            return Files.isDirectory(e.resolve(dir));
        }
        if (!Files.isRegularFile(e)) {
            return false;
        }
        try (ZipFile z = new ZipFile(e.toFile())) {
            return z.stream().anyMatch(x -> removed(x.getName(), Set.of(dir)));
        } catch (IOException ex) {
            return false; // not a jar: the JVM ignores it too
        }
    }

    private static boolean removed(String name, Set<String> dirs) {
        String n = name;
        if (n.startsWith("META-INF/versions/")) {
            int slash = n.indexOf('/', "META-INF/versions/".length());
            n = slash < 0 ? "" : n.substring(slash + 1);
        }
        for (String d : dirs) {
            if (n.startsWith(d)) {
                return true;
            }
        }
        return false;
    }

    private static String copy(String entry, Set<String> packages) {
        Set<String> dirs = new TreeSet<>();
        packages.forEach(p -> dirs.add(p.replace('.', '/') + "/"));
        try {
            if (root == null) {
                Path r = Files.createTempDirectory("aelab-classpath-without-"); // mode 700
                Runtime.getRuntime().addShutdownHook(new Thread(() -> SandboxFiles.deleteTree(r)));
                root = r;
            }
            Path src = Path.of(entry);
            Path dst = Files.createTempDirectory(root, "entry-");
            if (Files.isDirectory(src)) {
                Path to = dst.resolve("classes");
                SandboxFiles.copyTree(src, to, rel -> removed(rel, dirs));
                return to.toString();
            }
            Path to = dst.resolve("entry.jar");
            try (ZipFile in = new ZipFile(src.toFile()); OutputStream file = Files.newOutputStream(to);
                    ZipOutputStream out = new ZipOutputStream(file)) {
                Enumeration<? extends ZipEntry> all = in.entries();
                while (all.hasMoreElements()) {
                    ZipEntry e = all.nextElement();
                    if (removed(e.getName(), dirs)) {
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime());
                    out.putNextEntry(copy);
                    if (!e.isDirectory()) {
                        try (InputStream data = in.getInputStream(e)) {
                            data.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
            return to.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + entry + " without " + packages + ": " + e.getMessage(), e);
        }
    }
}
