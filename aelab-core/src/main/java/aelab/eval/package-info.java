/**
 * Evaluation of codes (what an autoencoder's code is good for, measured against PCA and raw pixels). Rows are samples;
 * labels are non-negative class indices; randomness is injected (random source last).
 *
 * <ul>
 *   <li>{@link aelab.eval.Auroc} — area under the ROC curve in Mann–Whitney form (ties count 1/2), with the
 *       Hanley–McNeil (1982) standard error: anomaly detection by reconstruction error.</li>
 *   <li>{@link aelab.eval.Distances} — pairwise squared Euclidean and Hamming distance matrices.</li>
 *   <li>{@link aelab.eval.Retrieval} — binary codes by the sign of centred codes; precision@k of a ranking by
 *       distance, ties resolved in expectation (McSherry &amp; Najork 2008); the chance level.</li>
 *   <li>{@link aelab.eval.NearestNeighbours} — k-nearest-neighbour and nearest-class-mean classifiers, accuracy
 *       with its standard error.</li>
 *   <li>{@link aelab.eval.KMeans} — seeded k-means++ (Arthur &amp; Vassilvitskii 2007) with Lloyd iterations and
 *       restarts; {@link aelab.eval.Purity} of a clustering against labels (Manning, Raghavan &amp; Schütze 2008).</li>
 * </ul>
 */
package aelab.eval;
