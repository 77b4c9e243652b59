package aelab.grade;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./aelab exercises [--solutions DIR] [--out DIR] [--check]}: writes {@code exercises/NAME.ipynb} for each
 * {@code solutions/NAME.ipynb} ({@link Exercises#exerciseOf}). With {@code --check} nothing is written and the exit
 * status is 1 when a committed exercise differs from what would be generated (for CI). Exercise notebooks with no
 * counterpart in solutions/ are reported, not deleted.
 */
public final class ExercisesCommand {
    private ExercisesCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command; returns the exit status (0 ok, 1 differences with --check, 2 usage or input errors). */
    public static int run(String[] args, PrintStream log) {
        Path solutions = Path.of("solutions");
        Path out = Path.of("exercises");
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--solutions":
                case "--out":
                    if (i + 1 >= args.length) {
                        log.println("aelab exercises: " + args[i] + " needs a directory");
                        return 2;
                    }
                    if (args[i].equals("--out")) {
                        out = Path.of(args[++i]);
                    } else {
                        solutions = Path.of(args[++i]);
                    }
                    break;
                case "--check":
                    check = true;
                    break;
                default:
                    log.println("usage: aelab exercises [--solutions DIR] [--out DIR] [--check]");
                    return 2;
            }
        }
        if (!Files.isDirectory(solutions)) {
            log.println("aelab exercises: no such directory: " + solutions);
            return 2;
        }
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(solutions)) {
            s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().forEach(sources::add);
        } catch (IOException e) {
            log.println("aelab exercises: cannot list " + solutions + ": " + e.getMessage());
            return 2;
        }
        int differences = 0;
        for (Path src : sources) {
            String fileName = src.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - ".ipynb".length());
            Path target = out.resolve(fileName);
            try {
                String generated = Exercises.exerciseOf(name, Notebook.read(src)).toJson();
                String existing = Files.exists(target) ? Files.readString(target, StandardCharsets.UTF_8) : null;
                if (generated.equals(existing)) {
                    log.println("aelab exercises: " + target + " is up to date");
                } else if (check) {
                    log.println("aelab exercises: " + target + " differs from what " + src + " generates");
                    differences++;
                } else {
                    Files.createDirectories(out);
                    Files.writeString(target, generated, StandardCharsets.UTF_8);
                    log.println("aelab exercises: wrote " + target);
                }
            } catch (NotebookException | IOException e) {
                log.println("aelab exercises: " + e.getMessage());
                return 2;
            }
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                Path sol = solutions;
                s.filter(p -> p.getFileName().toString().endsWith(".ipynb"))
                        .filter(p -> !Files.exists(sol.resolve(p.getFileName())))
                        .forEach(p -> log.println("aelab exercises: " + p + " has no counterpart in " + sol));
            } catch (IOException e) {
                log.println("aelab exercises: cannot list " + out + ": " + e.getMessage());
            }
        }
        return differences == 0 ? 0 : 1;
    }
}
