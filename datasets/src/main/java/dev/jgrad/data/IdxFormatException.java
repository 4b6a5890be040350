package dev.jgrad.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a file is not a well-formed IDX file (raw or gzip-compressed): a bad magic number, an
 * unsupported element type, impossible dimensions, a corrupt gzip stream, or a payload whose length
 * differs from what the header claims.
 *
 * <p>The message always names the file and states what was expected and what was found, for example
 * {@code train-images-idx3-ubyte.gz: truncated: the header [60000, 28, 28] needs 47040000 payload
 * bytes, found 1234}.
 */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file that is malformed. */
  private final Path file;

  /**
   * Creates the exception for {@code file} with a message that describes what is wrong.
   *
   * @param file the file that is malformed
   * @param problem what was expected and what was found, in words
   */
  public IdxFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /**
   * Creates the exception for {@code file} with a message and the low-level cause.
   *
   * @param file the file that is malformed
   * @param problem what was expected and what was found, in words
   * @param cause the exception that revealed the problem, such as a {@link
   *     java.util.zip.ZipException}
   */
  public IdxFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /**
   * Returns the file that is malformed.
   *
   * @return the path given to the reader
   */
  public Path file() {
    return file;
  }
}
