package dev.jgrad.spark;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A state dict as safetensors bytes, the form in which weights travel between driver and tasks. */
final class StateBytes {
  private StateBytes() {}

  /** Returns the safetensors bytes of {@code state}. */
  static byte[] encode(Map<String, Tensor> state) {
    try {
      Path file = Files.createTempFile("jgrad-spark-state", ".safetensors");
      try {
        SafeTensors.save(file, state);
        return Files.readAllBytes(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("SparkTrainer: cannot encode the model's weights", e);
    }
  }

  /** Returns the state dict held in safetensors {@code bytes}. */
  static Map<String, Tensor> decode(byte[] bytes) {
    try {
      Path file = Files.createTempFile("jgrad-spark-state", ".safetensors");
      try {
        Files.write(file, bytes);
        Map<String, Tensor> state = new LinkedHashMap<>();
        SafeTensors.load(file).tensors().forEach((k, t) -> state.put(k, t.copy()));
        return state;
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("SparkTrainer: cannot decode the model's weights", e);
    }
  }
}
