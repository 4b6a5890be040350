package dev.jgrad.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output folder of a run, checked before training starts: it can be created and written, and it
 * holds no other run's files unless {@code --force} says to replace them.
 */
final class RunFolder {
  /** The files a run writes: if any is in a folder, the folder holds a run. */
  static final List<String> RUN_FILES =
      List.of(
          "checkpoint.safetensors",
          "weights.safetensors",
          "metrics.csv",
          "curves.png",
          "predictions.png");

  private static final String OPTION = "--out";
  private static final String WRITABLE = "expected a folder that can be created and written";

  private RunFolder() {}

  /**
   * Creates the folder if needed and checks it.
   *
   * @param folder the output folder
   * @param force whether another run's files in it are to be deleted
   * @param resumed the checkpoint being resumed, or null for a new run: a folder that holds it is
   *     its run's own and is kept as it is
   * @return the folder
   * @throws CommandFailure a usage error if the folder is a file, cannot be created or written, or
   *     holds another run's files without {@code force}
   * @throws IOException if {@code force} is given and another run's file cannot be deleted
   */
  static Path prepare(Path folder, boolean force, Path resumed) throws CommandFailure, IOException {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw CommandFailure.usage(OPTION, folder, "is a file, not a folder", WRITABLE);
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw CommandFailure.usage(
          OPTION,
          folder,
          "cannot create this folder (the system answers: " + Faults.of(e) + ")",
          WRITABLE);
    }
    try {
      Files.delete(Files.createTempFile(folder, ".jgrad-write-check", ".tmp"));
    } catch (IOException e) {
      throw CommandFailure.usage(
          OPTION,
          folder,
          "cannot create a file in this folder (the system answers: " + Faults.of(e) + ")",
          WRITABLE);
    }
    if (resumed != null && ownsCheckpoint(folder, resumed)) {
      return folder;
    }
    List<String> present = new ArrayList<>();
    for (String name : RUN_FILES) {
      if (Files.exists(folder.resolve(name))) {
        present.add(name);
      }
    }
    if (present.isEmpty()) {
      return folder;
    }
    if (!force) {
      Path checkpoint = folder.resolve(RUN_FILES.get(0));
      throw CommandFailure.usage(
          OPTION,
          folder,
          "holds another run's files (" + String.join(", ", present) + ")",
          "pass --force to replace them"
              + (Files.exists(checkpoint)
                  ? ", --resume " + checkpoint + " to continue that run"
                  : "")
              + " or another --out");
    }
    for (String name : present) {
      Path file = folder.resolve(name);
      try {
        Files.delete(file);
      } catch (IOException e) {
        throw new IOException("cannot delete " + file + " (--force): " + Faults.of(e), e);
      }
    }
    return folder;
  }

  private static boolean ownsCheckpoint(Path folder, Path resumed) throws IOException {
    Path own = folder.resolve(resumed.getFileName());
    return Files.exists(own) && Files.isSameFile(own, resumed);
  }
}
