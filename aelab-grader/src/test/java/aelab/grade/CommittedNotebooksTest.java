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

/** Committed notebooks carry no outputs and no execution counts (fix with {@code ./aelab strip-outputs}). */
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
                + "./aelab strip-outputs:\n  " + String.join("\n  ", problems));
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
    void stripRemovesOutputsCountsAndTimingAndLeavesACleanNotebookByteIdentical(@TempDir Path dir) throws IOException {
        Path nb = dir.resolve("x.ipynb");
        Files.writeString(nb, "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 3, \"metadata\": "
                + "{\"execution\": {\"iopub.status.busy\": \"2026\"}, \"tags\": []}, \"source\": [\"1\"], \"outputs\": "
                + "[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"1\"]}]}],"
                + " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 4}");
        assertEquals(1, CommittedNotebooks.problems(nb).size());
        assertTrue(CommittedNotebooks.strip(nb));
        assertEquals(List.of(), CommittedNotebooks.problems(nb));
        String stripped = Files.readString(nb);
        assertTrue(stripped.contains("\"tags\": []"), stripped);
        assertFalse(CommittedNotebooks.strip(nb), "a second strip changes nothing");
        assertEquals(stripped, Files.readString(nb));
        // every committed notebook is already in Jupyter's layout: stripping a copy changes no byte
        for (Path committed : CommittedNotebooks.find(REPO)) {
            Path copy = dir.resolve("copy.ipynb");
            Files.copy(committed, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertFalse(CommittedNotebooks.strip(copy), committed + " would be rewritten by strip-outputs");
        }
    }

    @Test
    void theCommandChecksAndStrips(@TempDir Path dir) throws IOException {
        Path nb = dir.resolve("y.ipynb");
        Files.writeString(nb, "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {},"
                + " \"source\": \"2\", \"outputs\": []}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 4}");
        var log = new java.io.ByteArrayOutputStream();
        var out = new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, CommittedNotebooks.run(new String[] {"--check", dir.toString()}, out));
        assertTrue(log.toString(java.nio.charset.StandardCharsets.UTF_8).contains("execution count 1"));
        assertEquals(0, CommittedNotebooks.run(new String[] {dir.toString()}, out));
        assertEquals(0, CommittedNotebooks.run(new String[] {"--check", dir.toString()}, out));
    }

    @Test
    void aFileThatIsNotANotebookIsRejected(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.ipynb");
        Files.writeString(bad, "{\"nbformat\": 4, \"cells\": 1}");
        assertTrue(assertThrows(NotebookException.class, () -> CommittedNotebooks.problems(bad))
                .getMessage().contains("\"cells\" must be an array"));
        Files.writeString(bad, "{\"cells\": [}");
        assertTrue(assertThrows(NotebookException.class, () -> CommittedNotebooks.problems(bad))
                .getMessage().contains("malformed JSON"));
    }
}
