package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.nn.Dropout;
import dev.jgrad.nn.Module;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.io.SafeTensorsFormatException;
import dev.jgrad.tensor.io.TensorArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to resume training, in one safetensors file: the model's state dict (keys
 * {@code model.*}), the optimizer's ({@code optimizer.*}), the scheduler's if any ({@code
 * scheduler.*}), and in the metadata the number of completed epochs and the generator's state (data
 * order, dropout masks). Resuming from it and training on gives bit-identical weights to an
 * uninterrupted run.
 *
 * <pre>{@code
 * TrainingCheckpoint.save(path, model, opt, scheduler, epoch, gen);
 * // later, with freshly built model, opt and scheduler:
 * TrainingCheckpoint.Resumed r = TrainingCheckpoint.restore(path, model, opt, scheduler);
 * r.reattach(model);                 // dropout layers draw from the resumed generator
 * Generator gen = r.generator();     // and so does the data order
 * for (int epoch = r.epoch(); epoch < epochs; epoch++) { ... }
 * }</pre>
 */
public final class TrainingCheckpoint {
  private static final String EPOCH = "jgrad.epoch";
  private static final String GENERATOR = "jgrad.generator";
  private static final String OPTIMIZER = "jgrad.optimizer";

  private TrainingCheckpoint() {}

  /**
   * What {@link #restore} returns.
   *
   * @param epoch the number of completed epochs saved
   * @param generator a generator in the saved state
   */
  public record Resumed(int epoch, Generator generator) {
    /**
     * Gives every {@link Dropout} in {@code model} the resumed generator, for runs in which the
     * training loop and the dropout layers share one generator (the one saved); returns {@code
     * model}.
     */
    public <M extends Module> M reattach(M model) {
      for (Module m : model.namedModules().values()) {
        if (m instanceof Dropout d) {
          d.setGenerator(generator);
        }
      }
      return model;
    }
  }

  /**
   * Saves a checkpoint atomically (see {@link SafeTensors#save}).
   *
   * @param scheduler the scheduler, or null if none is used
   * @param epoch the number of completed epochs
   */
  public static void save(
      Path file,
      Module model,
      Optimizer optimizer,
      LRScheduler scheduler,
      int epoch,
      Generator generator)
      throws IOException {
    checkNotNull(model, "TrainingCheckpoint.save: model is null");
    checkNotNull(optimizer, "TrainingCheckpoint.save: optimizer is null");
    checkNotNull(generator, "TrainingCheckpoint.save: generator is null");
    checkArgument(epoch >= 0, "TrainingCheckpoint.save: epoch must be >= 0, got %s", epoch);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    prefixed(tensors, "model.", model.stateDict());
    prefixed(tensors, "optimizer.", optimizer.stateDict());
    if (scheduler != null) {
      prefixed(tensors, "scheduler.", scheduler.stateDict());
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "pt");
    metadata.put(EPOCH, Integer.toString(epoch));
    metadata.put(OPTIMIZER, optimizer.name());
    StringBuilder words = new StringBuilder();
    for (long w : generator.state()) {
      words.append(words.length() == 0 ? "" : ",").append(w);
    }
    metadata.put(GENERATOR, words.toString());
    SafeTensors.save(file, tensors, metadata);
  }

  /**
   * Loads a checkpoint into {@code model}, {@code optimizer} and {@code scheduler} (null if none).
   * If any part does not fit, nothing is changed.
   *
   * @throws SafeTensorsFormatException if the file is invalid or its metadata is missing or wrong
   * @throws IllegalArgumentException if the checkpoint does not fit the model or optimizer
   */
  public static Resumed restore(Path file, Module model, Optimizer optimizer, LRScheduler scheduler)
      throws IOException {
    TensorArchive archive = SafeTensors.load(file);
    Map<String, String> meta = archive.metadata();
    int epoch;
    Generator generator;
    try {
      epoch = Integer.parseInt(required(file, meta, EPOCH));
      String[] parts = required(file, meta, GENERATOR).split(",", -1);
      long[] state = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        state[i] = Long.parseLong(parts[i]);
      }
      generator = Generator.fromState(state);
    } catch (IllegalArgumentException e) {
      throw new SafeTensorsFormatException(file, "invalid training metadata: " + e.getMessage(), e);
    }
    String savedBy = required(file, meta, OPTIMIZER);
    checkArgument(
        savedBy.equals(optimizer.name()),
        "TrainingCheckpoint: %s holds %s state, not %s",
        file,
        savedBy,
        optimizer.name());
    Map<String, Tensor> modelState = section(archive, "model.");
    Map<String, Tensor> optimizerState = section(archive, "optimizer.");
    Map<String, Tensor> schedulerState = section(archive, "scheduler.");
    Map<String, Tensor> modelBefore = copies(model.stateDict());
    Map<String, Tensor> optimizerBefore = optimizer.stateDict();
    model.loadStateDict(modelState);
    try {
      optimizer.loadStateDict(optimizerState);
      if (scheduler != null) {
        scheduler.loadStateDict(schedulerState);
      }
    } catch (IllegalArgumentException e) {
      model.loadStateDict(modelBefore);
      optimizer.loadStateDict(optimizerBefore);
      throw e;
    }
    return new Resumed(epoch, generator);
  }

  private static String required(Path file, Map<String, String> meta, String key)
      throws SafeTensorsFormatException {
    String value = meta.get(key);
    if (value == null) {
      throw new SafeTensorsFormatException(file, "not a training checkpoint: no metadata " + key);
    }
    return value;
  }

  private static void prefixed(Map<String, Tensor> out, String prefix, Map<String, Tensor> in) {
    for (Map.Entry<String, Tensor> e : in.entrySet()) {
      out.put(prefix + e.getKey(), e.getValue());
    }
  }

  private static Map<String, Tensor> section(TensorArchive archive, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : archive.tensors().entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        out.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return out;
  }

  private static Map<String, Tensor> copies(Map<String, Tensor> in) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : in.entrySet()) {
      out.put(e.getKey(), e.getValue().copy());
    }
    return out;
  }
}
