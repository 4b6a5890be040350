package dev.jgrad.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.jgrad.data.DatasetSpec.DataFile;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.FusedOps;
import java.io.IOException;
import java.util.List;

/**
 * A dataset of small grey images with integer class labels, such as {@link DatasetSpec#MNIST} and
 * {@link DatasetSpec#FASHION_MNIST}, as a {@link DatasetSpec} loads it.
 *
 * <p>The images stay in memory as bytes, one per pixel (47 MB for the MNIST training set), and are
 * turned into {@code FLOAT32} values only when a batch is taken: pixel {@code p} in {@code [0,
 * 255]} becomes {@code p / 255}, or {@code (p / 255 - mean) / std} after {@link #normalize(double,
 * double)}. The conversion goes through a table of 256 precomputed floats, so normalization costs
 * nothing per batch. Instances are immutable; {@link #normalize} and {@link #layout} return views
 * that share the bytes.
 */
public final class ImageDataset implements Dataset {
  private final String name;
  private final byte[] images;
  private final byte[] labels;
  private final int rows;
  private final int cols;
  private final ImmutableList<String> classNames;
  private final ImageLayout layout;
  private final float[] pixelValues;
  private final boolean unitScale;

  private ImageDataset(
      String name,
      byte[] images,
      byte[] labels,
      int rows,
      int cols,
      List<String> classNames,
      ImageLayout layout,
      float[] pixelValues) {
    this.name = name;
    this.images = images;
    this.labels = labels;
    this.rows = rows;
    this.cols = cols;
    this.classNames = ImmutableList.copyOf(classNames);
    this.layout = layout;
    this.pixelValues = pixelValues;
    this.unitScale = isUnitScale(pixelValues);
  }

  /**
   * Finds, verifies and loads the training ({@code train == true}) or test split of {@code spec}.
   *
   * @throws IdxFormatException if the image file is not of rank 3, the label file not of rank 1,
   *     their counts differ or a label is not a class of {@code spec}
   */
  static ImageDataset load(DatasetSpec spec, boolean train, DataLocator locator)
      throws IOException {
    DataFile imageFile = train ? spec.trainImages() : spec.testImages();
    DataFile labelFile = train ? spec.trainLabels() : spec.testLabels();
    IdxData images = locator.load(spec, imageFile);
    IdxData labels = locator.load(spec, labelFile);
    if (images.shape().rank() != 3) {
      throw new IdxFormatException(
          images.file(),
          String.format(
              "images have dimensions %s, expected 3 (count, rows, columns)", images.shape()));
    }
    if (labels.shape().rank() != 1) {
      throw new IdxFormatException(
          labels.file(),
          String.format("labels have dimensions %s, expected 1 (count)", labels.shape()));
    }
    if (images.shape().size(0) != labels.shape().size(0)) {
      throw new IdxFormatException(
          labels.file(),
          String.format(
              "%d labels for the %d images of %s",
              labels.shape().size(0), images.shape().size(0), images.file()));
    }
    byte[] labelBytes = labels.payloadArray();
    for (int i = 0; i < labelBytes.length; i++) {
      int label = labelBytes[i] & 0xff;
      if (label >= spec.classNames().size()) {
        throw new IdxFormatException(
            labels.file(),
            String.format(
                "label %d of sample %d is not a class: expected 0 to %d",
                label, i, spec.classNames().size() - 1));
      }
    }
    return new ImageDataset(
        spec.name() + (train ? " train" : " test"),
        images.payloadArray(),
        labelBytes,
        images.shape().size(1),
        images.shape().size(2),
        spec.classNames(),
        ImageLayout.FLAT,
        pixelTable(0.0, 1.0));
  }

  /**
   * Returns the name of the dataset and split, for example {@code "MNIST train"}.
   *
   * @return the dataset's name followed by {@code train} or {@code test}
   */
  public String name() {
    return name;
  }

  /** Returns the number of images. */
  @Override
  public int size() {
    return labels.length;
  }

  /**
   * Returns the height of each image in pixels.
   *
   * @return 28 for MNIST and Fashion-MNIST
   */
  public int rows() {
    return rows;
  }

  /**
   * Returns the width of each image in pixels.
   *
   * @return 28 for MNIST and Fashion-MNIST
   */
  public int cols() {
    return cols;
  }

  /**
   * Returns the name of each class, indexed by label.
   *
   * @return an immutable list, {@code classNames().get(label)} naming a label
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * Returns the number of classes.
   *
   * @return 10 for MNIST and Fashion-MNIST
   */
  public int numClasses() {
    return classNames.size();
  }

  /**
   * Returns the layout batches are given in.
   *
   * @return FLAT unless {@link #layout(ImageLayout)} chose another
   */
  public ImageLayout layout() {
    return layout;
  }

  /**
   * Returns the label of image {@code index}.
   *
   * @param index the image, in {@code [0, size())}
   * @return the label, in {@code [0, numClasses())}
   * @throws IllegalArgumentException if {@code index} is not in {@code [0, size())}
   */
  public int label(int index) {
    checkIndex(index);
    return labels[index] & 0xff;
  }

  /**
   * Returns the grey value, from 0 (background) to 255, of pixel ({@code row}, {@code col}) of
   * image {@code index}.
   *
   * @param index the image, in {@code [0, size())}
   * @param row the pixel's row, from 0 at the top, in {@code [0, rows())}
   * @param col the pixel's column, from 0 at the left, in {@code [0, cols())}
   * @return the raw value, in {@code [0, 255]}, unaffected by {@link #normalize}
   * @throws IllegalArgumentException if an index is out of range
   */
  public int pixel(int index, int row, int col) {
    checkIndex(index);
    checkArgument(
        row >= 0 && row < rows && col >= 0 && col < cols,
        "%s.pixel: (row %s, col %s) is outside the %s x %s image",
        name,
        row,
        col,
        rows,
        cols);
    return images[(index * rows + row) * cols + col] & 0xff;
  }

  /**
   * Returns a view whose batches are normalized: each pixel {@code p} becomes {@code (p / 255 -
   * mean) / std}, as torchvision's {@code Normalize} does after {@code ToTensor}.
   *
   * @param mean the mean to subtract, on the [0, 1] scale, such as {@link DatasetSpec#mean()}
   * @param std the standard deviation to divide by, on the [0, 1] scale, such as {@link
   *     DatasetSpec#std()}
   * @return a view sharing this dataset's images; a second call replaces, not compounds, the
   *     normalization
   * @throws IllegalArgumentException if {@code std} is not positive and finite or {@code mean} is
   *     not finite
   */
  public ImageDataset normalize(double mean, double std) {
    checkArgument(Double.isFinite(mean), "%s.normalize: mean is %s, expected finite", name, mean);
    checkArgument(
        std > 0 && Double.isFinite(std),
        "%s.normalize: std is %s, expected positive and finite",
        name,
        std);
    return new ImageDataset(
        name, images, labels, rows, cols, classNames, layout, pixelTable(mean, std));
  }

  /**
   * Returns a view whose batches have the given layout.
   *
   * @param layout FLAT for a multi-layer perceptron, NCHW for a convolutional network
   * @return a view sharing this dataset's images
   */
  public ImageDataset layout(ImageLayout layout) {
    checkNotNull(layout, "%s.layout: layout is null", name);
    return new ImageDataset(name, images, labels, rows, cols, classNames, layout, pixelValues);
  }

  /**
   * Returns the images at {@code indices} as FLOAT32 inputs, {@code [B, rows * cols]} or {@code [B,
   * 1, rows, cols]} depending on the {@linkplain #layout() layout}, scaled and normalized as the
   * class comment says, with their INT32 labels {@code [B]} as targets.
   *
   * @throws IllegalArgumentException if an index is outside {@code [0, size())}
   */
  @Override
  public Batch getBatch(int[] indices) {
    Indices.checkAll(name + ".getBatch", indices, labels.length);
    int[] targets = new int[indices.length];
    for (int b = 0; b < indices.length; b++) {
      targets[b] = labels[indices[b]] & 0xff;
    }
    int[] shape =
        layout == ImageLayout.FLAT
            ? new int[] {indices.length, rows * cols}
            : new int[] {indices.length, 1, rows, cols};
    return new Batch(inputs(indices, shape), Tensor.of(targets, indices.length));
  }

  /**
   * Converts the images at {@code indices}: unnormalized pixels are gathered as bytes and divided
   * by 255 in one vectorized pass into the tensor, which gives the pixel table's values exactly
   * ({@link #isUnitScale}); normalized ones are looked up in the table.
   */
  private Tensor inputs(int[] indices, int[] shape) {
    int pixels = rows * cols;
    if (unitScale) {
      byte[] bytes = new byte[indices.length * pixels];
      for (int b = 0; b < indices.length; b++) {
        System.arraycopy(images, indices[b] * pixels, bytes, b * pixels, pixels);
      }
      return FusedOps.ofUnsignedBytes(bytes, 255, shape);
    }
    float[] inputs = new float[indices.length * pixels];
    for (int b = 0; b < indices.length; b++) {
      int source = indices[b] * pixels;
      int target = b * pixels;
      for (int p = 0; p < pixels; p++) {
        inputs[target + p] = pixelValues[images[source + p] & 0xff];
      }
    }
    return Tensor.of(inputs, shape);
  }

  /**
   * Returns all labels as an INT32 tensor {@code [size()]}.
   *
   * @return a new tensor with the label of every image, in order
   */
  public Tensor labels() {
    int[] all = new int[labels.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = labels[i] & 0xff;
    }
    return Tensor.of(all, all.length);
  }

  /** Returns the pixel bytes of all images, row-major, for tests in this package. */
  byte[] imageBytes() {
    return images;
  }

  private void checkIndex(int index) {
    checkArgument(
        index >= 0 && index < labels.length,
        "%s: index %s is outside [0, %s)",
        name,
        index,
        labels.length);
  }

  /**
   * Returns whether {@code table[p]} is exactly {@code p / 255f}, the single-precision quotient,
   * for every byte value: true for the unnormalized table, whose entries {@code (float) (p /
   * 255.0)} round to the same floats.
   */
  static boolean isUnitScale(float[] table) {
    for (int p = 0; p < table.length; p++) {
      if (Float.floatToIntBits(table[p]) != Float.floatToIntBits(p / 255f)) {
        return false;
      }
    }
    return true;
  }

  private static float[] pixelTable(double mean, double std) {
    float[] table = new float[256];
    for (int p = 0; p < table.length; p++) {
      table[p] = (float) ((p / 255.0 - mean) / std);
    }
    return table;
  }
}
