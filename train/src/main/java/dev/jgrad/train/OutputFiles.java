package dev.jgrad.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, when a run starts, that a callback will be able to write its file. */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Checks that {@code file} can be created or replaced: its folder exists, is a folder and is
   * writable, and the file itself is not a folder.
   *
   * @param who the callback, for the message
   * @param file the file it will write
   * @throws IOException naming the callback, the file and the fault if it cannot be written
   */
  static void checkWritable(String who, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path folder = absolute.getParent();
    String fault = null;
    if (folder == null) {
      fault = "it names no file in a folder";
    } else if (!Files.exists(folder)) {
      fault = "the folder " + folder + " does not exist";
    } else if (!Files.isDirectory(folder)) {
      fault = folder + " is not a folder";
    } else if (!Files.isWritable(folder)) {
      fault = "the folder " + folder + " is not writable";
    } else if (Files.isDirectory(absolute)) {
      fault = "it is a folder";
    }
    if (fault != null) {
      throw new IOException(who + ": cannot write " + absolute + ": " + fault);
    }
  }
}
