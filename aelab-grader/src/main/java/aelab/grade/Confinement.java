package aelab.grade;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a student's JVM is confined, in layers (the best one this machine allows is chosen once per grader process):
 *
 * <ol>
 *   <li>{@link Level#NAMESPACES}: bubblewrap ({@code bwrap}) with new user, PID, mount, IPC, UTS, network and cgroup
 *       namespaces, {@code --die-with-parent}, a new session, an unprivileged uid (a dedicated one per running
 *       sandbox when the grader is root), a read-only view of {@code /usr} (the JDK and system libraries, with
 *       {@code /usr/local} hidden), the JDK's {@code /etc} files and the student classpath, a private size-limited
 *       tmpfs as {@code /tmp} (the working directory). The instructor's notebooks, the project tree, other
 *       submissions, the output directory and every other process are not in that view. When the sandbox's PID 1
 *       dies (killed, or the grader died) the kernel kills every process of the namespace.</li>
 *   <li>{@link Level#UID}: no user namespaces (e.g. Docker's default seccomp profile) but the grader is root: the
 *       child runs as a dedicated unprivileged uid ({@code setpriv}) in a new session with rlimits, in a scratch
 *       directory only that uid can write, and every process of that uid is killed when the run ends. Missing: the
 *       file view (the child sees every world-readable file), the network namespace, the PID namespace, scratch
 *       size. {@link #missing()} says so and the grader prints it.</li>
 *   <li>{@link Level#NONE}: neither: grading is refused unless the caller asked for {@code --no-sandbox} (trusted
 *       submissions only): then the child runs as the grader's user with rlimits only.</li>
 * </ol>
 *
 * <p>On every level the child gets rlimits (processes, file size, core dumps, open files, address space) through
 * {@code prlimit}, and, when this process may create cgroup v1 groups (root on this machine), a memory and a pids
 * cgroup capping the whole process tree. The test switch {@code -Daelab.grade.confinement=uid|none} forces a lower
 * level so each layer can be tested on one machine.
 */
final class Confinement {
    enum Level { NAMESPACES, UID, NONE }

    /** First of the dedicated uids (and gids) used for sandboxes when the grader runs as root. */
    static final int FIRST_UID = 61000;
    static final String BWRAP = "/usr/bin/bwrap";
    private static final String SETPRIV = "/usr/bin/setpriv";
    private static final String PRLIMIT = "/usr/bin/prlimit";
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static volatile Confinement current;
    private static final BitSet UIDS_IN_USE = new BitSet();
    /** How many sandbox uids there are: {@link #FIRST_UID} to {@code FIRST_UID + UID_COUNT - 1}. */
    static final int UID_COUNT = 1000;
    /** Root-only directory of the per-uid lock files that make sandbox uids unique across grader processes. */
    static final Path UID_LOCKS = Path.of("/run/aelab-grade-uids");
    private static final Map<Integer, FileChannel> UID_LOCK_FILES = new HashMap<>();

    final Level level;
    final boolean root;
    final boolean cgroups;
    final boolean trusted;

    private Confinement(Level level, boolean root, boolean cgroups, boolean trusted) {
        this.level = level;
        this.root = root;
        this.cgroups = cgroups;
        this.trusted = trusted;
    }

    /** The confinement this machine allows (detected once). */
    static Confinement current() {
        Confinement c = current;
        if (c == null) {
            synchronized (Confinement.class) {
                if (current == null) {
                    current = detect(false);
                }
                c = current;
            }
        }
        return c;
    }

    /** Tests: detect again as if {@code -Daelab.grade.confinement=forced} were given (null: the machine's best). */
    static synchronized Confinement redetect(String forced) {
        String old = System.getProperty("aelab.grade.confinement");
        if (forced == null) {
            System.clearProperty("aelab.grade.confinement");
        } else {
            System.setProperty("aelab.grade.confinement", forced);
        }
        try {
            current = detect(false);
            return current;
        } finally {
            if (old == null) {
                System.clearProperty("aelab.grade.confinement");
            } else {
                System.setProperty("aelab.grade.confinement", old);
            }
        }
    }

    /** Allows grading without any confinement ({@code --no-sandbox}): for trusted submissions only. */
    static synchronized Confinement allowUnconfined() {
        Confinement c = current();
        if (c.level == Level.NONE && !c.trusted) {
            current = new Confinement(Level.NONE, c.root, c.cgroups, true);
        }
        return current;
    }

    static Confinement detect(boolean trusted) {
        String forced = System.getProperty("aelab.grade.confinement", "").toLowerCase(Locale.ROOT);
        boolean root = isRoot();
        boolean cgroups = root && cgroupsWritable() && !forced.equals("none");
        if (forced.isEmpty() || forced.equals("namespaces")) {
            if (bwrapWorks(root)) {
                return new Confinement(Level.NAMESPACES, root, cgroups, trusted);
            }
        }
        if (root && !forced.equals("none") && Files.isExecutable(Path.of(SETPRIV))) {
            return new Confinement(Level.UID, true, cgroups, trusted);
        }
        return new Confinement(Level.NONE, root && !forced.equals("none"), cgroups, trusted);
    }

    /** Whether student code may be run: confined, or explicitly trusted. */
    boolean allowed() {
        return level != Level.NONE || trusted;
    }

    /** Why grading is refused (for {@link Level#NONE} without {@code --no-sandbox}). */
    String refusal() {
        return "cannot confine student code on this machine: bubblewrap (" + BWRAP + ") cannot create user "
                + "namespaces here and the grader is not root (needed to run the code as a separate uid). Install "
                + "bubblewrap and allow unprivileged user namespaces, or run as root; to grade trusted notebooks "
                + "without any sandbox pass --no-sandbox";
    }

    /** The isolation this level lacks, one line each (empty for full isolation). */
    List<String> missing() {
        List<String> out = new ArrayList<>();
        if (level == Level.UID) {
            out.add("no user/PID/mount/network namespaces (bubblewrap cannot create them here): student code runs as "
                    + "a separate uid and can read world-readable files, use the network and see other processes");
            out.add("scratch space is not size-limited (only the size of each file)");
        } else if (level == Level.NONE) {
            out.add("NO SANDBOX (--no-sandbox): student code runs as the grader's user and can read the key, change "
                    + "files and forge results; only for trusted notebooks");
        }
        if (!cgroups) {
            out.add("no cgroup: memory is capped per process (address space), not for the whole process tree");
        }
        return out;
    }

    /** One line for the grader's log. */
    String describe() {
        switch (level) {
            case NAMESPACES: return "sandbox: bubblewrap namespaces" + (root ? ", uid " + FIRST_UID + "+" : "")
                    + (cgroups ? ", cgroup memory/pids" : ", rlimits");
            case UID: return "sandbox: separate uid only (" + String.join("; ", missing()) + ")";
            default: return trusted ? "sandbox: NONE (--no-sandbox)" : "sandbox: unavailable";
        }
    }

    /**
     * A uid (and gid) of its own for a sandbox while it runs, unique across every grader process on the machine;
     * {@link #releaseUid} gives it back. Each uid is held by an exclusive lock on {@code UID_LOCKS/<uid>.lock} (a
     * root-only directory): a second grader process skips the uids the first one holds (both took 61000 before, so
     * one student's code could signal the other grader's sandbox, and one grader's clean-up killed the other's
     * sandbox). The lock dies with its process, so a killed grader's uid is free again; the processes it left under
     * that uid are killed before the uid is given out.
     *
     * @throws IllegalStateException when all {@value #UID_COUNT} uids are held
     */
    static int acquireUid() {
        synchronized (UIDS_IN_USE) {
            for (int slot = UIDS_IN_USE.nextClearBit(0); slot < UID_COUNT; slot = UIDS_IN_USE.nextClearBit(slot + 1)) {
                FileChannel lock = lockUid(FIRST_UID + slot);
                if (lock != null) {
                    UIDS_IN_USE.set(slot);
                    UID_LOCK_FILES.put(slot, lock);
                    killUid(FIRST_UID + slot); // left by a grader that died holding it
                    return FIRST_UID + slot;
                }
            }
            throw new IllegalStateException("all " + UID_COUNT + " sandbox uids (" + FIRST_UID + "-"
                    + (FIRST_UID + UID_COUNT - 1) + ") are held by running graders");
        }
    }

    /** The uid's lock, or null when another grader process holds it. */
    private static FileChannel lockUid(int uid) {
        try {
            Files.createDirectories(UID_LOCKS);
            Files.setPosixFilePermissions(UID_LOCKS, PosixFilePermissions.fromString("rwx------"));
            FileChannel ch = FileChannel.open(UID_LOCKS.resolve(uid + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                if (ch.tryLock() != null) {
                    return ch;
                }
            } catch (OverlappingFileLockException e) {
                // held by this JVM (not through UIDS_IN_USE: cannot happen, but then it is taken)
            }
            ch.close();
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock sandbox uid " + uid + " in " + UID_LOCKS + ": " + e, e);
        }
    }

    static void releaseUid(int uid) {
        synchronized (UIDS_IN_USE) {
            UIDS_IN_USE.clear(uid - FIRST_UID);
            FileChannel lock = UID_LOCK_FILES.remove(uid - FIRST_UID);
            if (lock != null) {
                try {
                    lock.close(); // releases the lock
                } catch (IOException e) {
                    // released with the process at the latest
                }
            }
        }
    }

    /** What a child needs: limits and the files it may see. */
    record Spec(Limits limits, List<Path> classpath, Path agentDir, Path scratch, int uid, String cgroup) {
    }

    /** Where the child's classpath entry {@code i} appears inside the namespace sandbox. */
    static String insidePath(Path entry, int i) {
        return "/sandbox/cp/" + i + (Files.isDirectory(entry) ? "" : ".jar");
    }

    /**
     * The command that starts {@code java args...} confined. The child's classpath inside the sandbox is
     * {@code /sandbox/agent} plus {@link #insidePath} of each entry (namespaces) or the host paths (other levels).
     */
    List<String> command(Spec s, List<String> jvmOptions, String mainClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        if (s.cgroup() != null) {
            // join the cgroups before anything else starts (root), then drop privileges
            cmd.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$0/memory/$1/cgroup.procs\" && echo $$ > "
                    + "\"$0/pids/$1/cgroup.procs\" && shift && exec \"$@\"", CGROUP_ROOT.toString(), s.cgroup()));
        }
        List<String> cp = new ArrayList<>();
        if (level == Level.NAMESPACES) {
            if (root) {
                cmd.addAll(setpriv(s.uid()));
            }
            cmd.addAll(List.of(BWRAP, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
                    "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8",
                    "--setenv", "MALLOC_ARENA_MAX", "2",
                    "--ro-bind", "/usr", "/usr", "--tmpfs", "/usr/local",
                    "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
                    "--symlink", "usr/sbin", "/sbin"));
            Path home = Path.of(System.getProperty("java.home"));
            if (!home.startsWith("/usr")) {
                cmd.addAll(List.of("--ro-bind", home.toString(), home.toString()));
            }
            String feature = Integer.toString(Runtime.version().feature());
            for (String etc : List.of("/etc/java-" + feature + "-openjdk", "/etc/fonts", "/etc/ssl/certs")) {
                cmd.addAll(List.of("--ro-bind-try", etc, etc));
            }
            cmd.addAll(List.of("--ro-bind", s.agentDir().toString(), "/sandbox/agent"));
            cp.add("/sandbox/agent");
            for (int i = 0; i < s.classpath().size(); i++) {
                String inside = insidePath(s.classpath().get(i), i);
                cmd.addAll(List.of("--ro-bind", s.classpath().get(i).toString(), inside));
                cp.add(inside);
            }
            cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                    "--size", Long.toString(s.limits().scratchBytes()), "--perms", "1777", "--tmpfs", "/tmp",
                    "--chdir", "/tmp", "--"));
        } else {
            cmd.addAll(List.of("/usr/bin/setsid"));
            if (level == Level.UID) {
                cmd.addAll(setpriv(s.uid()));
            }
            cp.add(s.agentDir().toString());
            s.classpath().forEach(p -> cp.add(p.toString()));
        }
        Limits l = s.limits();
        cmd.addAll(List.of(PRLIMIT, "--nproc=" + l.maxProcesses(), "--fsize=" + l.fileBytes(), "--core=0",
                "--nofile=1024", "--as=" + l.addressSpaceBytes(), "--"));
        cmd.add(java);
        cmd.addAll(jvmOptions);
        String tmp = level == Level.NAMESPACES ? "/tmp" : s.scratch().toString();
        cmd.addAll(List.of("-Duser.dir=" + tmp, "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + tmp,
                "-cp", String.join(File.pathSeparator, cp), mainClass));
        return cmd;
    }

    private static List<String> setpriv(int uid) {
        return List.of(SETPRIV, "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--inh-caps=-all",
                "--no-new-privs", "--");
    }

    /** Creates the memory and pids cgroups for one sandbox; null when cgroups are not used. */
    String createCgroup(Limits limits, String name) {
        if (!cgroups) {
            return null;
        }
        try {
            Path mem = CGROUP_ROOT.resolve("memory").resolve(name);
            Path pids = CGROUP_ROOT.resolve("pids").resolve(name);
            Files.createDirectory(mem);
            Files.createDirectory(pids);
            Files.writeString(mem.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
            Path swap = mem.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(swap)) {
                try {
                    Files.writeString(swap, Long.toString(limits.memoryBytes()));
                } catch (IOException e) {
                    // no swap accounting: the memory limit alone
                }
            }
            Files.writeString(pids.resolve("pids.max"), Long.toString(limits.maxProcesses()));
            return name;
        } catch (IOException e) {
            removeCgroup(name);
            throw new IllegalStateException("cannot create the sandbox's cgroup " + name + ": " + e.getMessage(), e);
        }
    }

    /** Kills every process left in the sandbox's cgroups and removes them. */
    static void removeCgroup(String name) {
        if (name == null) {
            return;
        }
        for (String ctl : List.of("pids", "memory")) {
            Path dir = CGROUP_ROOT.resolve(ctl).resolve(name);
            for (int attempt = 0; attempt < 100 && Files.isDirectory(dir); attempt++) {
                killAll(dir.resolve("cgroup.procs"));
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    sleep(20);
                }
            }
        }
    }

    private static void killAll(Path procs) {
        try {
            for (String line : Files.readAllLines(procs, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // already gone
        }
    }

    /** Kills every process of {@code uid} (uid level: a process that left the session is still of that uid). */
    static void killUid(int uid) {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> uidOf(p.pid()) == uid).toList();
            if (left.isEmpty()) {
                return;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            sleep(20);
        }
    }

    static int uidOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** A scratch directory for one child (uid level: owned by the child's uid, mode 700). */
    Path createScratch(int uid) throws IOException {
        Path dir = Files.createTempDirectory("aelab-grade-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        if (level == Level.UID) {
            Files.setAttribute(dir, "unix:uid", uid);
            Files.setAttribute(dir, "unix:gid", uid);
        }
        return dir;
    }

    private static boolean isRoot() {
        try {
            return "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean cgroupsWritable() {
        return Files.isWritable(CGROUP_ROOT.resolve("memory")) && Files.isWritable(CGROUP_ROOT.resolve("pids"))
                && Files.exists(CGROUP_ROOT.resolve("memory").resolve("memory.limit_in_bytes"));
    }

    private static boolean bwrapWorks(boolean root) {
        if (!Files.isExecutable(Path.of(BWRAP))) {
            return false;
        }
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(setpriv(FIRST_UID));
        }
        cmd.addAll(List.of(BWRAP, "--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr",
                "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--", "/bin/true"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
