package aelab.linalg;

/**
 * Compiles the Vector API kernels before {@link Gemm} uses them. Until HotSpot's C2 has compiled
 * {@link VectorGemm}'s micro-kernel, every vector operation in it is an allocated object (the Vector API is only
 * intrinsified by C2): measured on the digits VAE, the first 10-20 epochs ran at about half the speed of the
 * auto-vectorised kernel, whose interpreted and C1 code is merely slower, not boxed. So on the first large
 * product ({@link Gemm#WARM_UP_FLOPS}) a daemon thread (lowest priority) runs the vector kernels — every transpose,
 * partial tiles, two k blocks, overwriting and accumulating — on small constant matrices until the time per round
 * stops improving (at least {@value #MIN_ROUNDS} rounds, at most {@value #MAX_ROUNDS} or {@value #MAX_MILLIS} ms),
 * while {@link Gemm} keeps using the auto-vectorised kernel, then the element-wise functions. It comes in two halves,
 * each started by the first large product that needs it, each switching its users over as it ends: the kernels on
 * double operands ({@link #ready()}) then {@link VectorLog1p} ({@link #log1pReady()}, {@link ArrayMath}'s scalar code
 * until then); and the float-storage kernel ({@link #floatStorageReady()}) then {@link VectorFloatMath}
 * ({@link #floatMathReady()}, {@link FloatMath}'s scalar code until then). So a float32-storage training run does not
 * share its two cores with the warm-up of kernels it does not use (measured: that other half ran 1.9 s into the
 * run's third and fourth epochs of mnist). Both sides of each switch give the same bits, so the switch changes no
 * result, only the speed.
 */
final class VectorWarmUp {
    static final int MIN_ROUNDS = 30;
    static final int MAX_ROUNDS = 400;
    static final long MAX_MILLIS = 5000;

    private static volatile boolean ready;
    private static volatile boolean log1pReady;
    private static volatile boolean floatMathReady;
    private static volatile boolean floatStorageReady;
    private static boolean doubleOperandsStarted;
    private static boolean floatStorageStarted;

    private VectorWarmUp() {
    }

    /** True once the vector kernels on double operands are compiled (or the warm-up gave up waiting). */
    static boolean ready() {
        return ready;
    }

    /** True once the float-storage products ({@link Gemm}'s {@code FMatrixRMaj} forms) are compiled. */
    static boolean floatStorageReady() {
        return floatStorageReady;
    }

    /** True once {@link VectorLog1p} is compiled. */
    static boolean log1pReady() {
        return log1pReady;
    }

    /** True once {@link VectorFloatMath} is compiled. */
    static boolean floatMathReady() {
        return floatMathReady;
    }

    /** Test hook: treat the kernels as compiled from now on. */
    static void skip() {
        ready = true;
        floatStorageReady = true;
        log1pReady = true;
        floatMathReady = true;
    }

    /**
     * Starts the half of the warm-up that a product needs (each half once per JVM): the float-storage kernel and
     * {@link VectorFloatMath} for a float-storage product (floatStorage), the double-operand kernels and
     * {@link VectorLog1p} for any other.
     */
    static synchronized void start(boolean floatStorage) {
        if (floatStorage ? floatStorageStarted : doubleOperandsStarted) {
            return;
        }
        if (floatStorage) {
            floatStorageStarted = true;
        } else {
            doubleOperandsStarted = true;
        }
        Thread t = new Thread(() -> run(floatStorage), "aelab-gemm-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run(boolean floatStorageHalf) {
        try {
            final int m = 2 * VectorGemm.MR + 1;
            final int k = VectorGemm.KC + 3;
            final int n = VectorGemmFloat.nr() + 5;
            double[] a = new double[m * k];
            double[] b = new double[k * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (i % 7) * 0.125;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (i % 5) * 0.25;
            }
            double[] c = new double[m * n];
            float[] cf = new float[m * n];
            float[] af = new float[a.length];
            float[] bf = new float[b.length];
            Gemm.gather(a, 0, 1, af, 0, 1, a.length);
            Gemm.gather(b, 0, 1, bf, 0, 1, b.length);
            // a as m×k (or k×m when transposed), b as k×n (or n×k): all four packings of both kernels; k is two
            // blocks of VectorGemm and one of VectorGemmFloat (written to double C) or its float scratch
            Runnable doubleOperands = () -> {
                untilStable(() -> {
                    VectorGemm.blocked(false, false, a, k, b, n, c, 0, n, k, 0, m, 0, n, false);
                    VectorGemm.blocked(true, true, a, m, b, k, c, 0, n, k, 0, m, 0, n, true);
                    VectorGemmFloat.blocked(false, false, a, k, b, n, null, c, 0, n, k, 0, m, 0, n, true);
                    VectorGemmFloat.blocked(true, true, a, m, b, k, cf, null, 0, n, k, 0, m, 0, n, false);
                });
                ready = true;
                double[] logArgs = new double[8 * 16];
                for (int i = 0; i < logArgs.length; i++) { // every branch of VectorLog1p in every vector
                    logArgs[i] = i % 8 == 0 ? 0x1p-60 : i % 8 == 1 ? 0x1p-40 : (i % 8) / 8.0;
                }
                double[] logs = new double[logArgs.length];
                untilStable(() -> VectorLog1p.log1p(logArgs, 0, logArgs.length, logs));
                log1pReady = true;
            };
            Runnable floatStorage = () -> {
                // float storage (Gemm's FMatrixRMaj products): its four packings, overwriting and accumulating
                untilStable(() -> {
                    VectorGemmFloat.blocked(false, true, af, k, bf, k, cf, 0, n, k, 0, m, 0, n, true);
                    VectorGemmFloat.blocked(true, false, af, m, bf, n, cf, 0, n, k, 0, m, 0, n, false);
                });
                floatStorageReady = true;
                float[] expArgs = new float[64 * 16];
                float[] log1pArgs = new float[expArgs.length];
                for (int i = 0; i < expArgs.length; i++) { // fast domains only; log1p: k = 0 and k != 0 in every vector
                    expArgs[i] = (i % 64) / 16f - 2f;
                    log1pArgs[i] = (i % 64) / 32f - 0.5f;
                }
                float[] floats = new float[expArgs.length];
                untilStable(() -> {
                    VectorFloatMath.exp(expArgs, 0, expArgs.length, floats);
                    VectorFloatMath.log1p(log1pArgs, 0, log1pArgs.length, floats);
                    VectorFloatMath.allFinite(floats, 0, floats.length);
                });
                floatMathReady = true;
            };
            (floatStorageHalf ? floatStorage : doubleOperands).run();
        } finally {
            if (floatStorageHalf) {
                floatStorageReady = true;
                floatMathReady = true;
            } else {
                ready = true;
                log1pReady = true;
            }
        }
    }

    /**
     * Runs {@code work} eight times per round until the time per round stops improving (no 10 % gain in
     * {@value #MIN_ROUNDS} rounds), at most {@value #MAX_ROUNDS} rounds or {@value #MAX_MILLIS} ms.
     */
    private static void untilStable(Runnable work) {
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        int sinceBest = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < 8; r++) {
                work.run();
            }
            long dt = System.nanoTime() - t0;
            if (dt < best - best / 10) {
                best = dt;
                sinceBest = 0;
            } else if (++sinceBest >= MIN_ROUNDS && round >= MIN_ROUNDS) {
                break;
            }
            if ((System.nanoTime() - start) / 1_000_000 > MAX_MILLIS) {
                break;
            }
        }
    }
}
