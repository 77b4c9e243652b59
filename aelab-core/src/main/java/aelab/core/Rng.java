package aelab.core;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.ejml.data.DMatrixRMaj;

/**
 * Seeded random generators. The library never uses a hidden static generator: every random operation takes a
 * {@link RandomGenerator} (or an explicit ε). {@link #seeded(long)} is the one place that chooses the algorithm,
 * so the same seed gives the same bits on every JDK 17+. The algorithm is an LXM generator (a 64-bit LCG
 * \(s \leftarrow a s + c \bmod 2^{64}\) combined with a 128-bit xoroshiro generator through a mixing function):
 * Steele, Lea &amp; Flood (2021), "LXM: Better Splittable Pseudorandom Number Generators (and Almost as Fast)",
 * OOPSLA 2021; JEP 356.
 */
public final class Rng {
    /** The algorithm behind {@link #seeded(long)}: L64X128MixRandom, splittable-quality and fast. */
    public static final String ALGORITHM = "L64X128MixRandom";

    private Rng() {
    }

    /** A new generator with the given seed. Same seed, same sequence, bit for bit. */
    public static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of(ALGORITHM).create(seed);
    }

    /**
     * Fills {@code out} with standard normal draws, one {@code nextGaussian()} per entry in index order: the library's
     * one N(0, 1) sampler. out: Modified. rng: Modified (out.length draws).
     *
     * @return out
     */
    public static double[] standardNormal(double[] out, RandomGenerator rng) {
        Require.notNull("out", out);
        return fill(out, out.length, rng);
    }

    /**
     * Fills the n×c entries of {@code out} (its current shape, row-major) with standard normal draws, as
     * {@link #standardNormal(double[], RandomGenerator)}; entries of the data array beyond n·c are untouched.
     * out: Modified. rng: Modified (n·c draws).
     *
     * @return out
     */
    public static DMatrixRMaj standardNormal(DMatrixRMaj out, RandomGenerator rng) {
        Require.notNull("out", out);
        fill(out.data, out.getNumElements(), rng);
        return out;
    }

    private static double[] fill(double[] out, int length, RandomGenerator rng) {
        Require.notNull("rng", rng);
        for (int i = 0; i < length; i++) {
            out[i] = rng.nextGaussian();
        }
        return out;
    }
}
