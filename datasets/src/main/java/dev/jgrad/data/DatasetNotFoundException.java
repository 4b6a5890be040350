package dev.jgrad.data;

import java.io.IOException;

/**
 * Thrown when a dataset's files are in none of the folders searched and could not be downloaded.
 *
 * <p>The message is one paragraph meant for the person running the program: it names the files, the
 * folders searched, why the download failed, and how to point jgrad at the files. The failure of
 * each download attempt is attached as a suppressed exception.
 */
public final class DatasetNotFoundException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with the paragraph that explains what is missing and what to do.
   *
   * @param message the whole explanation, shown to the user as it is
   */
  public DatasetNotFoundException(String message) {
    super(message);
  }
}
