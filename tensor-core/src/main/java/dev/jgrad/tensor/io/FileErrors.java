package dev.jgrad.tensor.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Restates a failed file operation so that its message names the file, the operation and the fault
 * in words, as {@code out/model.safetensors: cannot write: no such file or folder: out}, where the
 * JDK's own message is often a bare path ({@code out}) or a bare fault ({@code Is a directory}).
 *
 * <pre>{@code
 * try (FileChannel ch = FileChannel.open(file)) {
 *   ...
 * } catch (IOException e) {
 *   throw FileErrors.explain(file, "cannot read checkpoint", e);
 * }
 * }</pre>
 */
public final class FileErrors {
  private FileErrors() {}

  /**
   * Returns {@code e} restated as {@code <file>: <operation>: <fault>}, with {@code e} as its
   * cause. A {@link NoSuchFileException}, {@link AccessDeniedException}, {@link
   * NotDirectoryException}, {@link FileAlreadyExistsException} or {@link
   * DirectoryNotEmptyException} keeps its type, and any other {@link FileSystemException} stays
   * one, so callers can still tell the faults apart; every other exception becomes an {@link
   * IOException}.
   *
   * @param file the file the caller was working on
   * @param operation what the caller was doing, such as {@code cannot read safetensors file}
   * @param e the failure
   * @return the restated exception, for the caller to throw
   */
  public static IOException explain(Path file, String operation, IOException e) {
    checkNotNull(file, "FileErrors.explain: file is null");
    checkNotNull(operation, "FileErrors.explain: operation is null");
    checkNotNull(e, "FileErrors.explain: exception is null");
    String name = file.toString();
    String reason = operation + ": " + fault(file, e);
    IOException restated;
    if (e instanceof NoSuchFileException) {
      restated = new NoSuchFileException(name, null, reason);
    } else if (e instanceof AccessDeniedException) {
      restated = new AccessDeniedException(name, null, reason);
    } else if (e instanceof NotDirectoryException) {
      restated = new NotDirectoryException(name + ": " + reason);
    } else if (e instanceof FileAlreadyExistsException) {
      restated = new FileAlreadyExistsException(name, null, reason);
    } else if (e instanceof DirectoryNotEmptyException) {
      restated = new DirectoryNotEmptyException(name + ": " + reason);
    } else if (e instanceof FileSystemException) {
      restated = new FileSystemException(name, null, reason);
    } else {
      return new IOException(name + ": " + reason, e);
    }
    restated.initCause(e);
    return restated;
  }

  /**
   * Returns what went wrong in words, followed by the path the JDK reports when it is not {@code
   * file} itself (a missing folder, a temporary file).
   */
  private static String fault(Path file, IOException e) {
    if (!(e instanceof FileSystemException f)) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    String words;
    if (f instanceof NoSuchFileException) {
      words = "no such file or folder";
    } else if (f instanceof AccessDeniedException) {
      words = "permission denied";
    } else if (f instanceof NotDirectoryException) {
      words = "not a folder";
    } else if (f instanceof FileAlreadyExistsException) {
      words = "already exists";
    } else if (f instanceof DirectoryNotEmptyException) {
      words = "folder not empty";
    } else {
      words = f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
    }
    String path = f.getFile();
    String other = f.getOtherFile();
    if (other != null) {
      return words + ": " + path + " -> " + other;
    }
    return path == null || path.equals(file.toString()) ? words : words + ": " + path;
  }
}
