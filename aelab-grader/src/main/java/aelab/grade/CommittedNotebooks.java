package aelab.grade;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule for notebooks committed to the repository (notebooks/, exercises/, solutions/): every code cell has no
 * outputs and a null execution count, and no cell carries execution timing metadata, so diffs show only source
 * changes and handouts are always built from a fresh execution. {@code ./aelab strip-outputs [--check] [PATH...]}
 * makes notebooks comply (or, with {@code --check}, lists those that do not). Notebooks are read and written by
 * {@link Notebook}, the project's one notebook parser.
 */
public final class CommittedNotebooks {
    /** The folders, relative to the repository root, whose notebooks are checked. */
    public static final List<String> FOLDERS = List.of("notebooks", "exercises", "solutions");

    private CommittedNotebooks() {
    }

    /**
     * Every {@code .ipynb} file below the {@link #FOLDERS} of a repository (sorted; checkpoint folders skipped).
     *
     * @param root the repository root. Not modified.
     */
    public static List<Path> find(Path root) {
        List<Path> found = new ArrayList<>();
        for (String folder : FOLDERS) {
            found.addAll(notebooksBelow(root.resolve(folder)));
        }
        return found;
    }

    private static List<Path> notebooksBelow(Path path) {
        if (!Files.isDirectory(path)) {
            return path.toString().endsWith(".ipynb") && Files.isRegularFile(path) ? List.of(path) : List.of();
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The violations of the rule in one notebook, one message per cell ("cell 3 (first line): 2 outputs"); empty
     * when the notebook complies.
     *
     * @param notebook the .ipynb file. Not modified.
     * @throws NotebookException when the file is not an nbformat-4 notebook
     */
    public static List<String> problems(Path notebook) {
        List<String> problems = new ArrayList<>();
        for (Cell cell : Notebook.read(notebook).cells()) {
            List<String> what = new ArrayList<>();
            int outputs = cell.outputCount();
            if (cell.isCode() && outputs > 0) {
                what.add(outputs + (outputs == 1 ? " output" : " outputs"));
            }
            if (cell.isCode() && cell.executionCount() != null) {
                what.add("execution count " + cell.executionCount());
            }
            if (cell.hasExecutionMetadata()) {
                what.add("execution timing metadata");
            }
            if (!what.isEmpty()) {
                problems.add("cell " + cell.index() + " (" + firstLine(cell.source()) + "): " + String.join(", ", what));
            }
        }
        return problems;
    }

    /**
     * Removes outputs, execution counts and timing metadata from a notebook file, in place, in Jupyter's layout.
     *
     * @param notebook the .ipynb file. Modified when it does not comply.
     * @return whether the file changed
     */
    public static boolean strip(Path notebook) throws IOException {
        String before = Files.readString(notebook);
        Notebook nb = Notebook.parse(before);
        nb.cells().forEach(Cell::clearOutputs);
        String after = nb.toJson();
        if (after.equals(before)) {
            return false;
        }
        nb.write(notebook);
        return true;
    }

    /**
     * {@code strip-outputs [--check] [PATH...]}: PATHs are notebooks or folders (searched recursively); default the
     * {@link #FOLDERS} below the current directory. With {@code --check} nothing changes and the exit status is 1
     * when a notebook breaks the rule.
     */
    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream log) throws IOException {
        boolean check = false;
        List<Path> notebooks = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--check")) {
                check = true;
            } else {
                notebooks.addAll(notebooksBelow(Path.of(a)));
            }
        }
        if (notebooks.isEmpty() && args.length == (check ? 1 : 0)) {
            notebooks = find(Path.of(""));
        }
        int bad = 0;
        for (Path nb : notebooks) {
            if (check) {
                List<String> problems = problems(nb);
                if (!problems.isEmpty()) {
                    bad++;
                    log.println("has outputs: " + nb + "\n  " + String.join("\n  ", problems));
                }
            } else if (strip(nb)) {
                log.println("stripped: " + nb);
            }
        }
        return bad == 0 ? 0 : 1;
    }

    private static String firstLine(String text) {
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "empty";
    }
}
