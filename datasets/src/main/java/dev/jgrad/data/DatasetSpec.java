package dev.jgrad.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An image-classification dataset stored as four IDX files in MNIST's layout, and the loader of its
 * training and test splits. {@link #MNIST} and {@link #FASHION_MNIST} are the two built in; other
 * datasets of the same layout (KMNIST, the EMNIST splits) are one constructor call away.
 *
 * <p>A load finds the split's two files as {@link DataLocator} describes (explicit folder, {@code
 * JGRAD_DATA}, the project's {@code data/<folderName>}, the spec's system folders, the per-user
 * cache, then a download from the spec's mirrors), verifies the SHA-256 of their decompressed bytes
 * against the spec's pinned values, and checks that the images are of rank 3, the labels of rank 1,
 * the counts equal and every label a class. The file names and hashes of MNIST and Fashion-MNIST
 * are written once, in the two constants below.
 *
 * <pre>{@code
 * ImageDataset train = DatasetSpec.MNIST.train(dataDir);
 * ImageDataset test = DatasetSpec.FASHION_MNIST.test().normalize(
 *     DatasetSpec.FASHION_MNIST.mean(), DatasetSpec.FASHION_MNIST.std());
 * }</pre>
 *
 * @param name the name users know, for messages ({@code "MNIST"})
 * @param folderName the sub-folder of a data root that holds the files ({@code "mnist"})
 * @param files the training images, training labels, test images and test labels, in that order
 * @param mirrors base URLs; a file's URL is the base followed by its name and {@code .gz}
 * @param systemFolders folders a system package installs the files into
 * @param classNames the name of each class label, indexed by label
 * @param mean the mean pixel value of the training set on the [0, 1] scale, for {@link
 *     ImageDataset#normalize}
 * @param std the standard deviation of the training set's pixel values on the [0, 1] scale
 */
public record DatasetSpec(
    String name,
    String folderName,
    List<DataFile> files,
    List<URI> mirrors,
    List<Path> systemFolders,
    List<String> classNames,
    double mean,
    double std) {

  /**
   * The MNIST handwritten digits: 60,000 training and 10,000 test images of 28 × 28 grey pixels
   * with labels 0 to 9, kept in {@code data/mnist} of a jgrad checkout.
   */
  public static final DatasetSpec MNIST =
      new DatasetSpec(
          "MNIST",
          "mnist",
          List.of(
              new DataFile(
                  "train-images-idx3-ubyte",
                  "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
              new DataFile(
                  "train-labels-idx1-ubyte",
                  "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
              new DataFile(
                  "t10k-images-idx3-ubyte",
                  "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
              new DataFile(
                  "t10k-labels-idx1-ubyte",
                  "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
          List.of(
              URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
              URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
          List.of(),
          List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
          0.1307,
          0.3081);

  /**
   * Fashion-MNIST, Zalando's drop-in replacement for MNIST: 60,000 training and 10,000 test images
   * of 28 × 28 grey pixels showing ten kinds of clothing, labels 0 ({@code T-shirt/top}) to 9
   * ({@code Ankle boot}); also found in {@code /usr/share/datasets/fashion-mnist}, where Debian's
   * {@code dataset-fashion-mnist} package installs it.
   */
  public static final DatasetSpec FASHION_MNIST =
      new DatasetSpec(
          "Fashion-MNIST",
          "fashion-mnist",
          List.of(
              new DataFile(
                  "train-images-idx3-ubyte",
                  "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
              new DataFile(
                  "train-labels-idx1-ubyte",
                  "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
              new DataFile(
                  "t10k-images-idx3-ubyte",
                  "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
              new DataFile(
                  "t10k-labels-idx1-ubyte",
                  "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
          List.of(
              URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
              URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/")),
          List.of(Path.of("/usr/share/datasets/fashion-mnist")),
          List.of(
              "T-shirt/top",
              "Trouser",
              "Pullover",
              "Dress",
              "Coat",
              "Sandal",
              "Shirt",
              "Sneaker",
              "Bag",
              "Ankle boot"),
          0.2860,
          0.3530);

  private static final int FILES = 4;
  private static final int MAX_CLASSES = 256;

  /**
   * Checks and copies the components.
   *
   * @param name the name users know, for messages
   * @param folderName the sub-folder of a data root that holds the files
   * @param files the four files: training images, training labels, test images, test labels; copied
   * @param mirrors base URLs to download from, tried in order; at least one; copied
   * @param systemFolders folders a system package installs the files into, may be empty; copied
   * @param classNames the name of each class label, from 1 to 256 names; copied
   * @param mean the training set's mean pixel value on the [0, 1] scale, finite
   * @param std the training set's pixel standard deviation on the [0, 1] scale, positive and finite
   * @throws IllegalArgumentException if there are not four files, no mirror list, no class or more
   *     than 256 (labels are bytes), or the mean or std is not finite (std also positive)
   */
  public DatasetSpec {
    checkNotNull(name, "DatasetSpec: name is null");
    checkNotNull(folderName, "DatasetSpec %s: folderName is null", name);
    files = List.copyOf(files);
    mirrors = List.copyOf(mirrors);
    systemFolders = List.copyOf(systemFolders);
    classNames = List.copyOf(classNames);
    checkArgument(
        files.size() == FILES,
        "DatasetSpec %s: %s files, expected %s (train images, train labels, test images, test"
            + " labels)",
        name,
        files.size(),
        FILES);
    checkArgument(
        !classNames.isEmpty() && classNames.size() <= MAX_CLASSES,
        "DatasetSpec %s: %s classes, expected 1 to %s",
        name,
        classNames.size(),
        MAX_CLASSES);
    checkArgument(Double.isFinite(mean), "DatasetSpec %s: mean is %s, expected finite", name, mean);
    checkArgument(
        std > 0 && Double.isFinite(std),
        "DatasetSpec %s: std is %s, expected positive and finite",
        name,
        std);
  }

  /**
   * Loads the training split with the {@linkplain DataLocator#defaults() default lookup}.
   *
   * @return the training images and labels
   * @throws DatasetNotFoundException if the files are nowhere to be found and cannot be downloaded
   * @throws ChecksumMismatchException if a file found has the wrong SHA-256
   * @throws IOException if a file found cannot be read or is not a well-formed IDX file
   */
  public ImageDataset train() throws IOException {
    return train(DataLocator.defaults());
  }

  /**
   * Loads the training split, looking in {@code folder} (or its {@link #folderName()} sub-folder)
   * first.
   *
   * @param folder the folder to look in before the default lookup
   * @return the training images and labels
   * @throws DatasetNotFoundException if the files are nowhere to be found and cannot be downloaded
   * @throws ChecksumMismatchException if a file found has the wrong SHA-256
   * @throws IOException if a file found cannot be read or is not a well-formed IDX file
   */
  public ImageDataset train(Path folder) throws IOException {
    return train(DataLocator.defaults().withFolder(folder));
  }

  /**
   * Loads the training split with the lookup of {@code locator}.
   *
   * @param locator where to look for the files and whether to download them
   * @return the training images and labels
   * @throws DatasetNotFoundException if the files are nowhere to be found and cannot be downloaded
   * @throws ChecksumMismatchException if a file found has the wrong SHA-256
   * @throws IOException if a file found cannot be read or is not a well-formed IDX file
   */
  public ImageDataset train(DataLocator locator) throws IOException {
    return ImageDataset.load(this, true, locator);
  }

  /**
   * Loads the test split with the {@linkplain DataLocator#defaults() default lookup}.
   *
   * @return the test images and labels
   * @throws DatasetNotFoundException if the files are nowhere to be found and cannot be downloaded
   * @throws ChecksumMismatchException if a file found has the wrong SHA-256
   * @throws IOException if a file found cannot be read or is not a well-formed IDX file
   */
  public ImageDataset test() throws IOException {
    return test(DataLocator.defaults());
  }

  /**
   * Loads the test split, looking in {@code folder} (or its {@link #folderName()} sub-folder)
   * first.
   *
   * @param folder the folder to look in before the default lookup
   * @return the test images and labels
   * @throws DatasetNotFoundException if the files are nowhere to be found and cannot be downloaded
   * @throws ChecksumMismatchException if a file found has the wrong SHA-256
   * @throws IOException if a file found cannot be read or is not a well-formed IDX file
   */
  public ImageDataset test(Path folder) throws IOException {
    return test(DataLocator.defaults().withFolder(folder));
  }

  /**
   * Loads the test split with the lookup of {@code locator}.
   *
   * @param locator where to look for the files and whether to download them
   * @return the test images and labels
   * @throws DatasetNotFoundException if the files are nowhere to be found and cannot be downloaded
   * @throws ChecksumMismatchException if a file found has the wrong SHA-256
   * @throws IOException if a file found cannot be read or is not a well-formed IDX file
   */
  public ImageDataset test(DataLocator locator) throws IOException {
    return ImageDataset.load(this, false, locator);
  }

  /** The training images, the first file. */
  DataFile trainImages() {
    return files.get(0);
  }

  /** The training labels, the second file. */
  DataFile trainLabels() {
    return files.get(1);
  }

  /** The test images, the third file. */
  DataFile testImages() {
    return files.get(2);
  }

  /** The test labels, the fourth file. */
  DataFile testLabels() {
    return files.get(3);
  }

  /**
   * One file of a dataset.
   *
   * @param name the file name without the {@code .gz} suffix ({@code "train-images-idx3-ubyte"})
   * @param sha256 the SHA-256 of the decompressed bytes, 64 lowercase hex digits
   */
  public record DataFile(String name, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Checks the components.
     *
     * @param name the file name without the {@code .gz} suffix
     * @param sha256 the SHA-256 of the decompressed bytes, 64 lowercase hex digits
     * @throws IllegalArgumentException if the name is empty or the hash is not 64 lowercase hex
     *     digits
     */
    public DataFile {
      checkArgument(name != null && !name.isEmpty(), "DataFile: name is empty");
      checkArgument(
          sha256 != null && SHA256.matcher(sha256).matches(),
          "DataFile %s: SHA-256 '%s' is not 64 lowercase hex digits",
          name,
          sha256);
    }
  }
}
