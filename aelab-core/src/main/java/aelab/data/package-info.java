/**
 * Data sets for the course: the immutable {@link aelab.data.Dataset} (features, optional labels, optional image
 * geometry, conversion to a Tablesaw table, seeded {@code shuffled(rng)} and train/test
 * {@code split(fraction, rng)}), the bundled UCI hand-written {@link aelab.data.Digits} (1797 images of 8x8, pixels
 * scaled to [0, 1]; attribution in {@code aelab/data/DIGITS-NOTICE.txt}, CC BY 4.0), 10,000 bundled real MNIST
 * digits of 28x28 ({@link aelab.data.Mnist}: fixed stratified train/test split, static binarization; provenance and
 * licences in {@code aelab/data/MNIST-NOTICE.txt}), the full MNIST or Fashion-MNIST from IDX files the user already
 * has ({@link aelab.data.Mnist#load(java.nio.file.Path)} via the one IDX reader {@link aelab.data.MnistIdx}, into
 * compact {@link aelab.data.ByteImages}; nothing is downloaded), and seeded
 * {@link aelab.data.SyntheticData} generators with known ground truth (principal subspace and covariance,
 * two-cluster scalars, noisy circle/helix/Swiss roll, Bernoulli pixels).
 */
package aelab.data;
