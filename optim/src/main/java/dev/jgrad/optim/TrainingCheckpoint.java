package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.Ints;
import com.google.common.primitives.Longs;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.io.SafeTensorsFormatException;
import dev.jgrad.tensor.io.TensorArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything needed to resume training, in one safetensors file: the model's state dict (keys
 * {@code model.*}), the optimizer's ({@code optimizer.*}), the scheduler's if any ({@code
 * scheduler.*}), and in the metadata the number of completed epochs and the generator's state (data
 * order, dropout masks). Resuming from it and training on gives bit-identical weights to an
 * uninterrupted run.
 *
 * <p>The model is seen only through its state dict: the map from names to the live tensors of its
 * parameters and buffers, as {@code nn}'s {@code Module.stateDict()} returns it (or, for a model of
 * plain variables, a map of their {@code data()}). {@link #restore} copies the saved values into
 * those tensors.
 *
 * <pre>{@code
 * TrainingCheckpoint.save(path, model.stateDict(), opt, scheduler, epoch, gen);
 * // later, with freshly built model, opt and scheduler:
 * TrainingCheckpoint.Resumed r = TrainingCheckpoint.restore(path, model.stateDict(), opt, scheduler);
 * Generator gen = r.generator();     // the data order, and the dropout layers, draw from it
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
   * <p>For runs in which the training loop and the dropout layers share one generator (the one
   * saved), give the dropout layers this generator as well ({@code Dropout.setGenerator} in {@code
   * nn}).
   *
   * @param epoch the number of completed epochs saved
   * @param generator a generator in the saved state
   */
  public record Resumed(int epoch, Generator generator) {}

  /**
   * Saves a checkpoint atomically (see {@link SafeTensors#save}).
   *
   * @param file the file to create or replace
   * @param modelState the model's state dict
   * @param optimizer the optimizer
   * @param scheduler the scheduler, or null if none is used
   * @param epoch the number of completed epochs
   * @param generator the generator of the data order and dropout masks, saved in its current state
   * @throws IOException if the file cannot be written; a previous file is then left intact
   */
  public static void save(
      Path file,
      Map<String, Tensor> modelState,
      Optimizer optimizer,
      LRScheduler scheduler,
      int epoch,
      Generator generator)
      throws IOException {
    checkNotNull(modelState, "TrainingCheckpoint.save: model state is null");
    checkNotNull(optimizer, "TrainingCheckpoint.save: optimizer is null");
    checkNotNull(generator, "TrainingCheckpoint.save: generator is null");
    checkArgument(epoch >= 0, "TrainingCheckpoint.save: epoch must be >= 0, got %s", epoch);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    prefixed(tensors, "model.", modelState);
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
   * Loads a checkpoint into the tensors of {@code modelState}, {@code optimizer} and {@code
   * scheduler}. If any part does not fit, nothing is changed.
   *
   * <p>The model's part is loaded strictly, as PyTorch's {@code load_state_dict}: the checkpoint
   * must hold exactly the keys of {@code modelState}, each with the shape of its tensor; values are
   * cast to each tensor's dtype.
   *
   * @param file a file written by {@link #save}
   * @param modelState the model's state dict, whose tensors receive the saved values
   * @param optimizer the optimizer, of the kind saved
   * @param scheduler the scheduler, or null if none is used
   * @return the number of completed epochs and the restored generator
   * @throws SafeTensorsFormatException if the file is invalid or its metadata is missing or wrong
   * @throws IllegalArgumentException if the checkpoint does not fit the model, optimizer or
   *     scheduler
   * @throws IOException if the file cannot be read
   */
  public static Resumed restore(
      Path file, Map<String, Tensor> modelState, Optimizer optimizer, LRScheduler scheduler)
      throws IOException {
    checkNotNull(modelState, "TrainingCheckpoint.restore: model state is null");
    TensorArchive archive = SafeTensors.load(file);
    Map<String, String> meta = archive.metadata();
    String epochText = required(file, meta, EPOCH);
    Integer epoch = Ints.tryParse(epochText);
    if (epoch == null) {
      throw notWhole(file, EPOCH, epochText, 32);
    }
    String[] parts = required(file, meta, GENERATOR).split(",", -1);
    long[] state = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Long word = Longs.tryParse(parts[i]);
      if (word == null) {
        throw notWhole(file, GENERATOR + " word " + i, parts[i], 64);
      }
      state[i] = word;
    }
    Generator generator;
    try {
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
    Map<String, Tensor> savedModel = section(archive, "model.");
    checkFits(file, savedModel, modelState);
    Map<String, Tensor> optimizerBefore = optimizer.stateDict();
    try {
      optimizer.loadStateDict(section(archive, "optimizer."));
      if (scheduler != null) {
        scheduler.loadStateDict(section(archive, "scheduler."));
      }
    } catch (IllegalArgumentException e) {
      optimizer.loadStateDict(optimizerBefore);
      throw e;
    }
    for (Map.Entry<String, Tensor> e : modelState.entrySet()) {
      e.getValue().copyFrom(savedModel.get(e.getKey()));
    }
    return new Resumed(epoch, generator);
  }

  /**
   * Checks that {@code saved} has exactly the keys of {@code model}, each with its shape, and names
   * every key that does not fit in the words of PyTorch's {@code load_state_dict}.
   */
  private static void checkFits(Path file, Map<String, Tensor> saved, Map<String, Tensor> model) {
    List<String> missing = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : model.entrySet()) {
      Tensor source = saved.get(e.getKey());
      if (source == null) {
        missing.add(e.getKey());
      } else if (!source.shape().equals(e.getValue().shape())) {
        errors.add(
            String.format(
                "size mismatch for %s: copying a param with shape %s from checkpoint, the shape in"
                    + " current model is %s.",
                e.getKey(), source.shape(), e.getValue().shape()));
      }
    }
    List<String> unexpected =
        saved.keySet().stream().filter(k -> !model.containsKey(k)).collect(Collectors.toList());
    if (!unexpected.isEmpty()) {
      errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ".");
    }
    if (!missing.isEmpty()) {
      errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ".");
    }
    checkArgument(
        errors.isEmpty(),
        "TrainingCheckpoint: error(s) in loading the model state of %s:\n\t%s",
        file,
        String.join("\n\t", errors));
  }

  private static String quoted(List<String> keys) {
    return keys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", "));
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
}
