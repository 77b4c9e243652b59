package aelab.grade;

import aelab.json.Json;
import aelab.json.JsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An nbformat-4 notebook (the JSON document Jupyter saves) with its cells, read leniently enough for student
 * submissions (a cell's {@code source} may be a string or a list of lines) and written in Jupyter's own layout.
 *
 * <p>The notebook is a thin view over the parsed JSON: {@link #json()} is the live top-level object and each
 * {@link Cell} edits its own JSON object in place.
 */
public final class Notebook {
    private final Map<String, Object> json;
    private final List<Cell> cells;

    private Notebook(Map<String, Object> json, List<Cell> cells) {
        this.json = json;
        this.cells = cells;
    }

    /** Reads a notebook file; a file that is not an nbformat-4 notebook throws {@link NotebookException}. */
    public static Notebook read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new NotebookException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (NotebookException e) {
            throw new NotebookException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses notebook JSON text. */
    @SuppressWarnings("unchecked")
    public static Notebook parse(String text) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (JsonException e) {
            throw new NotebookException("not a notebook (malformed JSON): " + e.getMessage(), e);
        }
        Object format = json.get("nbformat");
        if (!(format instanceof Long) || (Long) format != 4) {
            throw new NotebookException("not an nbformat 4 notebook: nbformat is " + format);
        }
        Object cellList = json.get("cells");
        if (!(cellList instanceof List)) {
            throw new NotebookException("not an nbformat 4 notebook: \"cells\" must be an array, got "
                    + Json.kind(cellList));
        }
        List<Cell> cells = new ArrayList<>();
        int index = 0;
        for (Object c : (List<Object>) cellList) {
            if (!(c instanceof Map)) {
                throw new NotebookException("cell " + index + " must be a JSON object, got " + Json.kind(c));
            }
            cells.add(new Cell(index++, (Map<String, Object>) c));
        }
        return new Notebook(json, Collections.unmodifiableList(cells));
    }

    /** The cells in order. */
    public List<Cell> cells() {
        return cells;
    }

    /** The live top-level JSON object. */
    public Map<String, Object> json() {
        return json;
    }

    /** The first cell with this nbgrader grade_id, or null. */
    public Cell cell(String gradeId) {
        for (Cell c : cells) {
            if (gradeId.equals(c.gradeId())) {
                return c;
            }
        }
        return null;
    }

    /** The notebook as Jupyter would save it (sorted keys, one-space indent, final newline). */
    public String toJson() {
        return Json.write(json);
    }

    /** Writes {@link #toJson()} to a file in UTF-8. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }
}
