package dev.jgrad.tensor.io;

import com.google.common.collect.ImmutableMap;
import dev.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * The contents of a safetensors file: named tensors in file order and string metadata.
 *
 * @param tensors the tensors by name, in the order of the file's header
 * @param metadata the {@code __metadata__} entries (empty when the file has none)
 */
public record TensorArchive(Map<String, Tensor> tensors, Map<String, String> metadata) {
  /**
   * Creates an archive; both maps are copied into immutable maps that keep their order.
   *
   * @param tensors the tensors by name, in file order; copied
   * @param metadata the string metadata by key; copied, may be empty
   */
  public TensorArchive {
    tensors = ImmutableMap.copyOf(tensors);
    metadata = ImmutableMap.copyOf(metadata);
  }
}
