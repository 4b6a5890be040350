package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.nn.Dropout;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import dev.jgrad.optim.Hyperparameter;
import dev.jgrad.optim.LRScheduler;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.ParamGroup;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains a model: the loop of forward pass, loss, backward pass and optimizer step over a data
 * loader's epochs, with validation, metrics, callbacks and resumable checkpoints, as Keras' {@code
 * Model.fit} and DJL's {@code EasyTrain.fit}.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model)
 *     .loss(Losses::crossEntropy)
 *     .optimizer(new Adam(model.parameters(), 1e-3))
 *     .train(DataLoader.of(trainSet, 64).shuffle(42))
 *     .validate(DataLoader.of(testSet, 1000))
 *     .metrics(new Accuracy())
 *     .callbacks(new ProgressBar(System.out), ModelCheckpoint.last(dir.resolve("last.safetensors")))
 *     .build();
 * History history = trainer.fit(10);
 * Evaluation test = trainer.evaluate(DataLoader.of(testSet, 1000));
 * }</pre>
 *
 * <p><b>One step</b> casts the batch's floating-point inputs and targets to the trainer's dtype,
 * runs the model in training mode, computes the loss, checks it is finite (see below), clears the
 * gradients, runs the backward pass and the optimizer step, and steps the scheduler if it is
 * stepped per batch. {@link Callback} states the order of a whole {@link #fit}.
 *
 * <p><b>Evaluation</b> ({@link #evaluate}, {@link #predict} and the validation pass of {@code fit})
 * runs without recording the tape ({@link NoGrad}) and with the model in evaluation mode ({@link
 * Module#eval()}), then puts the model back in the mode it was in.
 *
 * <p><b>Randomness.</b> The trainer owns a generator seeded by {@link Builder#seed} (default 0);
 * when {@code fit} starts, every {@link Dropout} of the model draws its masks from it, so a
 * checkpoint saves and restores it. The data order is the loader's (see {@link DataLoader}), a
 * function of its seed and the epoch number.
 *
 * <p><b>NaN guard.</b> On by default ({@link Builder#nanGuard}): a loss that is NaN or infinite
 * stops the run before that step is taken, and a parameter that is not finite after an epoch's last
 * step, or a validation loss that is not, stops it before the epoch is completed; see {@link
 * TrainingDivergedException}.
 *
 * <p><b>Resuming and extending.</b> {@link #saveCheckpoint} writes one {@link TrainingCheckpoint};
 * {@link #restore} reads it into a freshly built trainer, and the next {@code fit(epochs)} trains
 * the epochs from the saved count up to {@code epochs}. Two rules, decided by whether the saved run
 * had reached the epochs it was fitted to:
 *
 * <ul>
 *   <li><b>Resume</b> an interrupted run (fewer epochs completed than planned, for example a killed
 *       process or a callback's stop): model, optimizer, scheduler state, generator and history are
 *       all restored, and the data order is checked to be the same; continuing gives weights
 *       bit-identical to the uninterrupted run.
 *   <li><b>Extend</b> a finished run (all planned epochs completed): model, optimizer state
 *       (moments, step counts), generator and history are restored, but the learning rates and the
 *       schedule are the ones this trainer was built with: the saved schedule ended with the run (a
 *       cosine schedule at its minimum), and the added epochs follow a new cycle of the scheduler
 *       given here, as a warm restart (SGDR). Build that scheduler for the added epochs, for
 *       example {@code new CosineAnnealingLR(opt, added)}.
 * </ul>
 *
 * <p>The trainer prints nothing: what a user sees comes from the callbacks chosen, such as {@link
 * ProgressBar}. A trainer, like the model it trains, is used from one thread at a time.
 */
public final class Trainer {
  private final Module model;
  private final LossFunction loss;
  private final Optimizer optimizer;
  private final LRScheduler scheduler;
  private final StepInterval schedulerInterval;
  private final DataLoader train;
  private final DataLoader validation;
  private final DType dtype;
  private final List<Metric> metrics;
  private final List<Callback> callbacks;
  private final boolean nanGuard;
  private final Map<String, String> settings;
  private final Evaluator evaluator;

  private Generator generator;
  private final List<EpochLog> epochs = new ArrayList<>();
  private int completed;
  private int stepsIntoEpoch;
  private int plannedEpochs;
  private String stopReason;
  private boolean diverged;
  private String dataOrder;

  private Trainer(Builder b) {
    this.model = b.model;
    this.loss = b.loss;
    this.optimizer = b.optimizer;
    this.scheduler = b.scheduler;
    this.schedulerInterval = b.schedulerInterval;
    this.train = b.train;
    this.validation = b.validation;
    this.dtype = b.dtype != null ? b.dtype : defaultDType(b.model);
    this.metrics = List.copyOf(b.metrics);
    this.callbacks = List.copyOf(b.callbacks);
    this.nanGuard = b.nanGuard;
    this.generator = Generator.seeded(b.seed);
    this.settings = Collections.unmodifiableMap(settings(b, dtype));
    this.evaluator = new Evaluator(model, loss, dtype);
  }

  /**
   * Starts building a trainer of {@code model}.
   *
   * @param model the model to train
   * @return a builder; loss, optimizer and training loader are required
   */
  public static Builder builder(Module model) {
    return new Builder(model);
  }

  /** Collects a {@link Trainer}'s parts; {@link #build()} checks them. */
  public static final class Builder {
    private final Module model;
    private LossFunction loss;
    private Optimizer optimizer;
    private LRScheduler scheduler;
    private StepInterval schedulerInterval = StepInterval.EPOCH;
    private DataLoader train;
    private DataLoader validation;
    private DType dtype;
    private long seed;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();
    private boolean nanGuard = true;
    private final Map<String, String> extraSettings = new LinkedHashMap<>();

    private Builder(Module model) {
      this.model = checkNotNull(model, "Trainer: model is null");
    }

    /**
     * Sets the loss (required).
     *
     * @param loss the loss of a batch's output and targets, such as {@code Losses::crossEntropy}
     * @return this builder
     */
    public Builder loss(LossFunction loss) {
      this.loss = checkNotNull(loss, "Trainer: loss is null");
      return this;
    }

    /**
     * Sets the optimizer (required).
     *
     * @param optimizer the optimizer over the model's parameters
     * @return this builder
     */
    public Builder optimizer(Optimizer optimizer) {
      this.optimizer = checkNotNull(optimizer, "Trainer: optimizer is null");
      return this;
    }

    /**
     * Sets a learning-rate scheduler stepped once per epoch.
     *
     * @param scheduler the scheduler of the optimizer
     * @return this builder
     */
    public Builder scheduler(LRScheduler scheduler) {
      return scheduler(scheduler, StepInterval.EPOCH);
    }

    /**
     * Sets a learning-rate scheduler.
     *
     * @param scheduler the scheduler of the optimizer
     * @param interval whether it is stepped per epoch or after every optimizer step
     * @return this builder
     */
    public Builder scheduler(LRScheduler scheduler, StepInterval interval) {
      this.scheduler = checkNotNull(scheduler, "Trainer: scheduler is null");
      this.schedulerInterval = checkNotNull(interval, "Trainer: scheduler interval is null");
      return this;
    }

    /**
     * Sets the training loader (required).
     *
     * @param loader the loader whose epoch {@code e} is trained as epoch {@code e}
     * @return this builder
     */
    public Builder train(DataLoader loader) {
      this.train = checkNotNull(loader, "Trainer: training loader is null");
      return this;
    }

    /**
     * Sets a validation loader, evaluated after every epoch ({@code val_loss} and {@code val_}
     * metrics in the history).
     *
     * @param loader the validation loader
     * @return this builder
     */
    public Builder validate(DataLoader loader) {
      this.validation = checkNotNull(loader, "Trainer: validation loader is null");
      return this;
    }

    /**
     * Sets the dtype that floating-point inputs and targets are cast to (default: the dtype of the
     * model's first parameter, or FLOAT32 if it has none).
     *
     * @param dtype a floating-point dtype
     * @return this builder
     * @throws IllegalArgumentException if {@code dtype} is not floating-point
     */
    public Builder dtype(DType dtype) {
      checkNotNull(dtype, "Trainer: dtype is null");
      checkArgument(
          dtype.isFloatingPoint(), "Trainer: dtype must be floating-point, got %s", dtype);
      this.dtype = dtype;
      return this;
    }

    /**
     * Sets the seed of the trainer's generator, from which the model's dropout layers draw their
     * masks during {@code fit} (default 0).
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Adds metrics computed over each training epoch, each validation pass and each {@link
     * Trainer#evaluate}.
     *
     * @param metrics the metrics, such as {@code new Accuracy()}
     * @return this builder
     */
    public Builder metrics(Metric... metrics) {
      for (Metric m : metrics) {
        this.metrics.add(checkNotNull(m, "Trainer: a metric is null"));
      }
      return this;
    }

    /**
     * Adds callbacks, run in the order given.
     *
     * @param callbacks the callbacks
     * @return this builder
     */
    public Builder callbacks(Callback... callbacks) {
      for (Callback c : callbacks) {
        this.callbacks.add(checkNotNull(c, "Trainer: a callback is null"));
      }
      return this;
    }

    /**
     * Turns the NaN guard on (the default) or off; see {@link TrainingDivergedException}.
     *
     * @param on whether a loss or weight that is NaN or infinite stops the run
     * @return this builder
     */
    public Builder nanGuard(boolean on) {
      this.nanGuard = on;
      return this;
    }

    /**
     * Adds a setting of the run, saved in checkpoints (for example a command line's options).
     *
     * @param name the setting's name
     * @param value its value
     * @return this builder
     */
    public Builder setting(String name, String value) {
      checkNotNull(name, "Trainer: setting name is null");
      checkNotNull(value, "Trainer: setting %s has a null value", name);
      extraSettings.put(name, value);
      return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     * @throws IllegalStateException if the loss, optimizer or training loader is missing
     * @throws IllegalArgumentException if two metrics record a value of the same name, or a setting
     *     has the name of a built-in one
     */
    public Trainer build() {
      checkState(loss != null, "Trainer: no loss given (call loss(...))");
      checkState(optimizer != null, "Trainer: no optimizer given (call optimizer(...))");
      checkState(train != null, "Trainer: no training loader given (call train(...))");
      List<String> names = new ArrayList<>(List.of("loss", "lr"));
      for (Metric m : metrics) {
        for (String name : m.values().keySet()) {
          EpochLog.checkName(name);
          checkArgument(
              !names.contains(name), "Trainer: two values named '%s' (metrics: %s)", name, metrics);
          names.add(name);
        }
      }
      return new Trainer(this);
    }
  }

  private static DType defaultDType(Module model) {
    List<Parameter> params = model.parameters();
    return params.isEmpty() ? DType.FLOAT32 : params.get(0).dtype();
  }

  private static Map<String, String> settings(Builder b, DType dtype) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("model", b.model.toString());
    s.put("optimizer", b.optimizer.name());
    for (Hyperparameter<?> h : b.optimizer.hyperparameters()) {
      s.put("optimizer." + h.name(), String.valueOf(b.optimizer.getDefault(h)));
    }
    s.put("scheduler", b.scheduler == null ? "none" : b.scheduler.getClass().getSimpleName());
    if (b.scheduler != null) {
      s.put("scheduler.interval", b.schedulerInterval.name());
    }
    s.put("batch_size", Integer.toString(b.train.batchSize()));
    s.put("train_samples", Integer.toString(b.train.dataset().size()));
    if (b.validation != null) {
      s.put("validation_samples", Integer.toString(b.validation.dataset().size()));
    }
    s.put("dtype", dtype.name());
    s.put("seed", Long.toString(b.seed));
    s.put("nan_guard", Boolean.toString(b.nanGuard));
    for (Map.Entry<String, String> e : b.extraSettings.entrySet()) {
      checkArgument(
          !s.containsKey(e.getKey()),
          "Trainer: setting '%s' is one the trainer records itself",
          e.getKey());
      s.put(e.getKey(), e.getValue());
    }
    return s;
  }

  // ---------------------------------------------------------------- fit

  /**
   * Trains until {@code epochs} epochs are completed, counting those restored from a checkpoint and
   * those of earlier {@code fit} calls, as Keras' {@code fit(epochs=…, initial_epoch=…)}.
   *
   * @param epochs the number of completed epochs to reach
   * @return the history of the whole run, saying how this call ended
   * @throws IllegalArgumentException if {@code epochs} is not more than the epochs already
   *     completed, or the training loader yields no batch
   * @throws TrainingDivergedException if the NaN guard found a loss or weight that is not finite
   * @throws IOException if a callback cannot do its work (write a file)
   */
  public History fit(int epochs) throws IOException {
    checkArgument(
        epochs > completed,
        "fit: the run has completed %s epoch(s), so fit(%s) has nothing to train; ask for more"
            + " than %s",
        completed,
        epochs,
        completed);
    int batches = numBatches();
    checkArgument(
        batches >= 1,
        "fit: the training loader yields %s batches (%s samples, batch size %s); it must yield at"
            + " least one",
        batches,
        train.dataset().size(),
        train.batchSize());
    plannedEpochs = epochs;
    stopReason = null;
    diverged = false;
    for (Module m : model.namedModules().values()) {
      if (m instanceof Dropout) {
        ((Dropout) m).setGenerator(generator);
      }
    }
    TrainContext context = new TrainContext(this, epochs);
    context.setEpoch(completed);
    boolean wasTraining = model.isTraining();
    try {
      for (Callback c : callbacks) {
        c.onFitStart(context);
      }
      try {
        runEpochs(context, epochs);
      } catch (NanGuard.Diverged d) {
        stopReason = d.getMessage();
        diverged = true;
        History h = history();
        for (Callback c : callbacks) {
          c.onFitEnd(context, h);
        }
        throw new TrainingDivergedException(d.getMessage(), d.epoch, d.step, h);
      }
      stopReason = context.stopReason().orElse(null);
      History h = history();
      for (Callback c : callbacks) {
        c.onFitEnd(context, h);
      }
      return h;
    } finally {
      model.train(wasTraining);
    }
  }

  private void runEpochs(TrainContext context, int epochs) throws IOException {
    for (int e = completed; e < epochs && !context.stopRequested(); e++) {
      context.setEpoch(e);
      model.train();
      for (Callback c : callbacks) {
        c.onEpochStart(context);
      }
      if (context.stopRequested()) {
        return;
      }
      double lr = optimizer.paramGroups().get(0).lr();
      Map<String, Double> logs = trainEpoch(context, e, epochs);
      if (logs == null) {
        return;
      }
      if (validation != null) {
        Map<String, Double> val = evaluator.pass(validation, metrics);
        if (nanGuard) {
          NanGuard.checkValidationLoss(val.get("loss"), e, epochs, numBatches());
        }
        val.forEach((k, v) -> logs.put("val_" + k, v));
      }
      logs.put("lr", lr);
      if (scheduler != null && schedulerInterval == StepInterval.EPOCH) {
        scheduler.step();
      }
      EpochLog log = new EpochLog(e, logs);
      this.epochs.add(log);
      completed = e + 1;
      stepsIntoEpoch = 0;
      for (Callback c : callbacks) {
        c.onEpochEnd(context, log);
      }
    }
  }

  /** Trains one epoch; returns its logs, or null if a callback asked to stop during it. */
  private Map<String, Double> trainEpoch(TrainContext context, int epoch, int epochs)
      throws IOException {
    Mean meanLoss = new Mean();
    metrics.forEach(Metric::reset);
    int batches = numBatches();
    int step = 0;
    stepsIntoEpoch = 0;
    for (Batch b : train.epoch(epoch)) {
      Tensor target = evaluator.cast(b.target());
      Variable output = model.forward(new Variable(evaluator.cast(b.input())));
      Variable value = loss.apply(output, target);
      checkArgument(
          value.numel() == 1,
          "fit: the loss function returned shape %s, expected a scalar (use a mean or sum"
              + " reduction)",
          value.shape());
      double lossValue = value.item();
      if (nanGuard) {
        NanGuard.checkLoss(lossValue, epoch, epochs, step, batches);
      }
      optimizer.zeroGrad();
      model.zeroGrad();
      value.backward();
      optimizer.step();
      stepsIntoEpoch++;
      if (scheduler != null && schedulerInterval == StepInterval.BATCH) {
        scheduler.step();
      }
      meanLoss.add(lossValue, b.size());
      for (Metric m : metrics) {
        m.update(output.data(), target);
      }
      BatchResult result = new BatchResult(epoch, step, batches, b.size(), lossValue);
      for (Callback c : callbacks) {
        c.onBatchEnd(context, result);
      }
      if (context.stopRequested()) {
        return null;
      }
      step++;
    }
    if (nanGuard) {
      NanGuard.checkParameters(model, epoch, epochs, batches);
    }
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put("loss", meanLoss.value());
    for (Metric m : metrics) {
      logs.putAll(m.values());
    }
    return logs;
  }

  // ---------------------------------------------------------------- evaluate and predict

  /**
   * Computes the mean loss and the metrics over one pass of {@code loader} (its epoch 0), without
   * the tape and in evaluation mode.
   *
   * @param loader the data
   * @param extra metrics for this call only, in addition to the trainer's, such as a {@link
   *     ConfusionMatrix}
   * @return {@code loss} and every metric's values
   * @throws IllegalArgumentException if the loader yields no batch, or an extra metric records a
   *     value under a name already used
   */
  public Evaluation evaluate(DataLoader loader, Metric... extra) {
    checkNotNull(loader, "evaluate: loader is null");
    checkArgument(
        loader.numBatches() >= 1,
        "evaluate: the loader yields %s batches (%s samples, batch size %s)",
        loader.numBatches(),
        loader.dataset().size(),
        loader.batchSize());
    List<Metric> all = new ArrayList<>(metrics);
    List<String> names = new ArrayList<>(List.of("loss"));
    metrics.forEach(m -> names.addAll(m.values().keySet()));
    for (Metric m : extra) {
      for (String name : checkNotNull(m, "evaluate: a metric is null").values().keySet()) {
        checkArgument(!names.contains(name), "evaluate: two values named '%s'", name);
        names.add(name);
      }
      all.add(m);
    }
    return new Evaluation(evaluator.pass(loader, all));
  }

  /**
   * Returns the model's output for {@code input}, without the tape and in evaluation mode.
   *
   * @param input a batch of inputs; a floating-point one is cast to the trainer's dtype
   * @return the output
   */
  public Tensor predict(Tensor input) {
    checkNotNull(input, "predict: input is null");
    return evaluator.predict(input);
  }

  /**
   * Returns the model's outputs for every batch of {@code loader}'s epoch 0, concatenated along the
   * first dimension in the loader's order (use a loader that does not shuffle to keep the dataset's
   * order).
   *
   * @param loader the inputs; the targets are not used
   * @return the outputs, one row per sample
   * @throws IllegalArgumentException if the loader yields no batch
   */
  public Tensor predict(DataLoader loader) {
    checkNotNull(loader, "predict: loader is null");
    checkArgument(
        loader.numBatches() >= 1, "predict: the loader yields %s batches", loader.numBatches());
    return evaluator.predict(loader);
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * Writes the run's training checkpoint (see {@link TrainingCheckpoint} for what it holds),
   * atomically: the model, optimizer and scheduler states, the completed and planned epochs, the
   * generator, the training loader's order fingerprint, the history and the settings.
   *
   * <p>A checkpoint holds whole epochs: it cannot be taken while the model holds optimizer steps of
   * an epoch that was not completed, that is during an epoch (after its first step, up to its
   * {@code onEpochEnd}) or after a stop or a divergence in the middle of one, until the next {@code
   * fit} completes an epoch or {@link #restore} puts a checkpoint back.
   *
   * @param file the file to create or replace; its folder must exist
   * @throws IllegalStateException if the model holds steps of an uncompleted epoch
   * @throws IOException if it cannot be written; a previous file is then left intact
   */
  public void saveCheckpoint(Path file) throws IOException {
    checkState(
        stepsIntoEpoch == 0,
        "saveCheckpoint: the model holds %s step(s) of epoch %s beyond the %s completed epoch(s);"
            + " a training checkpoint holds whole epochs (save in onEpochEnd, or restore the last"
            + " checkpoint)",
        stepsIntoEpoch,
        completed + 1,
        completed);
    TrainingCheckpoint.builder(model.stateDict(), optimizer)
        .scheduler(scheduler)
        .epoch(completed)
        .plannedEpochs(Math.max(plannedEpochs, completed))
        .generator(generator)
        .dataOrder(dataOrder())
        .history(history())
        .settings(settings)
        .build()
        .save(file);
  }

  /**
   * Restores a checkpoint written by {@link #saveCheckpoint} into this trainer's model, optimizer
   * and scheduler, by the rule of the class notes: an interrupted run is resumed exactly, a
   * finished run is extended with this trainer's learning rates and schedule. Nothing changes if
   * the checkpoint does not fit.
   *
   * @param file the checkpoint
   * @return the checkpoint read, whose {@link TrainingCheckpoint#finished()} tells which rule
   *     applied and whose {@link TrainingCheckpoint#settings()} the caller may compare with {@link
   *     #settings()}
   * @throws IllegalArgumentException if the checkpoint does not fit the model, optimizer or
   *     scheduler, or, for an interrupted run, the training loader's order differs from the saved
   *     one or the scheduler is missing
   * @throws IOException if the file cannot be read or is not a training checkpoint
   */
  public TrainingCheckpoint restore(Path file) throws IOException {
    TrainingCheckpoint ckpt = TrainingCheckpoint.load(file);
    if (ckpt.finished()) {
      List<Double> lrs = new ArrayList<>();
      optimizer.paramGroups().forEach(g -> lrs.add(g.lr()));
      ckpt.restore(model.stateDict(), optimizer, null);
      List<ParamGroup> groups = optimizer.paramGroups();
      for (int i = 0; i < groups.size(); i++) {
        groups.get(i).setLr(lrs.get(i));
      }
    } else {
      checkArgument(
          scheduler != null || ckpt.schedulerName().isEmpty(),
          "Trainer.restore: %s is an interrupted run (%s of %s epochs) with a %s schedule; give"
              + " the trainer that scheduler to resume it exactly",
          file,
          ckpt.epoch(),
          ckpt.plannedEpochs(),
          ckpt.schedulerName().orElse(""));
      String now = dataOrder();
      checkArgument(
          ckpt.dataOrder().map(now::equals).orElse(true),
          "Trainer.restore: %s is an interrupted run whose training data order was [%s], but this"
              + " trainer's is [%s]; resuming needs the same data, batch size and shuffle seed",
          file,
          ckpt.dataOrder().orElse(""),
          now);
      ckpt.restore(model.stateDict(), optimizer, scheduler);
    }
    epochs.clear();
    epochs.addAll(ckpt.history().epochs());
    completed = ckpt.epoch();
    stepsIntoEpoch = 0;
    plannedEpochs = ckpt.plannedEpochs();
    generator = ckpt.generator();
    stopReason = null;
    diverged = false;
    return ckpt;
  }

  private String dataOrder() {
    if (dataOrder == null) {
      dataOrder = DataOrder.fingerprint(train);
    }
    return dataOrder;
  }

  // ---------------------------------------------------------------- accessors

  /**
   * Returns a summary of the model with the output shapes of the first training batch.
   *
   * @return the summary table
   */
  public ModelSummary summary() {
    Batch first = train.epoch(0).iterator().next();
    return ModelSummary.of(model, evaluator.cast(first.input()));
  }

  /**
   * Returns the history of the run.
   *
   * @return a snapshot of the completed epochs, saying how the last {@code fit} ended
   */
  public History history() {
    return new History(epochs, stopReason, diverged);
  }

  /**
   * Returns the number of completed epochs, the first epoch the next {@code fit} trains.
   *
   * @return the completed epochs, counting restored ones
   */
  public int completedEpochs() {
    return completed;
  }

  /**
   * Returns the settings saved in checkpoints: the model's description, the optimizer and its
   * hyperparameters, the scheduler, batch size, sample counts, dtype, seed, NaN guard and those
   * added with {@link Builder#setting}.
   *
   * @return the settings by name, unmodifiable
   */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * Returns the model.
   *
   * @return the model being trained
   */
  public Module model() {
    return model;
  }

  /**
   * Returns the optimizer.
   *
   * @return the optimizer
   */
  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * Returns the learning-rate scheduler.
   *
   * @return the scheduler, or empty if there is none
   */
  public Optional<LRScheduler> scheduler() {
    return Optional.ofNullable(scheduler);
  }

  /**
   * Returns the dtype inputs and targets are cast to.
   *
   * @return a floating-point dtype
   */
  public DType dtype() {
    return dtype;
  }

  /**
   * Returns the trainer's generator, from which dropout masks are drawn during {@code fit}.
   *
   * @return the live generator (replaced by {@link #restore})
   */
  public Generator generator() {
    return generator;
  }

  int numBatches() {
    return train.numBatches();
  }
}
