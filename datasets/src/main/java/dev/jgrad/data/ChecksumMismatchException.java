package dev.jgrad.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when the SHA-256 of a data file's decompressed bytes differs from the pinned value: the
 * file is corrupt, truncated in a way the format cannot detect, or a different file under the
 * expected name.
 *
 * <p>The message names the file and both hashes, for example {@code
 * data/mnist/train-labels-idx1-ubyte.gz: SHA-256 of the decompressed bytes is 1f0e..., expected
 * 65a5...; the file is corrupt or not the MNIST file of that name: delete it and load again}.
 */
public final class ChecksumMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file whose hash did not match. */
  private final Path file;

  /** The pinned SHA-256, as lowercase hex. */
  private final String expected;

  /** The SHA-256 computed, as lowercase hex. */
  private final String actual;

  /**
   * Creates the exception for {@code file} whose decompressed bytes hash to {@code actual} instead
   * of {@code expected}; {@code datasetName} names the dataset the file should belong to.
   *
   * @param file the file whose bytes were hashed
   * @param datasetName the dataset's name for the message, for example {@code MNIST}
   * @param expected the pinned SHA-256, as lowercase hex
   * @param actual the SHA-256 computed, as lowercase hex
   */
  public ChecksumMismatchException(Path file, String datasetName, String expected, String actual) {
    super(
        String.format(
            "%s: SHA-256 of the decompressed bytes is %s, expected %s; the file is corrupt or not"
                + " the %s file of that name: delete it and load again",
            file, actual, expected, datasetName));
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * Returns the file whose hash did not match.
   *
   * @return the path as the locator found it
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the pinned SHA-256, as lowercase hex.
   *
   * @return 64 lowercase hex digits
   */
  public String expected() {
    return expected;
  }

  /**
   * Returns the SHA-256 that was computed, as lowercase hex.
   *
   * @return 64 lowercase hex digits
   */
  public String actual() {
    return actual;
  }
}
