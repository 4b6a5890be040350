package dev.jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.data.DatasetSpec.DataFile;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real MNIST files committed in the project's {@code data/mnist}. */
class MnistTest {
  private static DataLocator projectOnly;
  private static ImageDataset train;
  private static ImageDataset test;

  @BeforeAll
  static void load() throws IOException {
    projectOnly = DataLocator.defaults().withEnvironment(Map.of()).offline();
    train = DatasetSpec.MNIST.train(projectOnly);
    test = DatasetSpec.MNIST.test(projectOnly);
  }

  @Test
  void projectDataFolderIsFoundFromTheModuleDirectory() {
    Path folder = projectOnly.searchFolders("mnist").get(0);

    assertEquals(Path.of("data", "mnist"), folder.getParent().getParent().relativize(folder));
    assertEquals(true, Files.isRegularFile(folder.resolve("train-images-idx3-ubyte.gz")));
  }

  @Test
  void pinnedHashesAreThoseOfTheDecompressedProjectFiles() throws Exception {
    Path folder = projectOnly.searchFolders("mnist").get(0);
    for (DataFile file : DatasetSpec.MNIST.files()) {
      assertEquals(
          file.sha256(), sha256OfDecompressed(folder.resolve(file.name() + ".gz")), file.name());
    }
  }

  @Test
  void counts() {
    assertEquals(60_000, train.size());
    assertEquals(10_000, test.size());
    assertEquals(28, train.rows());
    assertEquals(28, train.cols());
    assertEquals(10, train.numClasses());
    assertEquals("MNIST train", train.name());
    assertEquals("MNIST test", test.name());
  }

  @Test
  void firstLabels() {
    int[] firstTrain = {5, 0, 4, 1, 9, 2, 1, 3, 1, 4};
    int[] firstTest = {7, 2, 1, 0, 4, 1, 4, 9, 5, 9};
    for (int i = 0; i < 10; i++) {
      assertEquals(firstTrain[i], train.label(i), "train " + i);
      assertEquals(firstTest[i], test.label(i), "test " + i);
    }
  }

  @Test
  void pixelMeanAndStandardDeviationOfTheTrainingSet() {
    double sum = 0;
    double sumOfSquares = 0;
    byte[] pixels = train.imageBytes();
    for (byte b : pixels) {
      double value = (b & 0xff) / 255.0;
      sum += value;
      sumOfSquares += value * value;
    }
    double mean = sum / pixels.length;
    double std = Math.sqrt(sumOfSquares / pixels.length - mean * mean);

    assertEquals(0.1307, mean, 5e-5);
    assertEquals(0.3081, std, 5e-5);
    assertEquals(DatasetSpec.MNIST.mean(), mean, 5e-5);
    assertEquals(DatasetSpec.MNIST.std(), std, 5e-5);
  }

  @Test
  void batchesAreFloatImagesInZeroOneWithIntLabels() {
    Batch batch = train.getBatch(new int[] {0, 1, 2});

    assertEquals(Shape.of(3, 784), batch.input().shape());
    assertEquals(DType.FLOAT32, batch.input().dtype());
    assertEquals(DType.INT32, batch.target().dtype());
    assertArrayEquals(new int[] {5, 0, 4}, batch.target().toIntArray());
    float[] values = batch.input().toFloatArray();
    // Row 14 of the first image (a "5") runs through its middle stroke.
    for (int col = 0; col < 28; col++) {
      assertEquals(train.pixel(0, 14, col) / 255f, values[14 * 28 + col], 1e-7f);
    }
  }

  @Test
  void normalizedBatchesMapEachPixelThroughMeanAndStd() {
    float[] values =
        train
            .normalize(DatasetSpec.MNIST.mean(), DatasetSpec.MNIST.std())
            .getBatch(new int[] {0})
            .input()
            .toFloatArray();

    for (int p = 0; p < 784; p++) {
      double expected =
          (train.pixel(0, p / 28, p % 28) / 255.0 - DatasetSpec.MNIST.mean())
              / DatasetSpec.MNIST.std();
      assertEquals((float) expected, values[p]);
    }
  }

  @Test
  void imageLayoutWithOneChannel() {
    Batch batch = test.layout(ImageLayout.NCHW).getBatch(new int[] {9, 8});

    assertEquals(Shape.of(2, 1, 28, 28), batch.input().shape());
    assertArrayEquals(new int[] {9, 5}, batch.target().toIntArray());
  }

  @Test
  void labelTensorHoldsEveryLabel() {
    int[] labels = test.labels().toIntArray();

    assertEquals(10_000, labels.length);
    assertEquals(7, labels[0]);
    assertEquals(test.label(9_999), labels[9_999]);
  }

  @Test
  void outOfRangeIndexNamesTheDataset() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> test.getBatch(new int[] {0, 10_000}));

    assertEquals(
        "MNIST test.getBatch: index 10000 at position 1 is outside [0, 10000)", e.getMessage());
    assertEquals(
        "MNIST test: index -1 is outside [0, 10000)",
        assertThrows(IllegalArgumentException.class, () -> test.label(-1)).getMessage());
  }

  private static String sha256OfDecompressed(Path file)
      throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in =
        new DigestInputStream(new GZIPInputStream(Files.newInputStream(file)), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
