package aelab.grade;

import java.io.IOException;

/**
 * A second grader process for {@link SandboxUidTest}: takes a sandbox uid as the grader does, prints it, and holds
 * it until its standard input closes.
 */
public final class UidHolder {
    private UidHolder() {
    }

    public static void main(String[] args) throws IOException {
        int uid = Confinement.acquireUid();
        System.out.println(uid);
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold
        }
        Confinement.releaseUid(uid);
    }
}
