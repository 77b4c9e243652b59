/**
 * Training: {@link aelab.train.TrainingConfig} (validated hyper-parameters), the single loop
 * {@link aelab.train.Trainer} (seeded shuffling, mini-batches, loss and gradients, optimizer step, listeners),
 * {@link aelab.train.TrainingHistory} (per-epoch metrics, as a Tablesaw table) and
 * {@link aelab.train.TrainingListener}s such as {@link aelab.train.Progress} (one line rewritten in place every n
 * epochs, for notebooks), {@link aelab.train.ProgressBarListener} (a bar redrawn in place, for terminals) and
 * {@link aelab.train.KlWarmUp} (a linear warm-up of a VAE's KL weight, set between steps). The library prints
 * nothing: progress goes to a listener and a stream the caller chooses.
 *
 * <p>In a notebook cell:
 * <pre>{@code
 * Vae vae = Vae.builder(64, 8).hiddenSizes(128).bernoulliDecoder().build(Rng.seeded(1));
 * TrainingHistory history = new Trainer(TrainingConfig.adam(20, 64, 1e-3, 42))
 *         .addListener(Progress.everyEpochs(5))   // "epoch  5/20: loss …, reconstruction …, kl …"
 *         .fit(vae, data);            // data: n×64, one sample per row
 * history.toTable()                   // columns epoch, loss, reconstruction, kl
 * }</pre>
 *
 * <p>Batches: rows are cut into batches of {@code batchSize} after the (optional) per-epoch shuffle; the last batch
 * of an epoch may be smaller and is used (like PyTorch's {@code drop_last=False}). The epoch loss is the mean per
 * sample over the epoch (batch losses weighted by batch size).
 */
package aelab.train;
