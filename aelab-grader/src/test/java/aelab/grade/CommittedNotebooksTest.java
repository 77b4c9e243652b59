package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed notebooks carry no outputs and no execution counts (fix with tools/strip_outputs.py). */
class CommittedNotebooksTest {
    private static final Path REPO = Path.of("").toAbsolutePath();

    @Test
    void everyCommittedNotebookIsWithoutOutputsAndExecutionCounts() {
        List<Path> notebooks = CommittedNotebooks.find(REPO);
        assertFalse(notebooks.isEmpty(), "expected notebooks under " + CommittedNotebooks.FOLDERS + " in " + REPO);
        List<String> problems = new ArrayList<>();
        for (Path nb : notebooks) {
            for (String p : CommittedNotebooks.problems(nb)) {
                problems.add(REPO.relativize(nb) + ", " + p);
            }
        }
        assertTrue(problems.isEmpty(), "committed notebooks must have no outputs and no execution counts; run "
                + "/usr/bin/python3 tools/strip_outputs.py on them:\n  " + String.join("\n  ", problems));
    }

    @Test
    void outputsAndExecutionCountsAreReportedPerCell(@TempDir Path dir) throws IOException {
        Path nb = dir.resolve("notebooks").resolve("x.ipynb");
        Files.createDirectories(nb.getParent());
        Files.writeString(nb, "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [\"# T\"], \"metadata\": {}},"
                + "{\"cell_type\": \"code\", \"execution_count\": 3, \"metadata\": {}, \"source\": [\"\\n\", \"int a = 1;\\n\", \"a\"],"
                + " \"outputs\": [{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"1\"}}]},"
                + "{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {}, \"source\": \"2\", \"outputs\": []}],"
                + " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 4}");
        assertEquals(List.of(nb), CommittedNotebooks.find(dir));
        assertEquals(List.of("cell 1 (int a = 1;): 1 output, execution count 3"), CommittedNotebooks.problems(nb));
    }

    @Test
    void aFileThatIsNotANotebookIsRejected(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.ipynb");
        Files.writeString(bad, "{\"cells\": 1}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommittedNotebooks.problems(bad))
                .getMessage().contains("must be a notebook"));
        Files.writeString(bad, "{\"cells\": [}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommittedNotebooks.problems(bad))
                .getMessage().contains("is not valid JSON"));
    }
}
