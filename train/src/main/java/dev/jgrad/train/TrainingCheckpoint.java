package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.primitives.Ints;
import com.google.common.primitives.Longs;
import dev.jgrad.optim.LRScheduler;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.io.SafeTensorsFormatException;
import dev.jgrad.tensor.io.TensorArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything needed to resume training, in one safetensors file that Python's {@code safetensors}
 * package reads as well.
 *
 * <p><b>Contents.</b> Tensors: the model's state dict under {@code model.} ({@code model.0.weight},
 * …), the optimizer's under {@code optimizer.} ({@code optimizer.state.0.exp_avg}, {@code
 * optimizer.param_groups.0.lr}, …) and, if a scheduler is used, its state dict under {@code
 * scheduler.} ({@code scheduler.last_epoch}, {@code scheduler.base_lrs}, {@code
 * scheduler.last_lr}). Metadata, all strings:
 *
 * <ul>
 *   <li>{@code format}: {@code pt}; {@code jgrad.checkpoint}: the format version, {@code 1};
 *   <li>{@code jgrad.epoch}: the number of completed epochs; {@code jgrad.epochs}: the number the
 *       run was fitted to (equal when it finished);
 *   <li>{@code jgrad.optimizer}: the optimizer's name; {@code jgrad.scheduler}: the scheduler's
 *       class name, if any;
 *   <li>{@code jgrad.generator}: the state of the run's generator (dropout masks), comma-separated
 *       words;
 *   <li>{@code jgrad.data_order}: the training loader's order fingerprint (sample count, batch
 *       size, batches, a hash of the first epoch's order), if known;
 *   <li>{@code jgrad.history}: the history as the CSV of {@link History#toCsv()};
 *   <li>{@code jgrad.setting.<name>}: the run's settings (optimizer hyperparameters, batch size,
 *       dtype, seed, and any the caller adds).
 * </ul>
 *
 * <p><b>Restoring</b> loads the saved states; nothing is replayed. {@link #restore} checks
 * everything (optimizer kind, scheduler kind, every model key and shape) before it changes
 * anything, so a checkpoint that does not fit leaves model, optimizer and scheduler as they were.
 *
 * <p>{@link Trainer} writes and restores this checkpoint by itself ({@link Trainer#saveCheckpoint},
 * {@link Trainer#restore}); a hand-written training loop uses it directly:
 *
 * <pre>{@code
 * TrainingCheckpoint.builder(model.stateDict(), opt)
 *     .scheduler(scheduler).epoch(epoch + 1).generator(gen).build()
 *     .save(path);
 * // later, with freshly built model, opt and scheduler:
 * TrainingCheckpoint ckpt = TrainingCheckpoint.load(path);
 * ckpt.restore(model.stateDict(), opt, scheduler);
 * Generator gen = ckpt.generator();   // give it to the dropout layers as well
 * for (int epoch = ckpt.epoch(); epoch < epochs; epoch++) { ... }
 * }</pre>
 */
public final class TrainingCheckpoint {
  private static final String VERSION = "1";
  private static final String VERSION_KEY = "jgrad.checkpoint";
  private static final String EPOCH = "jgrad.epoch";
  private static final String EPOCHS = "jgrad.epochs";
  private static final String OPTIMIZER = "jgrad.optimizer";
  private static final String SCHEDULER = "jgrad.scheduler";
  private static final String GENERATOR = "jgrad.generator";
  private static final String DATA_ORDER = "jgrad.data_order";
  private static final String HISTORY = "jgrad.history";
  private static final String SETTING = "jgrad.setting.";
  private static final String MODEL_PREFIX = "model.";
  private static final String OPTIMIZER_PREFIX = "optimizer.";
  private static final String SCHEDULER_PREFIX = "scheduler.";

  private final String source;
  private final Map<String, Tensor> model;
  private final Map<String, Tensor> optimizer;
  private final Map<String, Tensor> scheduler;
  private final String optimizerName;
  private final String schedulerName;
  private final int epoch;
  private final int plannedEpochs;
  private final long[] generatorState;
  private final String dataOrder;
  private final History history;
  private final Map<String, String> settings;

  private TrainingCheckpoint(Builder b, String source) {
    this.source = source;
    this.model = Collections.unmodifiableMap(b.model);
    this.optimizer = Collections.unmodifiableMap(b.optimizer);
    this.scheduler = Collections.unmodifiableMap(b.scheduler);
    this.optimizerName = b.optimizerName;
    this.schedulerName = b.schedulerName;
    this.epoch = b.epoch;
    this.plannedEpochs = b.plannedEpochs < 0 ? b.epoch : b.plannedEpochs;
    this.generatorState = b.generatorState;
    this.dataOrder = b.dataOrder;
    this.history = b.history;
    this.settings = Collections.unmodifiableMap(b.settings);
  }

  /**
   * Starts a checkpoint of a model's state and an optimizer's.
   *
   * @param modelState the model's state dict, as {@code Module.stateDict()} returns it; the tensors
   *     are copied when {@link Builder#build()} runs
   * @param optimizer the optimizer, whose state dict is taken when {@link Builder#build()} runs
   * @return a builder
   */
  public static Builder builder(Map<String, Tensor> modelState, Optimizer optimizer) {
    return new Builder(modelState, optimizer);
  }

  /** Collects the parts of a {@link TrainingCheckpoint}; the model and optimizer are required. */
  public static final class Builder {
    private final Map<String, Tensor> liveModel;
    private final Optimizer liveOptimizer;
    private LRScheduler liveScheduler;
    private Map<String, Tensor> model = new LinkedHashMap<>();
    private Map<String, Tensor> optimizer = new LinkedHashMap<>();
    private Map<String, Tensor> scheduler = new LinkedHashMap<>();
    private String optimizerName;
    private String schedulerName;
    private int epoch;
    private int plannedEpochs = -1;
    private long[] generatorState;
    private String dataOrder;
    private History history = History.empty();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder(Map<String, Tensor> modelState, Optimizer optimizer) {
      this.liveModel = checkNotNull(modelState, "TrainingCheckpoint: model state is null");
      this.liveOptimizer = checkNotNull(optimizer, "TrainingCheckpoint: optimizer is null");
    }

    /** For {@link #load}: the parts are read from a file, not taken from live objects. */
    private Builder() {
      this.liveModel = null;
      this.liveOptimizer = null;
    }

    /**
     * Adds a scheduler's state.
     *
     * @param scheduler the scheduler, or null if none is used
     * @return this builder
     */
    public Builder scheduler(LRScheduler scheduler) {
      this.liveScheduler = scheduler;
      return this;
    }

    /**
     * Sets the number of completed epochs (default 0).
     *
     * @param epoch the number of completed epochs, the first epoch a resumed run trains
     * @return this builder
     * @throws IllegalArgumentException if {@code epoch < 0}
     */
    public Builder epoch(int epoch) {
      checkArgument(epoch >= 0, "TrainingCheckpoint: epoch must be >= 0, got %s", epoch);
      this.epoch = epoch;
      return this;
    }

    /**
     * Sets the number of epochs the run was fitted to (default: the completed epochs, a finished
     * run).
     *
     * @param epochs the planned number of epochs, at least the completed ones
     * @return this builder
     * @throws IllegalArgumentException if {@code epochs < 0}
     */
    public Builder plannedEpochs(int epochs) {
      checkArgument(epochs >= 0, "TrainingCheckpoint: planned epochs must be >= 0, got %s", epochs);
      this.plannedEpochs = epochs;
      return this;
    }

    /**
     * Saves a generator's current state (the data order and dropout masks drawn from it).
     *
     * @param generator the run's generator
     * @return this builder
     */
    public Builder generator(Generator generator) {
      this.generatorState =
          checkNotNull(generator, "TrainingCheckpoint: generator is null").state();
      return this;
    }

    /**
     * Sets the training loader's order fingerprint, checked when a trainer resumes.
     *
     * @param fingerprint the fingerprint, or null if unknown
     * @return this builder
     */
    Builder dataOrder(String fingerprint) {
      this.dataOrder = fingerprint;
      return this;
    }

    /**
     * Sets the run's history (default empty).
     *
     * @param history the completed epochs
     * @return this builder
     */
    public Builder history(History history) {
      this.history = checkNotNull(history, "TrainingCheckpoint: history is null");
      return this;
    }

    /**
     * Adds settings of the run, saved as metadata {@code jgrad.setting.<name>}.
     *
     * @param settings the settings by name
     * @return this builder
     * @throws IllegalArgumentException if a name or value is null
     */
    public Builder settings(Map<String, String> settings) {
      checkNotNull(settings, "TrainingCheckpoint: settings are null");
      settings.forEach(
          (k, v) -> {
            checkArgument(
                k != null && v != null, "TrainingCheckpoint: setting %s=%s has a null part", k, v);
            this.settings.put(k, v);
          });
      return this;
    }

    /**
     * Takes the states: copies of the model's tensors, the optimizer's and the scheduler's state
     * dicts.
     *
     * @return the checkpoint
     * @throws IllegalStateException if no generator was given
     * @throws IllegalArgumentException if the planned epochs are fewer than the completed ones
     */
    public TrainingCheckpoint build() {
      checkState(
          generatorState != null,
          "TrainingCheckpoint: no generator given; its state is needed to resume a run exactly");
      checkArgument(
          plannedEpochs < 0 || plannedEpochs >= epoch,
          "TrainingCheckpoint: planned epochs %s are fewer than the completed %s",
          plannedEpochs,
          epoch);
      model = new LinkedHashMap<>();
      liveModel.forEach((k, t) -> model.put(k, t.copy()));
      optimizer = new LinkedHashMap<>(liveOptimizer.stateDict());
      optimizerName = liveOptimizer.name();
      scheduler = new LinkedHashMap<>();
      if (liveScheduler != null) {
        scheduler.putAll(liveScheduler.stateDict());
        schedulerName = schedulerName(liveScheduler);
      }
      return new TrainingCheckpoint(this, "checkpoint");
    }
  }

  /**
   * Writes this checkpoint atomically (see {@link SafeTensors#save(Path, Map, Map)}).
   *
   * @param file the file to create or replace; its folder must exist
   * @throws IOException if the file cannot be written; a previous file is then left intact
   */
  public void save(Path file) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    model.forEach((k, t) -> tensors.put(MODEL_PREFIX + k, t));
    optimizer.forEach((k, t) -> tensors.put(OPTIMIZER_PREFIX + k, t));
    scheduler.forEach((k, t) -> tensors.put(SCHEDULER_PREFIX + k, t));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put(VERSION_KEY, VERSION);
    meta.put(EPOCH, Integer.toString(epoch));
    meta.put(EPOCHS, Integer.toString(plannedEpochs));
    meta.put(OPTIMIZER, optimizerName);
    if (schedulerName != null) {
      meta.put(SCHEDULER, schedulerName);
    }
    meta.put(
        GENERATOR,
        Arrays.stream(generatorState).mapToObj(Long::toString).collect(Collectors.joining(",")));
    if (dataOrder != null) {
      meta.put(DATA_ORDER, dataOrder);
    }
    meta.put(HISTORY, history.toCsv());
    settings.forEach((k, v) -> meta.put(SETTING + k, v));
    SafeTensors.save(file, tensors, meta);
  }

  /**
   * Reads a checkpoint written by {@link #save}, checking its metadata.
   *
   * @param file the file
   * @return the checkpoint
   * @throws SafeTensorsFormatException naming the file if it is not valid safetensors, not a
   *     training checkpoint, of another format version, or its metadata is malformed
   * @throws IOException if the file cannot be read
   */
  public static TrainingCheckpoint load(Path file) throws IOException {
    TensorArchive archive = SafeTensors.load(file);
    Map<String, String> meta = archive.metadata();
    required(file, meta, EPOCH);
    String version = meta.get(VERSION_KEY);
    if (!VERSION.equals(version)) {
      throw new SafeTensorsFormatException(
          file,
          "training checkpoint format version "
              + version
              + " is not supported (this jgrad reads version "
              + VERSION
              + ")");
    }
    Builder b = new Builder();
    try {
      b.epoch(int32(file, EPOCH, meta.get(EPOCH)));
      b.plannedEpochs(int32(file, EPOCHS, required(file, meta, EPOCHS)));
      checkArgument(
          b.plannedEpochs >= b.epoch,
          "%s %s is less than %s %s",
          EPOCHS,
          b.plannedEpochs,
          EPOCH,
          b.epoch);
      String[] words = required(file, meta, GENERATOR).split(",", -1);
      long[] state = new long[words.length];
      for (int i = 0; i < words.length; i++) {
        Long word = Longs.tryParse(words[i]);
        if (word == null) {
          throw notWhole(file, GENERATOR + " word " + i, words[i], 64);
        }
        state[i] = word;
      }
      b.generatorState = Generator.fromState(state).state();
      String csv = meta.get(HISTORY);
      b.history = csv == null ? History.empty() : History.parseCsv(csv);
    } catch (IllegalArgumentException e) {
      throw new SafeTensorsFormatException(file, "invalid training metadata: " + e.getMessage(), e);
    }
    b.optimizerName = required(file, meta, OPTIMIZER);
    b.schedulerName = meta.get(SCHEDULER);
    b.dataOrder = meta.get(DATA_ORDER);
    meta.forEach(
        (k, v) -> {
          if (k.startsWith(SETTING)) {
            b.settings.put(k.substring(SETTING.length()), v);
          }
        });
    b.model = section(archive, MODEL_PREFIX);
    b.optimizer = section(archive, OPTIMIZER_PREFIX);
    b.scheduler = section(archive, SCHEDULER_PREFIX);
    if (b.schedulerName == null && !b.scheduler.isEmpty()) {
      throw new SafeTensorsFormatException(
          file, "scheduler.* tensors are present but metadata " + SCHEDULER + " is missing");
    }
    return new TrainingCheckpoint(b, file.toString());
  }

  /**
   * Loads the saved states into a model's tensors, an optimizer and a scheduler. Everything is
   * checked first; if any part does not fit, nothing is changed.
   *
   * <p>The model's part is loaded strictly, as PyTorch's {@code load_state_dict}: the checkpoint
   * must hold exactly the keys of {@code modelState}, each with the shape of its tensor; values are
   * cast to each tensor's dtype.
   *
   * @param modelState the model's state dict, whose live tensors receive the saved values
   * @param optimizer an optimizer of the kind saved, over parameters of the same shapes
   * @param scheduler a scheduler of the class saved, or null to leave any saved scheduler state
   *     unused
   * @throws IllegalArgumentException naming the file and what does not fit: another optimizer or
   *     scheduler, a scheduler given when none was saved, missing or unexpected model keys, shapes
   *     that differ
   */
  public void restore(Map<String, Tensor> modelState, Optimizer optimizer, LRScheduler scheduler) {
    checkNotNull(modelState, "TrainingCheckpoint.restore: model state is null");
    checkNotNull(optimizer, "TrainingCheckpoint.restore: optimizer is null");
    checkArgument(
        optimizerName.equals(optimizer.name()),
        "TrainingCheckpoint: %s holds %s state, not %s",
        source,
        optimizerName,
        optimizer.name());
    if (scheduler != null) {
      checkArgument(
          schedulerName != null,
          "TrainingCheckpoint: %s holds no scheduler state, but a %s was given",
          source,
          schedulerName(scheduler));
      checkArgument(
          schedulerName.equals(schedulerName(scheduler)),
          "TrainingCheckpoint: %s holds %s state, not %s",
          source,
          schedulerName,
          schedulerName(scheduler));
    }
    checkFits(modelState);
    Map<String, Tensor> optimizerBefore = optimizer.stateDict();
    try {
      optimizer.loadStateDict(this.optimizer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TrainingCheckpoint: " + source + ": " + e.getMessage(), e);
    }
    if (scheduler != null) {
      try {
        scheduler.loadStateDict(this.scheduler);
      } catch (IllegalArgumentException e) {
        optimizer.loadStateDict(optimizerBefore);
        throw new IllegalArgumentException(
            "TrainingCheckpoint: " + source + ": " + e.getMessage(), e);
      }
    }
    modelState.forEach((k, t) -> t.copyFrom(model.get(k)));
  }

  /**
   * Checks that the saved model state has exactly the keys of {@code live}, each with its shape,
   * and names every key that does not fit in the words of PyTorch's {@code load_state_dict}.
   */
  private void checkFits(Map<String, Tensor> live) {
    List<String> missing = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : live.entrySet()) {
      Tensor saved = model.get(e.getKey());
      if (saved == null) {
        missing.add(e.getKey());
      } else if (!saved.shape().equals(e.getValue().shape())) {
        errors.add(
            String.format(
                "size mismatch for %s: copying a param with shape %s from checkpoint, the shape in"
                    + " current model is %s.",
                e.getKey(), saved.shape(), e.getValue().shape()));
      }
    }
    List<String> unexpected =
        model.keySet().stream().filter(k -> !live.containsKey(k)).collect(Collectors.toList());
    if (!unexpected.isEmpty()) {
      errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ".");
    }
    if (!missing.isEmpty()) {
      errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ".");
    }
    checkArgument(
        errors.isEmpty(),
        "TrainingCheckpoint: error(s) in loading the model state of %s:\n\t%s",
        source,
        String.join("\n\t", errors));
  }

  /**
   * Returns the number of completed epochs.
   *
   * @return the epochs completed when the checkpoint was taken, the first epoch to train next
   */
  public int epoch() {
    return epoch;
  }

  /**
   * Returns the number of epochs the run was fitted to.
   *
   * @return the planned epochs; equal to {@link #epoch()} if the run had finished
   */
  public int plannedEpochs() {
    return plannedEpochs;
  }

  /**
   * Returns whether the run had reached its planned epochs when the checkpoint was taken.
   *
   * @return {@code epoch() == plannedEpochs()}
   */
  public boolean finished() {
    return epoch == plannedEpochs;
  }

  /**
   * Returns a generator in the saved state.
   *
   * @return a new generator on each call
   */
  public Generator generator() {
    return Generator.fromState(generatorState);
  }

  /**
   * Returns the saved model state.
   *
   * @return the tensors by name, without the {@code model.} prefix; unmodifiable
   */
  public Map<String, Tensor> modelState() {
    return model;
  }

  /**
   * Returns the name of the optimizer whose state is saved.
   *
   * @return its name, such as {@code Adam}
   */
  public String optimizerName() {
    return optimizerName;
  }

  /**
   * Returns the class of the scheduler whose state is saved.
   *
   * @return its simple class name, such as {@code CosineAnnealingLR}, or empty if none was saved
   */
  public Optional<String> schedulerName() {
    return Optional.ofNullable(schedulerName);
  }

  /**
   * Returns the training loader's order fingerprint.
   *
   * @return the fingerprint, or empty if none was saved
   */
  Optional<String> dataOrder() {
    return Optional.ofNullable(dataOrder);
  }

  /**
   * Returns the run's history.
   *
   * @return the epochs completed when the checkpoint was taken
   */
  public History history() {
    return history;
  }

  /**
   * Returns the run's settings.
   *
   * @return the settings by name (without the metadata prefix); unmodifiable
   */
  public Map<String, String> settings() {
    return settings;
  }

  private static String schedulerName(LRScheduler scheduler) {
    return scheduler.getClass().getSimpleName();
  }

  private static String quoted(List<String> keys) {
    return keys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", "));
  }

  private static String required(Path file, Map<String, String> meta, String key)
      throws SafeTensorsFormatException {
    String value = meta.get(key);
    if (value == null) {
      throw new SafeTensorsFormatException(file, "not a training checkpoint: no metadata " + key);
    }
    return value;
  }

  private static Map<String, Tensor> section(TensorArchive archive, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    archive
        .tensors()
        .forEach(
            (k, t) -> {
              if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), t);
              }
            });
    return out;
  }

  private static int int32(Path file, String key, String text) throws SafeTensorsFormatException {
    Integer value = Ints.tryParse(text);
    if (value == null) {
      throw notWhole(file, key, text, 32);
    }
    return value;
  }

  private static SafeTensorsFormatException notWhole(
      Path file, String what, String text, int bits) {
    return new SafeTensorsFormatException(
        file,
        "invalid training metadata: "
            + what
            + " is '"
            + text
            + "', not a "
            + bits
            + "-bit integer");
  }
}
