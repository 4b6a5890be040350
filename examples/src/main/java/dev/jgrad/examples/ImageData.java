package dev.jgrad.examples;

import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLocator;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.data.ImageDataset;
import dev.jgrad.data.ImageLayout;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The images a command trains and tests on, MNIST or Fashion-MNIST: 28 × 28 grey pixels scaled to
 * {@code [0, 1]} by {@code p / 255}, labels 0 to 9 as integers or one-hot rows. The seeds feed each
 * image to their networks as a row of 784 pixels; convolutional networks take it as {@code [1, 28,
 * 28]} ({@link #as}).
 *
 * @param spec which dataset
 * @param train the 60,000 training images
 * @param test the 10,000 test images
 */
public record ImageData(DatasetSpec spec, ImageDataset train, ImageDataset test) {
  /** The number of classes. */
  public static final int CLASSES = 10;

  /** The number of pixels per image. */
  public static final int PIXELS = 784;

  /**
   * Loads and verifies MNIST from {@code folder}, or from the default lookup order when it is null.
   *
   * @param folder the folder, or null
   * @return the training and test sets
   * @throws IOException if the files are missing or fail verification
   */
  public static ImageData mnist(Path folder) throws IOException {
    return load(DatasetSpec.MNIST, folder);
  }

  /**
   * Loads and verifies a dataset from {@code folder}, or from the default lookup order when it is
   * null.
   *
   * @param spec the dataset
   * @param folder the folder, or null
   * @return the training and test sets
   * @throws IOException if the files are missing or fail verification
   */
  public static ImageData load(DatasetSpec spec, Path folder) throws IOException {
    DataLocator locator = DataLocator.defaults();
    if (folder != null) {
      locator = locator.withFolder(folder);
    }
    return new ImageData(spec, spec.train(locator), spec.test(locator));
  }

  /**
   * Returns these sets with batches shaped as {@code layout} says.
   *
   * @param layout {@code FLAT} for perceptrons, {@code NCHW} for convolutional networks
   * @return the same images
   */
  public ImageData as(ImageLayout layout) {
    return new ImageData(spec, train.layout(layout), test.layout(layout));
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
