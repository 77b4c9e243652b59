package aelab.grade;

import aelab.json.Json;
import aelab.json.JsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rule for notebooks committed to the repository (notebooks/, exercises/, solutions/): every code cell has no
 * outputs and a null execution count, so diffs show only source changes and handouts are always built from a
 * fresh execution. {@code tools/strip_outputs.py} makes a notebook comply.
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
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.toString().endsWith(".ipynb"))
                        .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                        .sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /**
     * The violations of the rule in one notebook, one message per cell ("cell 3 (first line): 2 outputs"); empty
     * when the notebook complies.
     *
     * @param notebook the .ipynb file. Not modified.
     * @throws IllegalArgumentException when the file is not a JSON notebook with a "cells" array
     */
    public static List<String> problems(Path notebook) {
        String text;
        try {
            text = Files.readString(notebook, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (JsonException e) {
            throw new IllegalArgumentException(notebook + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> nb) || !(nb.get("cells") instanceof List<?> cells)) {
            throw new IllegalArgumentException(notebook + " must be a notebook (a JSON object with a \"cells\" array)");
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (!(cells.get(i) instanceof Map<?, ?> cell) || !"code".equals(cell.get("cell_type"))) {
                continue;
            }
            List<String> what = new ArrayList<>();
            if (cell.get("outputs") instanceof List<?> outputs && !outputs.isEmpty()) {
                what.add(outputs.size() + (outputs.size() == 1 ? " output" : " outputs"));
            }
            Object count = cell.get("execution_count");
            if (count != null) {
                what.add("execution count " + count);
            }
            if (!what.isEmpty()) {
                problems.add("cell " + i + " (" + firstLine(cell.get("source")) + "): " + String.join(", ", what));
            }
        }
        return problems;
    }

    private static String firstLine(Object source) {
        String text = source instanceof List<?> lines ? String.join("", lines.stream().map(String::valueOf).toList())
                : String.valueOf(source);
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "empty";
    }
}
