/**
 * Headless plots for the course ({@link aelab.plot.Plots}): training curves from a Tablesaw history, label-coloured
 * latent scatter plots, PCA-versus-autoencoder projections, rate–distortion curves annotated by β (labels placed at
 * draw time so that coincident points stay readable), histograms, generic curves, and grayscale image grids
 * (reconstructions, samples, latent traversals). Charts are XChart objects; {@link aelab.plot.Images} renders them
 * to {@link java.awt.image.BufferedImage} and PNG. Nothing here opens a window; NaN and infinite inputs are
 * rejected, image pixel values are clamped to [0, 1].
 */
package aelab.plot;
