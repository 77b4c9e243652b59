package aelab.grade;

/**
 * Resource limits for running one submission: the child JVM's heap, time per cell (and per probe), total time per
 * submission, how much output is kept, and how often a JVM that died (System.exit, halt, a loop that ignores
 * stop()) is restarted before the remaining checks are given up. The OS limits of the sandbox (memory of the process
 * tree, processes, file and scratch size, source size) are fixed methods: the same for every run.
 *
 * @param heap             the child's {@code -Xmx} value, e.g. "256m"
 * @param cellMillis       wall-clock limit for one cell or one probe
 * @param totalMillis      wall-clock limit for a whole submission
 * @param outputCapBytes   output (stdout + stderr) kept per submission; the rest is counted and discarded
 * @param maxRestarts      how many times a dead JVM is replaced (replaying the cells that ran before)
 */
public record Limits(String heap, long cellMillis, long totalMillis, long outputCapBytes, int maxRestarts) {
    /** Defaults for real grading: 256 MB heap, 10 s per cell, 3 min per submission, 64 KB output, 3 restarts. */
    public static Limits defaults() {
        return new Limits("256m", 10_000, 180_000, 64 * 1024, 3);
    }

    public Limits {
        if (heap == null || !heap.matches("[0-9]+[kmgKMG]?")) {
            throw new IllegalArgumentException("heap must look like 256m, got " + heap);
        }
        if (cellMillis <= 0 || totalMillis <= 0 || outputCapBytes < 0 || maxRestarts < 0) {
            throw new IllegalArgumentException("limits must be positive, got cell " + cellMillis + " ms, total "
                    + totalMillis + " ms, output " + outputCapBytes + " bytes, restarts " + maxRestarts);
        }
    }

    /** Memory of the child's whole process tree (cgroup; JVM heap, native memory and every process it starts). */
    public long memoryBytes() {
        return 1L << 30;
    }

    /** Address space of each process of the child (rlimit; the per-process cap when cgroups are not available). */
    public long addressSpaceBytes() {
        return 3L << 29;
    }

    /** Processes and threads of the child (pids cgroup and RLIMIT_NPROC; a JVM uses ~20 threads). */
    public int maxProcesses() {
        return 256;
    }

    /** Size of any one file the child writes (RLIMIT_FSIZE). */
    public long fileBytes() {
        return 64L << 20;
    }

    /** Size of the child's private scratch tmpfs ({@code /tmp}, its working directory). */
    public long scratchBytes() {
        return 64L << 20;
    }

    /** Characters of source in one cell; a longer cell is not run (splitting it alone could take minutes). */
    public int maxCellChars() {
        return 20_000;
    }

    /** Characters of source in all code cells of a submission; beyond it, the remaining cells are not run. */
    public int maxNotebookChars() {
        return 200_000;
    }

    /** The same limits with another per-cell and total time. */
    public Limits withTimes(long cell, long total) {
        return new Limits(heap, cell, total, outputCapBytes, maxRestarts);
    }
}
