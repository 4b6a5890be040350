package dev.jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageDataset} over the made-up {@link TinyDataset}: loading checks and batches. */
class ImageDatasetTest {
  @TempDir Path root;

  private DataLocator locatorOver(List<byte[]> raw) throws IOException {
    return DataLocator.defaults()
        .withEnvironment(Map.of())
        .withWorkingDirectory(root)
        .withCacheRoot(root.resolve("cache"))
        .withFolder(TinyDataset.writeGzip(root.resolve("files"), raw))
        .offline();
  }

  private ImageDataset tinyTrain() throws IOException {
    return ImageDataset.load(TinyDataset.SPEC, true, locatorOver(TinyDataset.RAW));
  }

  private IdxFormatException rejected(int fileIndex, byte[] replacement) throws IOException {
    List<byte[]> raw = new ArrayList<>(TinyDataset.RAW);
    raw.set(fileIndex, replacement);
    DataLocator locator = locatorOver(raw);
    return assertThrows(
        IdxFormatException.class, () -> ImageDataset.load(TinyDataset.spec(raw), true, locator));
  }

  @Test
  void loadsImagesAndLabels() throws IOException {
    ImageDataset train = tinyTrain();

    assertEquals("Tiny train", train.name());
    assertEquals(6, train.size());
    assertEquals(2, train.rows());
    assertEquals(3, train.cols());
    assertEquals(List.of("a", "b", "c"), train.classNames());
    assertEquals(2, train.label(3));
    assertEquals((1 * 6 + 1 * 3 + 2) * 7 + 3, train.pixel(1, 1, 2));
    assertEquals(
        4, ImageDataset.load(TinyDataset.SPEC, false, locatorOver(TinyDataset.RAW)).size());
  }

  @Test
  void batchScalesPixelsToZeroOneAndKeepsIndexOrder() throws IOException {
    ImageDataset train = tinyTrain();

    Batch batch = train.getBatch(new int[] {5, 0, 5});

    assertEquals(Shape.of(3, 6), batch.input().shape());
    assertArrayEquals(new int[] {0, 0, 0}, batch.target().toIntArray());
    float[] values = batch.input().toFloatArray();
    for (int p = 0; p < 6; p++) {
      assertEquals(train.pixel(5, p / 3, p % 3) / 255f, values[p]);
      assertEquals(train.pixel(0, p / 3, p % 3) / 255f, values[6 + p]);
      assertEquals(values[p], values[12 + p]);
    }
  }

  @Test
  void normalizeAndLayoutAreViewsSharingTheBytes() throws IOException {
    ImageDataset train = tinyTrain();
    ImageDataset view = train.normalize(0.5, 0.25).layout(ImageLayout.NCHW);

    Batch batch = view.getBatch(new int[] {2});

    assertSame(train.imageBytes(), view.imageBytes());
    assertEquals(ImageLayout.FLAT, train.layout());
    assertEquals(Shape.of(1, 1, 2, 3), batch.input().shape());
    assertEquals(
        (float) ((train.pixel(2, 0, 1) / 255.0 - 0.5) / 0.25), batch.input().toFloatArray()[1]);
  }

  @Test
  void unitScaleBatchesMatchThePixelTableForEveryByteValue() {
    float[] table = new float[256];
    for (int p = 0; p < 256; p++) {
      table[p] = (float) (p / 255.0);
    }
    assertTrue(ImageDataset.isUnitScale(table));
    table[200] = Math.nextUp(table[200]);
    assertFalse(ImageDataset.isUnitScale(table));
  }

  @Test
  void unitScaleBatchesGiveTheTableValuesInEitherLayout() throws IOException {
    ImageDataset train = tinyTrain();
    int[] indices = {3, 1, 4};
    Batch batch = train.layout(ImageLayout.NCHW).getBatch(indices);
    assertEquals(Shape.of(3, 1, 2, 3), batch.input().shape());
    float[] values = batch.input().toFloatArray();
    for (int b = 0; b < indices.length; b++) {
      for (int p = 0; p < 6; p++) {
        float expected = (float) (train.pixel(indices[b], p / 3, p % 3) / 255.0);
        assertEquals(expected, values[b * 6 + p]);
      }
    }
  }

  @Test
  void emptyBatch() throws IOException {
    Batch batch = tinyTrain().getBatch(new int[0]);

    assertEquals(Shape.of(0, 6), batch.input().shape());
    assertEquals(0, batch.size());
  }

  @Test
  void badArgumentsNameTheDatasetAndValues() throws IOException {
    ImageDataset train = tinyTrain();

    assertEquals(
        "Tiny train.normalize: std is 0.0, expected positive and finite",
        assertThrows(IllegalArgumentException.class, () -> train.normalize(0.5, 0)).getMessage());
    assertEquals(
        "Tiny train.normalize: mean is NaN, expected finite",
        assertThrows(IllegalArgumentException.class, () -> train.normalize(Double.NaN, 1))
            .getMessage());
    assertEquals(
        "Tiny train.pixel: (row 2, col 0) is outside the 2 x 3 image",
        assertThrows(IllegalArgumentException.class, () -> train.pixel(0, 2, 0)).getMessage());
    assertEquals(
        "Tiny train.getBatch: index 6 at position 0 is outside [0, 6)",
        assertThrows(IllegalArgumentException.class, () -> train.getBatch(new int[] {6}))
            .getMessage());
  }

  @Test
  void imagesMustHaveThreeDimensions() throws IOException {
    IdxFormatException e = rejected(0, IdxBytes.idx(new int[] {6, 6}, IdxBytes.pattern(36)));

    assertTrue(
        e.getMessage().endsWith("images have dimensions [6, 6], expected 3 (count, rows, columns)"),
        e.getMessage());
  }

  @Test
  void labelsMustHaveOneDimension() throws IOException {
    IdxFormatException e = rejected(1, IdxBytes.idx(new int[] {6, 1}, new byte[6]));

    assertTrue(
        e.getMessage().endsWith("labels have dimensions [6, 1], expected 1 (count)"),
        e.getMessage());
  }

  @Test
  void labelCountMustMatchImageCount() throws IOException {
    IdxFormatException e = rejected(1, IdxBytes.idx(new int[] {5}, new byte[5]));

    assertTrue(e.getMessage().contains("5 labels for the 6 images of "), e.getMessage());
  }

  @Test
  void labelsMustBeClasses() throws IOException {
    IdxFormatException e = rejected(1, IdxBytes.idx(new int[] {6}, new byte[] {0, 1, 2, 3, 0, 0}));

    assertTrue(
        e.getMessage().endsWith("label 3 of sample 3 is not a class: expected 0 to 2"),
        e.getMessage());
  }
}
