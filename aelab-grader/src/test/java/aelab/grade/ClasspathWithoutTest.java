package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClasspathWithout}: which entries hold a package, and what the filtered copies keep. */
class ClasspathWithoutTest {
    private static final List<String> FILES = List.of("META-INF/MANIFEST.MF", "a/b/X.class", "a/b/sub/Y.class",
            "a/bc/Z.class", "a/W.class", "META-INF/versions/11/a/b/X.class", "META-INF/versions/11/a/bc/Z.class");

    @TempDir
    Path tmp;

    private Path jar() throws IOException {
        Path jar = tmp.resolve("lib.jar");
        try (OutputStream f = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(f)) {
            for (String name : FILES) {
                z.putNextEntry(new ZipEntry(name));
                z.write(name.getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return jar;
    }

    private Path classes() throws IOException {
        Path dir = tmp.resolve("classes");
        for (String name : FILES) {
            Path f = dir.resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, name);
        }
        return dir;
    }

    private static Set<String> jarEntries(String jar) throws IOException {
        Set<String> out = new TreeSet<>();
        try (ZipFile z = new ZipFile(jar)) {
            z.stream().forEach(e -> out.add(e.getName()));
            for (String name : out) {
                assertEquals(name, new String(z.getInputStream(z.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Set<String> files(String dir) throws IOException {
        Set<String> out = new TreeSet<>();
        try (var s = Files.walk(Path.of(dir))) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(Path.of(dir).relativize(p).toString()));
        }
        return out;
    }

    @Test
    void aPackageIsRemovedWithItsSubpackagesButNotItsNamesakeNeighbours() throws IOException {
        String jar = jar().toString();
        String dir = classes().toString();
        Path other = Files.writeString(tmp.resolve("other.txt"), "not a jar");
        List<String> cp = List.of(jar, dir, other.toString(), tmp.resolve("missing.jar").toString());
        List<String> without = ClasspathWithout.of(cp, Set.of("a.b"));
        assertEquals(4, without.size());
        assertNotEquals(jar, without.get(0));
        assertNotEquals(dir, without.get(1));
        assertEquals(cp.subList(2, 4), without.subList(2, 4), "entries without the package are kept as they are");
        Set<String> kept = Set.of("META-INF/MANIFEST.MF", "a/bc/Z.class", "a/W.class",
                "META-INF/versions/11/a/bc/Z.class");
        assertEquals(new TreeSet<>(kept), jarEntries(without.get(0)));
        assertEquals(new TreeSet<>(kept), files(without.get(1)));
        assertEquals(new TreeSet<>(FILES), jarEntries(jar), "the original is not changed");
        assertSame(without, ClasspathWithout.of(cp, Set.of("a.b")), "one copy per classpath and package set");
    }

    @Test
    void holdsAndAbsentLookAtClassesNotAtNames() throws IOException {
        String jar = jar().toString();
        assertTrue(ClasspathWithout.holds(jar, "a.b"));
        assertTrue(ClasspathWithout.holds(jar, "a.bc"));
        assertFalse(ClasspathWithout.holds(jar, "a.c"));
        assertEquals(Set.of("a.c", "x.y"), ClasspathWithout.absent(List.of(jar), Set.of("a.b", "a.c", "x.y")));
    }

    @Test
    void packageNamesAreDottedLowerCaseIdentifiers() {
        assertTrue(ClasspathWithout.PACKAGE.matcher("aelab.loss").matches());
        assertFalse(ClasspathWithout.PACKAGE.matcher("Mse.").matches());
        assertFalse(ClasspathWithout.PACKAGE.matcher("LinearAutoencoderAnalysis").matches());
        assertFalse(ClasspathWithout.PACKAGE.matcher("aelab").matches());
    }

    @Test
    void everyForbiddenPackageOfTheSheetsIsCheckedAtRunTime() {
        List<Path> sheets;
        try (var files = Files.list(Path.of("solutions"))) {
            sheets = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(sheets.size() >= 5, sheets.toString());
        for (Path sheet : sheets) {
            Assignment a = Assignment.read(sheet);
            RuntimeForbiddenCheck check = new RuntimeForbiddenCheck(a, Limits.defaults(), Sandbox.defaultClasspath());
            assertEquals(List.of(), check.unchecked(), sheet.toString());
            for (GradeItem g : a.items()) {
                // a part that forbids anything forbids a package (class names alone would be textual only)
                assertEquals(g.forbidden().isEmpty(), check.packages(g.gradeId()).isEmpty(), sheet + " " + g.gradeId());
            }
        }
    }

    @Test
    void theVerdictNamesThePackages() {
        assertTrue(RuntimeForbiddenCheck.noCredit(Set.of("aelab.loss")).contains("reaches aelab.loss (the library"));
        assertTrue(RuntimeForbiddenCheck.noCredit(new TreeSet<>(Set.of("aelab.elbo", "aelab.gaussian", "aelab.loss")))
                .contains("reaches aelab.elbo, aelab.gaussian or aelab.loss"));
    }
}
