package dev.jgrad.data;

import static dev.jgrad.data.IdxBytes.gzip;
import static dev.jgrad.data.IdxBytes.idx;
import static dev.jgrad.data.IdxBytes.pattern;

import dev.jgrad.data.DatasetSpec.DataFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A made-up dataset in the MNIST layout, small enough to write in every test: 6 training and 4 test
 * images of 2 × 3 pixels, labels 0 to 2, pinned by the hashes of the files this class writes.
 */
final class TinyDataset {
  static final String FOLDER = "tiny";
  static final URI MIRROR_A = URI.create("https://mirror-a.invalid/tiny/");
  static final URI MIRROR_B = URI.create("https://mirror-b.invalid/tiny/");
  static final List<String> NAMES =
      List.of("train-images", "train-labels", "test-images", "test-labels");

  /** The raw (uncompressed) contents of the four files, in the order of {@link #NAMES}. */
  static final List<byte[]> RAW =
      List.of(
          idx(new int[] {6, 2, 3}, pattern(36)),
          idx(new int[] {6}, new byte[] {0, 1, 2, 2, 1, 0}),
          idx(new int[] {4, 2, 3}, pattern(24)),
          idx(new int[] {4}, new byte[] {2, 2, 0, 1}));

  static final DatasetSpec SPEC = spec(RAW);

  private TinyDataset() {}

  /** Returns a spec named "Tiny" whose pinned hashes are those of {@code raw}. */
  static DatasetSpec spec(List<byte[]> raw) {
    List<DataFile> files = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      files.add(new DataFile(NAMES.get(i), IdxBytes.sha256(raw.get(i))));
    }
    return new DatasetSpec(
        "Tiny",
        FOLDER,
        files,
        List.of(MIRROR_A, MIRROR_B),
        List.of(),
        List.of("a", "b", "c"),
        0.5,
        0.25);
  }

  /** Writes the four files of {@code raw}, gzip-compressed, into {@code folder}. */
  static Path writeGzip(Path folder, List<byte[]> raw) throws IOException {
    Files.createDirectories(folder);
    for (int i = 0; i < NAMES.size(); i++) {
      Files.write(folder.resolve(NAMES.get(i) + ".gz"), gzip(raw.get(i)));
    }
    return folder;
  }

  /** Writes the four files of {@link #RAW}, gzip-compressed, into {@code folder}. */
  static Path writeGzip(Path folder) throws IOException {
    return writeGzip(folder, RAW);
  }

  /** Returns the compressed bytes a mirror serves for file {@code index}. */
  static byte[] served(int index) {
    return gzip(RAW.get(index));
  }

  /** Returns the URL of file {@code index} on {@code mirror}. */
  static URI url(URI mirror, int index) {
    return mirror.resolve(NAMES.get(index) + ".gz");
  }
}
