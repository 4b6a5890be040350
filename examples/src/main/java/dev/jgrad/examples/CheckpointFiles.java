package dev.jgrad.examples;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensorsFormatException;
import dev.jgrad.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the checkpoint a command is given ({@code --resume}, {@code eval}'s argument), turning
 * every problem into one line that names the file and the fault: missing, a folder, not a jgrad
 * checkpoint, or holding weights that are NaN or infinite.
 */
final class CheckpointFiles {
  private static final String ACCEPTED =
      "expected a checkpoint.safetensors saved by jgrad train or a seed main";

  private CheckpointFiles() {}

  /**
   * Loads a training checkpoint and checks that its weights are finite.
   *
   * @param option the option or parameter that named the file, for messages
   * @param file the file
   * @return the checkpoint
   * @throws CommandFailure a usage error if the file is missing, a folder, not a training
   *     checkpoint, or holds weights that are not finite; a run error if it cannot be read
   */
  static TrainingCheckpoint load(String option, Path file) throws CommandFailure {
    if (!Files.exists(file)) {
      throw CommandFailure.usage(option, file, "no such file", ACCEPTED);
    }
    if (Files.isDirectory(file)) {
      throw CommandFailure.usage(option, file, "is a folder, not a file", ACCEPTED);
    }
    TrainingCheckpoint checkpoint;
    try {
      checkpoint = TrainingCheckpoint.load(file);
    } catch (SafeTensorsFormatException e) {
      throw CommandFailure.usage(
          option, file, "not a jgrad checkpoint: " + fault(e, file), ACCEPTED);
    } catch (IOException e) {
      throw CommandFailure.failed("cannot read " + file + ": " + Faults.of(e), e);
    }
    for (Map.Entry<String, Tensor> t : checkpoint.modelState().entrySet()) {
      // 0 · x is 0 for every finite x and NaN for NaN and ±∞, so the sum is finite iff all are.
      if (!Double.isFinite(t.getValue().mul(0).sum().item())) {
        throw CommandFailure.usage(
            option,
            file,
            "its weight " + t.getKey() + " holds NaN or infinite values (the run had diverged)",
            "expected a checkpoint of finite weights, such as one saved before a divergence");
      }
    }
    return checkpoint;
  }

  /** Returns the fault of a format error without the file name that starts its message. */
  private static String fault(SafeTensorsFormatException e, Path file) {
    String text = Faults.of(e);
    String prefix = file + ": ";
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }
}
