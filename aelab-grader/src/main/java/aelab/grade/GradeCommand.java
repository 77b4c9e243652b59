package aelab.grade;

import aelab.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.InputStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./aelab grade PATH... [--out DIR] [--solutions DIR] [--key FILE] [--jobs N] [--cell-seconds S]
 * [--total-seconds S]}: grades notebooks (a PATH is a notebook or a folder searched recursively for notebooks) and
 * writes Gradescope's {@code DIR/<name>/results.json} per submission plus {@code DIR/summary.csv} (default DIR
 * {@code target/grades}).
 *
 * <p>Each submission is matched to the instructor notebook in {@code --solutions} (default {@code solutions}) that
 * shares most grade_ids with it, or to {@code --key}. Submissions are graded two at a time by default, each in its
 * own JVM; the result files are written only after every student JVM is gone, so nothing a submission leaves
 * running can overwrite them. Exit status 0 whenever grading ran, whatever the scores; 2 for a usage error, a
 * missing path, an invalid instructor notebook or a machine where student code cannot be confined; 3 when some
 * submission could not be graded because the grader failed (its sandbox could not start), named in the log.
 */
public final class GradeCommand {
    private GradeCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    private static final String USAGE = "usage: aelab grade PATH... [--out DIR] [--solutions DIR] [--key FILE] "
            + "[--jobs N] [--cell-seconds S] [--total-seconds S] [--gradescope FILE] [--no-sandbox]";

    /** Runs the command and returns its exit status. */
    public static int run(String[] args, PrintStream log) {
        List<Path> paths = new ArrayList<>();
        Path out = Path.of("target", "grades");
        Path solutions = Path.of("solutions");
        Path key = null;
        Path gradescope = null;
        boolean noSandbox = false;
        int jobs = 2;
        Limits limits = Limits.defaults();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-sandbox")) {
                    noSandbox = true;
                } else if (a.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--out": out = Path.of(v); break;
                        case "--solutions": solutions = Path.of(v); break;
                        case "--key": key = Path.of(v); break;
                        case "--gradescope": gradescope = Path.of(v); break;
                        case "--jobs": jobs = Integer.parseInt(v); break;
                        case "--cell-seconds":
                            limits = limits.withTimes(Math.round(Double.parseDouble(v) * 1000), limits.totalMillis());
                            break;
                        case "--total-seconds":
                            limits = limits.withTimes(limits.cellMillis(), Math.round(Double.parseDouble(v) * 1000));
                            break;
                        default: throw new IllegalArgumentException("unknown option " + a);
                    }
                } else {
                    paths.add(Path.of(a));
                }
            }
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("no PATH given");
            }
            if (jobs < 1) {
                throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
            }
        } catch (IllegalArgumentException e) {
            log.println("aelab grade: " + e.getMessage());
            log.println(USAGE);
            return 2;
        }
        List<Path> submissions = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                log.println("aelab grade: no such file or directory: " + p);
                return 2;
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".ipynb")
                            && !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS))
                            .filter(f -> !f.toString().contains(".ipynb_checkpoints"))
                            .sorted().forEach(submissions::add);
                } catch (IOException e) {
                    log.println("aelab grade: cannot list " + p + ": " + e.getMessage());
                    return 2;
                }
            } else {
                submissions.add(p);
            }
        }
        Confinement confinement = noSandbox ? Confinement.allowUnconfined() : Confinement.current();
        if (!confinement.allowed()) {
            log.println("aelab grade: " + confinement.refusal());
            return 2;
        }
        log.println("aelab grade: " + confinement.describe());
        for (String m : confinement.missing()) {
            log.println("aelab grade: WARNING isolation missing: " + m);
        }
        List<Assignment> assignments = new ArrayList<>();
        try {
            if (key != null) {
                assignments.add(Assignment.read(key));
            } else {
                if (!Files.isDirectory(solutions)) {
                    log.println("aelab grade: no instructor notebooks: " + solutions + " is not a directory (use --key)");
                    return 2;
                }
                try (Stream<Path> s = Files.list(solutions)) {
                    for (Path f : s.filter(f -> f.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList())) {
                        assignments.add(Assignment.read(f));
                    }
                }
            }
        } catch (NotebookException | IOException e) {
            log.println("aelab grade: invalid instructor notebook: " + e.getMessage());
            return 2;
        }
        if (assignments.isEmpty()) {
            log.println("aelab grade: no instructor notebooks in " + solutions);
            return 2;
        }
        log.println("aelab grade: " + submissions.size() + " submission(s), " + jobs + " at a time");
        List<SubmissionResult> results = gradeAll(submissions, assignments, limits, Sandbox.defaultClasspath(), jobs,
                log);
        try {
            write(results, out);
            if (gradescope != null) {
                writeGradescope(results, gradescope);
            }
        } catch (IOException e) {
            log.println("aelab grade: cannot write results to " + out + ": " + e.getMessage());
            return 2;
        }
        log.println("aelab grade: wrote " + out.resolve("summary.csv") + " and " + results.size() + " results.json");
        return notGraded(results, log);
    }

    /**
     * 0, or 3 after naming the submissions the grader failed on (their sandbox could not start): their 0 is not a
     * grade, and an instructor must not publish it as one.
     */
    static int notGraded(List<SubmissionResult> results, PrintStream log) {
        List<String> failed = new ArrayList<>();
        for (SubmissionResult r : results) {
            if (r.graderError() != null) {
                failed.add(r.submission() + " (" + r.graderError() + ")");
            }
        }
        if (failed.isEmpty()) {
            return 0;
        }
        log.println("aelab grade: " + failed.size() + " submission(s) NOT GRADED because of a grader error; their "
                + "results are not grades, fix the cause and grade them again: " + String.join("; ", failed));
        return 3;
    }

    /** Grades the submissions in parallel; the results are in the order of {@code submissions}. */
    public static List<SubmissionResult> gradeAll(List<Path> submissions, List<Assignment> assignments, Limits limits,
            List<String> classpath, int jobs, PrintStream log) {
        List<String> names = uniqueNames(submissions);
        // every submission is read (into the grader's memory) before any student code runs
        List<Object> contents = new ArrayList<>();
        for (Path file : submissions) {
            contents.add(readSubmission(file));
        }
        Map<String, Grader> graders = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<SubmissionResult>> futures = new ArrayList<>();
            for (int i = 0; i < submissions.size(); i++) {
                Path file = submissions.get(i);
                String name = names.get(i);
                Object content = contents.get(i);
                futures.add(pool.submit(() -> {
                    SubmissionResult r = gradeOne(file, name, content, assignments, graders, limits, classpath, log);
                    log.printf(Locale.ROOT, "[%d/%d] %s: %s/%s (%.1f s)%n", done.incrementAndGet(),
                            submissions.size(), name, ScoreFormat.num(r.score()),
                            ScoreFormat.num(r.maxScore()), r.seconds());
                    return r;
                }));
            }
            List<SubmissionResult> results = new ArrayList<>();
            for (Future<SubmissionResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (Exception e) {
                    throw new IllegalStateException("grader error: " + e, e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static SubmissionResult gradeOne(Path file, String name, Object content, List<Assignment> assignments,
            Map<String, Grader> graders, Limits limits, List<String> classpath, PrintStream log) {
        if (!(content instanceof Notebook)) {
            Assignment a = bestMatch(null, file, assignments);
            return grader(a, graders, limits, classpath, log).unreadable(name, (String) content);
        }
        Notebook nb = (Notebook) content;
        Assignment a = bestMatch(nb, file, assignments);
        SubmissionResult r = grader(a, graders, limits, classpath, log).grade(name, nb);
        List<String> missing = Confinement.current().missing();
        return missing.isEmpty() ? r : r.withNote("Isolation missing on this grader: " + String.join("; ", missing));
    }

    /**
     * The submission's notebook, or why it is not read: a symbolic link or anything but a regular file is rejected
     * without being opened (never followed, so a link to /etc/shadow reads nothing), and the file is opened with
     * O_NOFOLLOW so it cannot be swapped for a link in between.
     */
    static Object readSubmission(Path file) {
        if (Files.isSymbolicLink(file)) {
            return "the submission " + file.getFileName() + " is a symbolic link; it was not read (submit the file "
                    + "itself)";
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "the submission " + file.getFileName() + " is not a regular file; it was not read";
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_SUBMISSION_BYTES + 1);
            if (bytes.length > MAX_SUBMISSION_BYTES) {
                return "the submission is larger than " + MAX_SUBMISSION_BYTES / (1 << 20) + " MB; it was not read";
            }
            return Notebook.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "the submission " + file.getFileName() + " cannot be read (" + e.getClass().getSimpleName() + ")";
        } catch (NotebookException e) {
            return e.getMessage();
        }
    }

    private static final int MAX_SUBMISSION_BYTES = 16 << 20;

    private static Grader grader(Assignment a, Map<String, Grader> graders, Limits limits, List<String> classpath,
            PrintStream log) {
        synchronized (graders) {
            Grader g = graders.get(a.name());
            if (g == null) {
                g = Grader.forAssignment(a, limits, classpath);
                if (g.runsReference()) {
                    log.println("aelab grade: running the instructor's " + a.name() + " for the expected values");
                }
                graders.put(a.name(), g);
                g.forbiddenCheckedAsTextOnly().forEach(w -> log.println("aelab grade: WARNING " + w));
                Grader started = g;
                Thread warn = new Thread(() -> started.referenceProblems().forEach((id, why) ->
                        log.println("aelab grade: WARNING the instructor's copy fails probe " + id + ": " + why)));
                warn.setDaemon(true);
                warn.start();
            }
            return g;
        }
    }

    /** The instructor notebook sharing most grade_ids with the submission (ties: same file name, then first). */
    static Assignment bestMatch(Notebook submission, Path file, List<Assignment> assignments) {
        Set<String> ids = new HashSet<>();
        if (submission != null) {
            submission.cells().forEach(c -> {
                if (c.gradeId() != null) {
                    ids.add(c.gradeId());
                }
            });
        }
        Assignment best = assignments.get(0);
        long bestScore = -1;
        for (Assignment a : assignments) {
            long overlap = a.gradeIds().stream().filter(ids::contains).count() * 2
                    + (file.getFileName().toString().equals(a.name() + ".ipynb") ? 1 : 0);
            if (overlap > bestScore) {
                best = a;
                bestScore = overlap;
            }
        }
        return best;
    }

    private static List<String> uniqueNames(List<Path> files) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Path f : files) {
            String n = f.getFileName().toString().replaceFirst("\\.ipynb$", "");
            if (!seen.add(n)) {
                Path parent = f.toAbsolutePath().getParent();
                String base = (parent == null ? "" : parent.getFileName() + "_") + n;
                n = base;
                for (int k = 2; !seen.add(n); k++) {
                    n = base + "_" + k;
                }
            }
            names.add(n);
        }
        return names;
    }

    /**
     * Writes DIR/NAME/results.json per submission and DIR/summary.csv, never through a symbolic link: a link or a
     * directory found where a file or folder of ours goes is removed first (not followed), and each file is written
     * to a fresh temporary file and renamed into place.
     */
    static void write(List<SubmissionResult> results, Path out) throws IOException {
        ensureDirectory(out);
        Set<String> columns = new LinkedHashSet<>();
        for (SubmissionResult r : results) {
            r.tests().forEach(t -> columns.add(t.gradeId()));
            Path dir = out.resolve(r.submission());
            ensureDirectory(dir);
            safeWrite(dir.resolve("results.json"), Json.write(r.toGradescope()));
        }
        StringBuilder csv = new StringBuilder("submission,assignment,score,max_score");
        columns.forEach(c -> csv.append(',').append(csvField(c)));
        csv.append('\n');
        for (SubmissionResult r : results) {
            csv.append(csvField(r.submission())).append(',').append(csvField(r.assignment())).append(',')
                    .append(ScoreFormat.num(r.score())).append(',').append(ScoreFormat.num(r.maxScore()));
            for (String c : columns) {
                double s = r.score(c);
                csv.append(',').append(Double.isNaN(s) ? "" : ScoreFormat.num(s));
            }
            csv.append('\n');
        }
        safeWrite(out.resolve("summary.csv"), csv.toString());
    }

    /** Gradescope's one results.json for the whole submission: the notebooks' tests concatenated, scores added. */
    static void writeGradescope(List<SubmissionResult> results, Path target) throws IOException {
        Map<String, Object> merged;
        if (results.isEmpty()) {
            merged = new LinkedHashMap<>();
            merged.put("score", 0.0);
            merged.put("output", "No notebook (.ipynb) was found in the submission.");
            merged.put("tests", List.of());
        } else if (results.size() == 1) {
            merged = results.get(0).toGradescope();
        } else {
            merged = new LinkedHashMap<>();
            double score = 0;
            List<String> outputs = new ArrayList<>();
            List<Object> tests = new ArrayList<>();
            for (SubmissionResult r : results) {
                Map<String, Object> g = r.toGradescope();
                score += r.score();
                outputs.add(String.valueOf(g.get("output")));
                tests.addAll((List<?>) g.get("tests"));
            }
            merged.put("score", SubmissionResult.round(score));
            merged.put("output", String.join("\n", outputs));
            merged.put("tests", tests);
        }
        Path parent = target.toAbsolutePath().getParent();
        ensureDirectory(parent);
        safeWrite(target, Json.write(merged));
    }

    private static void ensureDirectory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir) || Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(dir);
        }
        Files.createDirectories(dir);
    }

    private static void safeWrite(Path target, String text) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(target)) { // does not follow links
                for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
        Path tmp = Files.createTempFile(target.getParent(), ".aelab-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String csvField(String s) {
        return s.matches("[^,\"\n\r]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
