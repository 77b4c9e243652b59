/**
 * Training: {@link aelab.train.TrainingConfig} (validated hyper-parameters), the single loop
 * {@link aelab.train.Trainer} (seeded shuffling, mini-batches, loss and gradients, optimizer step, listeners),
 * {@link aelab.train.TrainingHistory} (per-epoch metrics, as a Tablesaw table) and
 * {@link aelab.train.TrainingListener}s such as {@link aelab.train.ProgressBarListener}. The library prints nothing:
 * progress goes to a listener and a stream the caller chooses.
 */
package aelab.train;
