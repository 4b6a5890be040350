package dev.jgrad.examples;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.io.TensorArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint in one safetensors file: the model's state dict under {@code model.}, the
 * optimizer's {@code stateDict()} under {@code optimizer.}, and string metadata (the epoch reached
 * and the settings needed to resume). PyTorch users read it with the {@code safetensors} package;
 * the write is atomic.
 *
 * @param model the parameters, {@code "0.weight"} and so on
 * @param optimizer the optimizer's state dict (empty for weights saved without one)
 * @param metadata the epoch and settings, as strings
 */
public record Checkpoint(
    Map<String, Tensor> model, Map<String, Tensor> optimizer, Map<String, String> metadata) {
  private static final String MODEL = "model.";
  private static final String OPTIMIZER = "optimizer.";

  /** Writes this checkpoint to {@code file}, replacing it atomically. */
  public void save(Path file) throws IOException {
    Map<String, Tensor> all = new LinkedHashMap<>();
    model.forEach((name, t) -> all.put(MODEL + name, t));
    optimizer.forEach((name, t) -> all.put(OPTIMIZER + name, t));
    SafeTensors.save(file, all, metadata);
  }

  /**
   * Reads a checkpoint written by {@link #save}.
   *
   * @throws IOException if the file is unreadable, not safetensors, or holds no model tensors
   */
  public static Checkpoint load(Path file) throws IOException {
    TensorArchive archive = SafeTensors.load(file);
    Map<String, Tensor> model = new LinkedHashMap<>();
    Map<String, Tensor> optimizer = new LinkedHashMap<>();
    archive
        .tensors()
        .forEach(
            (name, t) -> {
              if (name.startsWith(MODEL)) {
                model.put(name.substring(MODEL.length()), t);
              } else if (name.startsWith(OPTIMIZER)) {
                optimizer.put(name.substring(OPTIMIZER.length()), t);
              }
            });
    if (model.isEmpty()) {
      throw new IOException(file + ": no tensors named model.* in this checkpoint");
    }
    return new Checkpoint(model, optimizer, archive.metadata());
  }

  /**
   * Returns a metadata value.
   *
   * @throws IllegalArgumentException if it is missing
   */
  public String meta(String key) {
    String v = metadata.get(key);
    checkArgument(v != null, "checkpoint: no metadata %s (has %s)", key, metadata.keySet());
    return v;
  }
}
