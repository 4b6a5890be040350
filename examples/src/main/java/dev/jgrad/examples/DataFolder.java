package dev.jgrad.examples;

import dev.jgrad.data.DatasetSpec;
import dev.jgrad.data.DatasetSpec.DataFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads MNIST or Fashion-MNIST for a command: from the folder {@code --data} names, which must hold
 * the four files (so it is never silently replaced by another folder), or by the default lookup
 * when it is not given.
 */
final class DataFolder {
  private static final String OPTION = "--data";

  private DataFolder() {}

  /**
   * Loads a dataset.
   *
   * @param spec the dataset
   * @param folder the folder given with {@code --data}, or null for the default lookup ({@code
   *     JGRAD_DATA}, the project's {@code data/}, the cache, the system folders, a download)
   * @return the training and test sets
   * @throws CommandFailure a usage error if the folder given is missing, not a folder, lacks a file
   *     or holds one that fails verification
   * @throws IOException if the default lookup finds no copy (a paragraph naming the files, the
   *     folders searched, {@code JGRAD_DATA} and the download)
   */
  static ImageData load(DatasetSpec spec, Path folder) throws CommandFailure, IOException {
    if (folder == null) {
      return ImageData.load(spec, null);
    }
    String accepted =
        "expected a folder holding the four "
            + spec.name()
            + " files "
            + names(spec.files())
            + " (raw or .gz), itself or in its "
            + spec.folderName()
            + "/ sub-folder";
    if (!Files.exists(folder)) {
      throw CommandFailure.usage(OPTION, folder, "no such folder", accepted);
    }
    if (!Files.isDirectory(folder)) {
      throw CommandFailure.usage(OPTION, folder, "is a file, not a folder", accepted);
    }
    List<DataFile> missing = new ArrayList<>();
    for (DataFile f : spec.files()) {
      if (!present(folder, f.name()) && !present(folder.resolve(spec.folderName()), f.name())) {
        missing.add(f);
      }
    }
    if (missing.size() == spec.files().size()) {
      throw CommandFailure.usage(
          OPTION, folder, "holds none of the " + spec.name() + " files", accepted);
    }
    if (!missing.isEmpty()) {
      throw CommandFailure.usage(
          OPTION,
          folder,
          "lacks " + names(missing) + " of the four " + spec.name() + " files",
          accepted);
    }
    try {
      return ImageData.load(spec, folder);
    } catch (IOException e) {
      throw CommandFailure.usage(OPTION, folder, Faults.of(e), accepted);
    }
  }

  private static boolean present(Path dir, String name) {
    return Files.isRegularFile(dir.resolve(name)) || Files.isRegularFile(dir.resolve(name + ".gz"));
  }

  private static String names(List<DataFile> files) {
    return files.stream().map(DataFile::name).collect(Collectors.joining(", "));
  }
}
