package dev.jgrad.tensor.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a valid safetensors file, or holds something jgrad cannot represent. The
 * message names the file, the tensor (when one is involved) and what was wrong, for example {@code
 * model.safetensors: tensor 'fc.weight': shape [10, 784] of F32 needs 31360 bytes but data_offsets
 * [0, 100] span 100}.
 */
public final class SafeTensorsFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for {@code file} with the given problem.
   *
   * @param file the file that is invalid
   * @param problem what is wrong with it
   */
  public SafeTensorsFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /**
   * Creates an exception for {@code file} with the given problem and underlying cause.
   *
   * @param file the file that is invalid
   * @param problem what is wrong with it
   * @param cause the exception that revealed the problem
   */
  public SafeTensorsFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
