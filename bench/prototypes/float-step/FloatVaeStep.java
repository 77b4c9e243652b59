package aelab.linalg;

import aelab.core.Rng;
import aelab.data.ByteImages;
import aelab.data.Mnist;
import aelab.model.Vae;
import aelab.optim.Gradients;
import aelab.optim.Parameters;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Prototype (not part of the build): the bench's mnist training (784-400-20 VAE, Bernoulli decoder, batch 128, Adam
 * 1e-3, the first 8000 MNIST training digits) with everything a step touches stored in float, as PyTorch's float32
 * storage has it: the data, weights, biases, activations, gradients and Adam's moments. The products run on the
 * library's float kernel with float operands and a float C ({@code GemmAllFloat}, written by variants.py from
 * {@code VectorGemmFloat}), cut across threads as {@code Gemm} cuts them; the element-wise passes are the library's
 * (same order of work, same thread split); the Bernoulli terms and the loss sums are computed in double from the float
 * logits, as the library does ({@code -Dproto.vectorLoss=false}), or in float on 16-lane vectors with the Vector
 * API's EXP and LOG1P (the default; not reproducible as it is: C2's SVML and the interpreter's fallback differ). The
 * step does all the work of the library's step: the batch's range check, the gradient check, the copy of the
 * parameters for the rollback and the check of the updated values (an OR of exponent bits; the scalar loop of the
 * library with {@code -Dproto.bitsCheck=false}).
 *
 * <p>Checked first: one step from the library's initial parameters, on the same batch and ε, against the library's
 * FLOAT32 {@code lossAndGradients} (relative differences of the loss and of every gradient block, which should be at
 * float rounding level). Then trains {@code epochs} epochs and prints one line per epoch (wall ms) and the median.
 *
 * <p>Usage: {@code FloatVaeStep [epochs] [seed]}.
 */
public final class FloatVaeStep {
    static final int D = 784;
    static final int H = 400;
    static final int K = 20;
    static final int B = 128;
    static final double LR = 1e-3;
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    // parameters, in the library's block order: encoder.0 (W, b), mu (W, b), logvar (W, b), decoder.0, decoder.1
    final float[][] theta = new float[10][];
    final float[][] grad = new float[10][];
    final float[][] m1 = new float[10][];
    final float[][] m2 = new float[10][];
    final float[][] previous = new float[10][];
    final int[] rows = new int[10];
    final int[] cols = new int[10];

    // activations and their gradients (batch rows)
    final float[] x = new float[B * D];
    final float[] h1 = new float[B * H];
    final float[] mu = new float[B * K];
    final float[] lv = new float[B * K];
    final float[] eps = new float[B * K];
    final float[] std = new float[B * K];
    final float[] z = new float[B * K];
    final float[] h2 = new float[B * H];
    final float[] logits = new float[B * D];
    final float[] gLogits = new float[B * D];
    final float[] gH2 = new float[B * H];
    final float[] gZ = new float[B * K];
    final float[] gMu = new float[B * K];
    final float[] gLv = new float[B * K];
    final float[] gH1 = new float[B * H];
    final double[] terms = new double[B * D];
    final double[] epsDraw = new double[B * K];
    long steps;

    FloatVaeStep(Parameters p) {
        for (int b = 0; b < 10; b++) {
            DMatrixRMaj v = p.get(b).value();
            rows[b] = v.numRows;
            cols[b] = v.numCols;
            int n = v.getNumElements();
            theta[b] = new float[n];
            for (int i = 0; i < n; i++) {
                theta[b][i] = (float) v.data[i];
            }
            grad[b] = new float[n];
            m1[b] = new float[n];
            m2[b] = new float[n];
            previous[b] = new float[n];
        }
    }

    /** c (m×n) = op(a)·op(b), float storage, two threads cut as Gemm cuts them; accumulate: c += instead. */
    static void product(boolean ta, boolean tb, float[] a, int lda, float[] b, int ldb, float[] c, int m, int n, int k,
            boolean accumulate) {
        final boolean columns = n > m;
        final int parts = Threads.partsFor(2.0 * m * n * k, columns ? n : m);
        if (parts <= 1) {
            GemmAllFloat.blocked(ta, tb, a, lda, b, ldb, c, null, 0, n, k, 0, m, 0, n, !accumulate);
            return;
        }
        final int unit = columns ? GemmAllFloat.nr() : GemmAllFloat.MR;
        Threads.run(parts, part -> {
            int extent = columns ? n : m;
            int from = start(part, parts, extent, unit);
            int to = start(part + 1, parts, extent, unit);
            if (columns) {
                GemmAllFloat.blocked(ta, tb, a, lda, b, ldb, c, null, from, n, k, 0, m, from, to, !accumulate);
            } else {
                GemmAllFloat.blocked(ta, tb, a, lda, b, ldb, c, null, from * n, n, k, from, to, 0, n, !accumulate);
            }
        });
    }

    static int start(int part, int parts, int extent, int unit) {
        return part == 0 ? 0 : part == parts ? extent : (int) ((long) extent * part / parts) / unit * unit;
    }

    /** Every row of y (rows of width n) = bias: the product is then accumulated onto it, as DenseLayer does. */
    static void fillRows(float[] y, float[] bias, int rowsCount, int n) {
        for (int r = 0; r < rowsCount; r++) {
            System.arraycopy(bias, 0, y, r * n, n);
        }
    }

    /** y = max(y, 0) without a branch, as Activation.RELU: the mask keeps y when y &gt; 0. */
    static void relu(float[] y, int size) {
        for (int i = 0; i < size; i++) {
            int bits = Float.floatToRawIntBits(y[i]);
            y[i] = Float.intBitsToFloat(bits & ((-bits & ~bits) >> 31));
        }
    }

    /** g = g ⊙ [y &gt; 0] without a branch, as Activation.RELU's backward. */
    static void reluBackward(float[] g, float[] y, int size) {
        for (int i = 0; i < size; i++) {
            int bits = Float.floatToRawIntBits(y[i]);
            int mask = (-bits & ~bits) >> 31;
            g[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & mask);
        }
    }

    /** out[j] = Σ_r g[r][j], in row order. */
    static void columnSums(float[] g, int rowsCount, int n, float[] out) {
        java.util.Arrays.fill(out, 0, n, 0f);
        for (int r = 0; r < rowsCount; r++) {
            int off = r * n;
            for (int j = 0; j < n; j++) {
                out[j] += g[off + j];
            }
        }
    }

    /** The loss (mean over the batch of −log p(x|z) + KL) and every gradient, for the n rows in x and ε in eps. */
    double lossAndGradients(int n) {
        // forward
        fillRows(h1, theta[1], n, H);
        product(false, false, x, D, theta[0], H, h1, n, H, D, true);
        relu(h1, n * H);
        fillRows(mu, theta[3], n, K);
        product(false, false, h1, H, theta[2], K, mu, n, K, H, true);
        fillRows(lv, theta[5], n, K);
        product(false, false, h1, H, theta[4], K, lv, n, K, H, true);
        double kl = 0;
        for (int i = 0; i < n * K; i++) {
            double s = Math.exp(0.5 * lv[i]);
            std[i] = (float) s;
            z[i] = mu[i] + (float) s * eps[i];
            kl += (double) mu[i] * mu[i] + aelab.gaussian.GaussianKl.expMinusOneMinusX(lv[i]);
        }
        kl *= 0.5;
        fillRows(h2, theta[7], n, H);
        product(false, false, z, K, theta[6], H, h2, n, H, K, true);
        relu(h2, n * H);
        fillRows(logits, theta[9], n, D);
        product(false, false, h2, H, theta[8], D, logits, n, D, H, true);
        // Bernoulli terms, on both threads, summed in entry order
        final int size = n * D;
        final double scale = 1.0 / n;
        double nll = 0;
        if (VECTOR_LOSS) {
            Threads.forEachRange(size / FS.length(), 1024, (from, to) -> bernoulliVector(from * FS.length(),
                    to * FS.length() == size / FS.length() * FS.length() ? size : to * FS.length(), scale));
            for (int i = 0; i < size; i++) {
                nll += termsF[i];
            }
        } else {
            Threads.forEachRange(size, 16_384, (from, to) -> bernoulli(from, to, scale));
            for (int i = 0; i < size; i++) {
                nll += terms[i];
            }
        }
        // backward
        product(true, false, h2, H, gLogits, D, grad[8], H, D, n, false);
        columnSums(gLogits, n, D, grad[9]);
        product(false, true, gLogits, D, theta[8], D, gH2, n, H, D, false);
        reluBackward(gH2, h2, n * H);
        product(true, false, z, K, gH2, H, grad[6], K, H, n, false);
        columnSums(gH2, n, H, grad[7]);
        product(false, true, gH2, H, theta[6], H, gZ, n, K, H, false);
        double klScale = 1.0 / n;
        for (int i = 0; i < n * K; i++) {
            gMu[i] = (float) (gZ[i] + klScale * mu[i]);
            gLv[i] = (float) (0.5 * gZ[i] * eps[i] * std[i] + 0.5 * klScale * Math.expm1(lv[i]));
        }
        product(true, false, h1, H, gMu, K, grad[2], H, K, n, false);
        columnSums(gMu, n, K, grad[3]);
        product(true, false, h1, H, gLv, K, grad[4], H, K, n, false);
        columnSums(gLv, n, K, grad[5]);
        product(false, true, gMu, K, theta[2], K, gH1, n, H, K, false);
        product(false, true, gLv, K, theta[4], K, gH1, n, H, K, true);
        reluBackward(gH1, h1, n * H);
        product(true, false, x, D, gH1, H, grad[0], D, H, n, false);
        columnSums(gH1, n, H, grad[1]);
        return (nll + kl) / n;
    }

    static final boolean VECTOR_LOSS = !"false".equals(System.getProperty("proto.vectorLoss"));
    static final jdk.incubator.vector.VectorSpecies<Float> FS = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
    final float[] termsF = new float[B * D];

    /** The Bernoulli terms in float, whole vectors (a masked last one): e^{-|a|} and log1p by the Vector API. */
    private void bernoulliVector(int from, int to, double scale) {
        final float sc = (float) scale;
        for (int i = from; i < to; i += FS.length()) {
            var mask = FS.indexInRange(i, to);
            var a = jdk.incubator.vector.FloatVector.fromArray(FS, logits, i, mask);
            var t = jdk.incubator.vector.FloatVector.fromArray(FS, x, i, mask);
            var e = a.abs().neg().lanewise(jdk.incubator.vector.VectorOperators.EXP);
            var onePlus = e.add(1f);
            var num = e.blend(1f, a.compare(jdk.incubator.vector.VectorOperators.GE, 0f));
            var p = num.div(onePlus);
            p.sub(t).mul(sc).intoArray(gLogits, i, mask);
            var term = a.max(0f).add(e.lanewise(jdk.incubator.vector.VectorOperators.LOG1P)).sub(t.mul(a));
            term.intoArray(termsF, i, mask);
        }
    }

    private void bernoulli(int from, int to, double scale) {
        for (int c = from; c < to; c += 512) {
            int end = Math.min(to, c + 512);
            for (int i = c; i < end; i++) {
                double ai = logits[i];
                double e = Math.exp(-Math.abs(ai));
                terms[i] = e;
                double p = ai >= 0 ? 1 / (1 + e) : e / (1 + e);
                gLogits[i] = (float) (scale * (p - x[i]));
            }
            ArrayMath.log1p(terms, c, end, terms);
            for (int i = c; i < end; i++) {
                double ai = logits[i];
                terms[i] = (ai > 0 ? ai : 0.0) + terms[i] - x[i] * ai;
            }
        }
    }

    static final boolean BITS_CHECK = !"false".equals(System.getProperty("proto.bitsCheck"));

    /** No NaN or ∞ in [from, to): an all-ones exponent carries into the sign bit of (bits &amp; exp) + 2²³. */
    static boolean inUnitInterval(float[] v, int size) {
        for (int i = 0; i < size; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                return false;
            }
        }
        return true;
    }

    static boolean allFinite(float[] a, int from, int to) {
        if (BITS_CHECK) {
            int acc = 0;
            for (int i = from; i < to; i++) {
                acc |= (Float.floatToRawIntBits(a[i]) & 0x7f800000) + 0x00800000;
            }
            return acc >= 0;
        }
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    /** Adam in float, chunk by chunk as the library's stepKeepingPrevious: copy, update, check. */
    boolean adamStep() {
        steps++;
        final float stepSize = (float) (LR / (1 - Math.pow(BETA1, steps)));
        final float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(BETA2, steps));
        boolean finite = true;
        for (int b = 0; b < 10; b++) {
            final int blk = b;
            final int n = theta[b].length;
            if (n < 2 * 65_536) {
                finite &= chunks(blk, 0, n, stepSize, sqrtBc2);
                continue;
            }
            final boolean[] ok = {true, true};
            Threads.forEachRange(n, 65_536, (from, to) -> {
                if (!chunks(blk, from, to, stepSize, sqrtBc2)) {
                    ok[from == 0 ? 0 : 1] = false;
                }
            });
            finite &= ok[0] && ok[1];
        }
        return finite;
    }

    private boolean chunks(int b, int from, int to, float stepSize, float sqrtBc2) {
        final float[] t = theta[b];
        final float[] g = grad[b];
        final float[] m = m1[b];
        final float[] v = m2[b];
        boolean finite = true;
        for (int c = from; c < to; c += 512) {
            int end = Math.min(to, c + 512);
            System.arraycopy(t, c, previous[b], c, end - c);
            for (int i = c; i < end; i++) {
                float gi = g[i];
                float mi = (float) BETA1 * m[i] + (float) (1 - BETA1) * gi;
                float vi = (float) BETA2 * v[i] + (float) (1 - BETA2) * gi * gi;
                m[i] = mi;
                v[i] = vi;
                t[i] -= stepSize * (mi / ((float) Math.sqrt(vi) / sqrtBc2 + (float) EPS));
            }
            finite &= allFinite(t, c, end);
        }
        return finite;
    }

    static double relativeDifference(float[] ours, DMatrixRMaj theirs) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < ours.length; i++) {
            double d = ours[i] - theirs.data[i];
            num += d * d;
            den += theirs.data[i] * theirs.data[i];
        }
        return Math.sqrt(num / Math.max(den, 1e-300));
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        ByteImages all = Mnist.loadBytes();
        int n = Mnist.TRAIN_SIZE;
        float[] data = new float[n * D];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                data[i * D + j] = (float) (all.pixel(i, j) / 255.0);
            }
        }
        Vae vae = Vae.builder(D, K).hiddenSizes(H).bernoulliDecoder()
                .productPrecision(ProductPrecision.FLOAT32).build(Rng.seeded(seed));
        FloatVaeStep s = new FloatVaeStep(vae.parameters());

        // check: one step on the first 128 rows, same ε, against the library's FLOAT32 lossAndGradients
        DMatrixRMaj batch = new DMatrixRMaj(B, D);
        for (int i = 0; i < B * D; i++) {
            batch.data[i] = data[i];
            s.x[i] = data[i];
        }
        DMatrixRMaj epsilon = Rng.standardNormal(new DMatrixRMaj(B, K), Rng.seeded(seed + 7));
        for (int i = 0; i < B * K; i++) {
            s.eps[i] = (float) epsilon.data[i];
        }
        Gradients g = Gradients.zerosLike(vae.parameters());
        double libLoss = vae.lossAndGradients(batch, epsilon, g);
        double ourLoss = s.lossAndGradients(B);
        System.out.printf(Locale.ROOT, "check: loss %.9f (library float32 products %.9f), relative %.2e%n", ourLoss,
                libLoss, Math.abs(ourLoss - libLoss) / Math.abs(libLoss));
        for (int b = 0; b < 10; b++) {
            System.out.printf(Locale.ROOT, "check: %-20s gradient relative difference %.2e%n",
                    vae.parameters().get(b).name(), relativeDifference(s.grad[b], g.get(b)));
        }

        RandomGenerator shuffle = Rng.seeded(seed + 1);
        RandomGenerator model = Rng.seeded(seed + 2);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int batches = (n + B - 1) / B;
        double[] wall = new double[epochs];
        double loss = Double.NaN;
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double sum = 0;
            for (int b = 0; b < batches; b++) {
                int start = b * B;
                int rowsCount = Math.min(B, n - start);
                for (int r = 0; r < rowsCount; r++) {
                    System.arraycopy(data, order[start + r] * D, s.x, r * D, D);
                }
                Rng.standardNormal(s.epsDraw, model);
                for (int i = 0; i < rowsCount * K; i++) {
                    s.eps[i] = (float) s.epsDraw[i];
                }
                if (!inUnitInterval(s.x, rowsCount * D)) { // the library's check of a Bernoulli batch
                    throw new IllegalStateException("batch outside [0, 1]");
                }
                double l = s.lossAndGradients(rowsCount);
                boolean gradientsFinite = true;
                for (int k = 0; k < 10; k++) {
                    gradientsFinite &= allFinite(s.grad[k], 0, s.grad[k].length);
                }
                if (!Double.isFinite(l) || !gradientsFinite || !s.adamStep()) {
                    throw new IllegalStateException("diverged at epoch " + (e + 1) + ", batch " + b);
                }
                sum += l * rowsCount;
            }
            loss = sum / n;
            wall[e] = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(Locale.ROOT, "float-step epoch %d/%d: loss %.4f, %.1f ms%n", e + 1, epochs, loss,
                    wall[e] * 1e3);
        }
        double[] later = java.util.Arrays.copyOfRange(wall, 1, epochs);
        java.util.Arrays.sort(later);
        double median = later.length % 2 == 1 ? later[later.length / 2]
                : 0.5 * (later[later.length / 2 - 1] + later[later.length / 2]);
        System.out.printf(Locale.ROOT, "float-step: %d samples/s (median epoch after the first, %.1f ms), final loss "
                + "%.3f%n", Math.round(n / median), median * 1e3, loss);
    }
}
