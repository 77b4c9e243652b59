package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.json.Json;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The instructor's notebook is validated before anything is generated or graded; each mistake has its message. */
class AssignmentTest {
    @Test
    void thePilotDeclaresThreePartsWorthEightPoints() {
        Assignment a = Fixtures.pilot();
        assertEquals(List.of("mse-check", "gain-check", "quiz1-check"),
                a.items().stream().map(GradeItem::gradeId).toList());
        assertEquals(8, a.maxScore(), 0);
        assertEquals(List.of("mse-impl"), a.items().get(0).solutionIds());
        assertEquals(List.of("aelab.loss", "Mse."), a.items().get(0).forbidden());
        assertEquals(Probe.Type.THROWS, a.items().get(1).probes().get(3).type());
    }

    @SuppressWarnings("unchecked")
    private static void assertRejected(Consumer<Map<String, Object>> breakIt, String message) {
        Map<String, Object> json = Json.parseObject(Fixtures.solution().toJson());
        breakIt.accept(json);
        NotebookException e = assertThrows(NotebookException.class,
                () -> Assignment.of("x", Notebook.parse(Json.write(json))));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> nb, int cell, String key) {
        Map<String, Object> c = (Map<String, Object>) ((List<Object>) nb.get("cells")).get(cell);
        return (Map<String, Object>) ((Map<String, Object>) c.get("metadata")).get(key);
    }

    @Test
    void eachKindOfBadMetadataIsRejected() {
        // cell 4 is mse-check, cell 3 mse-impl, cell 1 the locked setup cell
        assertRejected(nb -> meta(nb, 4, "aelab").remove("probes"), "grade cell mse-check needs a non-empty "
                + "metadata.aelab.probes array");
        assertRejected(nb -> meta(nb, 4, "nbgrader").put("points", 5L), "probe points must add up to the cell's "
                + "points 5.0, got 3.0");
        assertRejected(nb -> meta(nb, 4, "nbgrader").put("locked", false), "a grade cell must be locked");
        assertRejected(nb -> meta(nb, 4, "nbgrader").put("grade_id", "mse check"), "grade_id must match");
        assertRejected(nb -> meta(nb, 4, "nbgrader").put("grade_id", "mse-impl"), "duplicate grade_id mse-impl");
        assertRejected(nb -> meta(nb, 1, "nbgrader").put("schema_version", 2L), "schema_version must be 3, got 2");
        assertRejected(nb -> meta(nb, 3, "nbgrader").put("solution", false), "has a BEGIN SOLUTION region but is not "
                + "a solution cell");
        assertRejected(nb -> ((Map<String, Object>) ((List<Object>) meta(nb, 4, "aelab").get("probes")).get(0))
                .put("type", "float"), "\"type\" must be one of double, long, boolean, char, String, throws, got float");
        assertRejected(nb -> ((Map<String, Object>) ((List<Object>) meta(nb, 7, "aelab").get("probes")).get(3))
                .remove("expected"), "a throws probe needs \"expected\"");
        assertRejected(nb -> meta(nb, 4, "aelab").put("solution_ids", List.of("setup")), "solution_ids names setup, "
                + "which is not a solution cell");
    }

    @Test
    void malformedNotebooksAreRejectedWithTheReason() {
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.parse("{\"nbformat\": 3, \"cells\": []}"))
                .getMessage().contains("not an nbformat 4 notebook: nbformat is 3"));
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.parse("{\"nbformat\": 4}"))
                .getMessage().contains("\"cells\" must be an array, got null"));
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.parse("{\"nbformat\": 4, \"cells\": [1]}"))
                .getMessage().contains("cell 0 must be a JSON object, got number"));
        assertTrue(assertThrows(NotebookException.class, () -> Notebook.parse("{\"cells\": ["))
                .getMessage().startsWith("not a notebook (malformed JSON)"));
    }
}
