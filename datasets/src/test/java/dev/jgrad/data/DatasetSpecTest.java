package dev.jgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.data.DatasetSpec.DataFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two built-in specs and the checks every spec passes. */
class DatasetSpecTest {
  private static final List<String> IDX_NAMES =
      List.of(
          "train-images-idx3-ubyte",
          "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte");

  private static List<String> names(DatasetSpec spec) {
    return spec.files().stream().map(DataFile::name).toList();
  }

  @Test
  void mnistAndFashionMnistShareTheLayoutButNotTheBytes() {
    assertEquals(IDX_NAMES, names(DatasetSpec.MNIST));
    assertEquals(IDX_NAMES, names(DatasetSpec.FASHION_MNIST));
    for (int i = 0; i < IDX_NAMES.size(); i++) {
      assertNotEquals(
          DatasetSpec.MNIST.files().get(i).sha256(),
          DatasetSpec.FASHION_MNIST.files().get(i).sha256());
    }
    assertEquals("mnist", DatasetSpec.MNIST.folderName());
    assertEquals("fashion-mnist", DatasetSpec.FASHION_MNIST.folderName());
    assertEquals(10, DatasetSpec.MNIST.classNames().size());
    assertEquals("Ankle boot", DatasetSpec.FASHION_MNIST.classNames().get(9));
    assertEquals(
        List.of(Path.of("/usr/share/datasets/fashion-mnist")),
        DatasetSpec.FASHION_MNIST.systemFolders());
  }

  @Test
  void theSplitsAreTheFilesInOrder() {
    DatasetSpec spec = DatasetSpec.MNIST;

    assertEquals(spec.files().get(0), spec.trainImages());
    assertEquals(spec.files().get(1), spec.trainLabels());
    assertEquals(spec.files().get(2), spec.testImages());
    assertEquals(spec.files().get(3), spec.testLabels());
  }

  @Test
  void aSpecCopiesItsLists() {
    List<String> classes = new ArrayList<>(List.of("a", "b"));
    DatasetSpec spec = withClasses(classes);

    classes.add("c");

    assertEquals(List.of("a", "b"), spec.classNames());
    assertThrows(UnsupportedOperationException.class, () -> spec.classNames().add("d"));
  }

  @Test
  void malformedSpecsAreRejectedWithTheReason() {
    List<DataFile> three = DatasetSpec.MNIST.files().subList(0, 3);
    assertEquals(
        "DatasetSpec Bad: 3 files, expected 4 (train images, train labels, test images, test"
            + " labels)",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new DatasetSpec(
                        "Bad", "bad", three, List.of(), List.of(), List.of("a"), 0.5, 0.25))
            .getMessage());
    assertEquals(
        "DatasetSpec Bad: 0 classes, expected 1 to 256",
        assertThrows(IllegalArgumentException.class, () -> withClasses(List.of())).getMessage());
    assertEquals(
        "DatasetSpec Bad: std is 0.0, expected positive and finite",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new DatasetSpec(
                        "Bad",
                        "bad",
                        DatasetSpec.MNIST.files(),
                        List.of(),
                        List.of(),
                        List.of("a"),
                        0.5,
                        0))
            .getMessage());
    assertEquals(
        "DataFile x: SHA-256 'ABC' is not 64 lowercase hex digits",
        assertThrows(IllegalArgumentException.class, () -> new DataFile("x", "ABC")).getMessage());
  }

  private static DatasetSpec withClasses(List<String> classes) {
    return new DatasetSpec(
        "Bad",
        "bad",
        DatasetSpec.MNIST.files(),
        List.of(URI.create("https://mirror.invalid/")),
        List.of(),
        classes,
        0.5,
        0.25);
  }
}
