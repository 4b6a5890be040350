/**
 * Files: tensors by name in the safetensors layout, which PyTorch users read with the {@code
 * safetensors} package, and {@link dev.jgrad.tensor.io.AtomicFiles}, through which every file jgrad
 * writes is written whole or not at all.
 *
 * <p>The package sits in tensor-core, below {@code nn} and {@code optim}, as PyTorch keeps
 * serialization below its modules: state dicts, optimizer state and training checkpoints are all
 * maps of tensors. {@link dev.jgrad.tensor.io.SafeTensors} validates every file before allocating;
 * nothing here uses Java serialization.
 *
 * <pre>{@code
 * Path file = Path.of("weights.safetensors");
 * SafeTensors.save(file, Map.of("w", Tensor.eye(3)), Map.of("epoch", "5"));
 * TensorArchive archive = SafeTensors.load(file);     // throws IOException, or
 *                                                     // SafeTensorsFormatException for a bad file
 * Tensor w = archive.tensors().get("w");              // FLOAT32 [3, 3]
 * String epoch = archive.metadata().get("epoch");     // "5"
 * }</pre>
 */
package dev.jgrad.tensor.io;
