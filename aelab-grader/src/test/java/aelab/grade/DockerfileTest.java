package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs in CI, so the Binder Dockerfile is checked by reading it: it must follow repo2docker's
 * conventions (user jovyan, uid 1000, HOME=/home/jovyan, EXPOSE 8888, a CMD serving 0.0.0.0:8888) and build with the
 * same scripts CI runs (scripts/install-system-deps.sh, ./aelab build, ./aelab kernel).
 */
class DockerfileTest {
    private static final Path REPO = Path.of("").toAbsolutePath();

    /** Instructions with line continuations joined and comments dropped, e.g. "RUN ./aelab build". */
    static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            out.add(current.toString().strip().replaceAll("\\s+", " "));
            current.setLength(0);
        }
        return out;
    }

    private static List<String> dockerfile() throws IOException {
        return instructions(Files.readString(REPO.resolve("Dockerfile")));
    }

    private static List<String> starting(List<String> all, String keyword) {
        return all.stream().filter(i -> i.toUpperCase().startsWith(keyword + " ")).toList();
    }

    @Test
    void buildsWithTheScriptsCiRuns() throws IOException {
        List<String> all = dockerfile();
        String runs = String.join("\n", starting(all, "RUN"));
        assertTrue(runs.contains("install-system-deps.sh"), "a RUN step must call scripts/install-system-deps.sh:\n" + runs);
        assertTrue(runs.contains("./aelab build"), "a RUN step must call ./aelab build:\n" + runs);
        assertTrue(runs.matches("(?s).*\\./aelab kernel --ijava \\S*ijava-1\\.3\\.0\\.zip.*"),
                "a RUN step must install IJava 1.3.0 with ./aelab kernel --ijava:\n" + runs);
        assertTrue(starting(all, "COPY").stream().anyMatch(c -> c.contains("scripts/install-system-deps.sh")),
                "the system-deps script must be copied into the image");
        String ci = Files.readString(REPO.resolve(".ci/run"));
        assertTrue(ci.contains("scripts/install-system-deps.sh") && ci.contains("./aelab test"),
                "CI must run the same system-deps script and the launcher");
    }

    @Test
    void followsRepo2dockerConventions() throws IOException {
        List<String> all = dockerfile();
        assertTrue(starting(all, "FROM").get(0).matches("FROM debian:bookworm(\\S*)?( AS \\S+)?"),
                "base image must be Debian bookworm: " + starting(all, "FROM"));
        String text = String.join("\n", all);
        assertTrue(text.contains("NB_USER=jovyan"), "user must be jovyan");
        assertTrue(text.contains("NB_UID=1000"), "uid must be 1000");
        assertTrue(text.contains("--uid ${NB_UID} ${NB_USER}"), "the user must be created with that uid");
        assertTrue(text.contains("HOME=/home/${NB_USER}"), "HOME must be /home/jovyan");
        List<String> users = starting(all, "USER");
        assertEquals("USER ${NB_USER}", users.get(users.size() - 1), "the image must run as jovyan");
        assertEquals(List.of("EXPOSE 8888"), starting(all, "EXPOSE"));
        List<String> cmd = starting(all, "CMD");
        assertEquals(1, cmd.size());
        assertTrue(cmd.get(0).contains("\"0.0.0.0\"") && cmd.get(0).contains("\"8888\"")
                && cmd.get(0).contains("\"./aelab\", \"lab\""), "CMD must serve the notebook on 0.0.0.0:8888: " + cmd);
        assertTrue(text.contains("https://github.com/SpencerPark/IJava/releases/download/v1.3.0/ijava-1.3.0.zip"),
                "IJava must come from its GitHub release");
    }

    @Test
    void instructionsJoinContinuationsAndSkipComments() {
        assertEquals(List.of("RUN a && b", "EXPOSE 8888"),
                instructions("# comment\nRUN a \\\n    && b\n\nEXPOSE   8888\n"));
    }
}
