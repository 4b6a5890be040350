package dev.jgrad.examples;

import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Puts the fault of a failed file operation in words: the JDK's exceptions often carry only a path
 * ({@code NoSuchFileException: /x}), a bare reason ({@code Is a directory}) or a decoder's position
 * ({@code Input length = 1}).
 */
final class Faults {
  private Faults() {}

  /**
   * Returns what went wrong on one line, without the path (the caller names the file and the
   * operation); a message of several lines is joined into one.
   *
   * @param e the failure
   * @return the fault in words, such as {@code permission denied}
   */
  static String of(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is a file, not a folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "it is a folder that is not empty";
    }
    if (e instanceof CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return lowerFirst(fs.getReason());
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory (the JVM may use "
          + Bytes.format(Runtime.getRuntime().maxMemory())
          + "; give it more with -Xmx, or use smaller layers or batches)";
    }
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : String.join(" ", message.lines().map(String::strip).toList());
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
