package dev.jgrad.examples;

import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLocator;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.data.ImageDataset;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST as the seeds feed it to their networks: each image a row of 784 pixels scaled to {@code [0,
 * 1]} by {@code p / 255}, labels as integers or one-hot rows.
 *
 * @param train the 60,000 training images
 * @param test the 10,000 test images
 */
public record MnistData(ImageDataset train, ImageDataset test) {
  /** The number of classes. */
  public static final int CLASSES = 10;

  /** The number of pixels per image. */
  public static final int PIXELS = 784;

  /**
   * Loads and verifies MNIST from {@code folder}, or from the default lookup order when it is null.
   *
   * @throws IOException if the files are missing or fail verification
   */
  public static MnistData load(Path folder) throws IOException {
    DataLocator locator = DataLocator.defaults();
    if (folder != null) {
      locator = locator.withFolder(folder);
    }
    return new MnistData(DatasetSpec.MNIST.train(locator), DatasetSpec.MNIST.test(locator));
  }

  /** Returns a batch's images as {@code [B, 784]} in {@code dtype}. */
  public static Tensor inputs(Batch batch, DType dtype) {
    return batch.input().to(dtype);
  }

  /** Returns a batch's labels as one-hot rows {@code [B, 10]} in {@code dtype}. */
  public static Tensor oneHot(Batch batch, DType dtype) {
    return batch.target().oneHot(CLASSES, dtype);
  }
}
