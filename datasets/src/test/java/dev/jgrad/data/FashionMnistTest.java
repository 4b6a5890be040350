package dev.jgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jgrad.tensor.testing.References;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Fashion-MNIST files, from Debian's {@code dataset-fashion-mnist} package (which {@code
 * .ci/run} installs) or any other folder of the lookup order; the tests skip, saying why, when the
 * files are nowhere to be found (and fail instead with {@code CI=true}).
 */
class FashionMnistTest {
  private static ImageDataset train;
  private static ImageDataset test;

  @BeforeAll
  static void load() throws IOException {
    DataLocator locator = DataLocator.defaults().withEnvironment(Map.of()).offline();
    String missing = null;
    try {
      train = DatasetSpec.FASHION_MNIST.train(locator);
      test = DatasetSpec.FASHION_MNIST.test(locator);
    } catch (DatasetNotFoundException e) {
      missing = e.getMessage();
    }
    References.require(
        missing == null,
        "Fashion-MNIST is not installed (install the Debian package dataset-fashion-mnist, as"
            + " .ci/run does): "
            + missing);
  }

  @Test
  void counts() {
    assertEquals(60_000, train.size());
    assertEquals(10_000, test.size());
    assertEquals(28, test.rows());
    assertEquals("Ankle boot", train.classNames().get(9));
  }

  @Test
  void firstLabels() {
    int[] firstTrain = {9, 0, 0, 3, 0, 2, 7, 2, 5, 5};
    int[] firstTest = {9, 2, 1, 1, 6, 1, 4, 6, 5, 7};
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

    assertEquals(DatasetSpec.FASHION_MNIST.mean(), mean, 5e-5);
    assertEquals(
        DatasetSpec.FASHION_MNIST.std(),
        Math.sqrt(sumOfSquares / pixels.length - mean * mean),
        5e-5);
  }
}
