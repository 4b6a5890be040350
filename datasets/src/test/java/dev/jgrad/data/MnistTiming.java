package dev.jgrad.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Measures, outside the test suite, the time to load MNIST (train and test, with gzip and SHA-256
 * verification) and to iterate one shuffled epoch of FLOAT32 batches of 32.
 *
 * <p>Run from the project root after {@code ./mvnw -B verify}, with the runs as argument:
 *
 * <pre>{@code
 * java -cp datasets/target/test-classes:datasets/target/classes:tensor-core/target/classes:GUAVA_JAR \
 *     dev.jgrad.data.MnistTiming 7
 * }</pre>
 */
final class MnistTiming {
  private MnistTiming() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    DataLocator locator = DataLocator.defaults().withEnvironment(Map.of()).offline();
    double[] loads = new double[runs];
    double[] epochs = new double[runs];
    long checksum = 0;
    for (int run = 0; run < runs; run++) {
      long start = System.nanoTime();
      DatasetSpec mnist = DatasetSpec.MNIST;
      ImageDataset train = mnist.train(locator).normalize(mnist.mean(), mnist.std());
      ImageDataset test = mnist.test(locator);
      loads[run] = (System.nanoTime() - start) / 1e6;

      DataLoader loader = DataLoader.of(train, 32).shuffle(run);
      start = System.nanoTime();
      int batches = 0;
      for (Batch batch : loader.epoch(0)) {
        checksum += batch.target().toIntArray()[0];
        batches++;
      }
      epochs[run] = (System.nanoTime() - start) / 1e6;
      System.out.printf(
          "run %d: load train+test %.0f ms (%d + %d images), epoch of %d batches of 32: %.0f ms%n",
          run, loads[run], train.size(), test.size(), batches, epochs[run]);
    }
    System.out.printf(
        "median of %d runs: load %.0f ms, epoch %.0f ms (checksum %d)%n",
        runs, median(loads), median(epochs), checksum);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
