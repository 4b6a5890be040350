/**
 * The training layer: a {@link dev.jgrad.train.Trainer} that runs the loop of forward pass, loss,
 * backward pass and optimizer step over a {@link dev.jgrad.data.DataLoader}'s epochs, with
 * validation, streaming metrics, callbacks, a model summary and one resumable training checkpoint,
 * in the spirit of Keras' {@code fit}, PyTorch Lightning's hooks and DJL's {@code EasyTrain}.
 *
 * <p>What a run is made of:
 *
 * <ul>
 *   <li>{@link dev.jgrad.train.Trainer}: built from a model, a {@link
 *       dev.jgrad.train.LossFunction}, an optimizer, optionally a learning-rate scheduler (stepped
 *       per epoch or per batch), training and validation loaders, a dtype and a seed; {@code
 *       fit(epochs)} returns a {@link dev.jgrad.train.History}, {@code evaluate} an {@link
 *       dev.jgrad.train.Evaluation}, {@code predict} the outputs. Evaluation runs without the tape
 *       and in evaluation mode.
 *   <li>{@link dev.jgrad.train.Callback}s with a stated life cycle ({@code onFitStart}, {@code
 *       onEpochStart}, {@code onBatchEnd}, {@code onEpochEnd} after validation, {@code onFitEnd})
 *       and {@link dev.jgrad.train.TrainContext#requestStop} to end a run: {@link
 *       dev.jgrad.train.ProgressBar}, {@link dev.jgrad.train.CsvLogger}, {@link
 *       dev.jgrad.train.ModelCheckpoint}, {@link dev.jgrad.train.EarlyStopping}, {@link
 *       dev.jgrad.train.LrMonitor}, {@link dev.jgrad.train.GradientNorms} (each layer's gradient
 *       norm, through gradient hooks), or your own.
 *   <li>A NaN/Inf guard, on by default: a loss or weight that is no longer finite stops the run
 *       before anything is saved for that epoch, and {@code fit} throws {@link
 *       dev.jgrad.train.TrainingDivergedException} naming the epoch and step.
 *   <li>{@link dev.jgrad.train.Metric}s computed streaming over batches: {@link
 *       dev.jgrad.train.Accuracy}, {@link dev.jgrad.train.TopKAccuracy}, {@link
 *       dev.jgrad.train.ConfusionMatrix} with per-class precision, recall and F1; the mean loss is
 *       always recorded.
 *   <li>{@link dev.jgrad.train.ModelSummary}: the module tree with output shapes, parameter counts
 *       and sizes, as torchinfo prints it.
 *   <li>{@link dev.jgrad.train.TrainingCheckpoint}: model, optimizer and scheduler states, epoch,
 *       generator, data order, history and settings in one safetensors file; resuming an
 *       interrupted run is bit-identical to the uninterrupted run, and extending a finished run
 *       trains with the schedule you give (see {@link dev.jgrad.train.Trainer}).
 * </ul>
 *
 * <p>The library prints nothing by itself: what a user sees comes from the callbacks chosen.
 *
 * <pre>{@code
 * Generator gen = Generator.seeded(42);
 * Sequential model = new Sequential(new Linear(784, 128, gen), new ReLU(), new Linear(128, 10, gen));
 * Trainer trainer = Trainer.builder(model)
 *     .loss(Losses::crossEntropy)
 *     .optimizer(new Adam(model.parameters(), 1e-3))
 *     .train(DataLoader.of(DatasetSpec.MNIST.train(), 64).shuffle(42))
 *     .validate(DataLoader.of(DatasetSpec.MNIST.test(), 1000))
 *     .metrics(new Accuracy())
 *     .callbacks(new ProgressBar(System.out),
 *                new CsvLogger(runDir.resolve("metrics.csv")),
 *                ModelCheckpoint.last(runDir.resolve("last.safetensors")),
 *                ModelCheckpoint.best(runDir.resolve("best.safetensors"), "val_loss", Mode.MIN))
 *     .build();
 * System.out.print(trainer.summary());
 * History history = trainer.fit(10);
 *
 * // after an interruption, in a new process with the same code:
 * trainer.restore(runDir.resolve("last.safetensors"));
 * trainer.fit(10);   // trains the remaining epochs, bit-identical to an uninterrupted run
 * }</pre>
 */
package dev.jgrad.train;
