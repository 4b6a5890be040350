package dev.jgrad.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.Generator;
import java.util.Arrays;

/**
 * A dataset divided into a training part and a validation part.
 *
 * <p>Both factories use Keras' rule for the sizes: of {@code n} samples and a validation fraction
 * {@code f}, the training part gets {@code floor(n * (1 - f))} samples and the validation part the
 * rest.
 *
 * @param train the samples to train on
 * @param validation the samples held out
 */
public record Split(Subset train, Subset validation) {
  /**
   * Creates a split.
   *
   * @param train the samples to train on
   * @param validation the samples held out
   * @throws IllegalArgumentException if a part is null
   */
  public Split {
    checkNotNull(train, "Split: train is null");
    checkNotNull(validation, "Split: validation is null");
  }

  /**
   * Splits off the last {@code validationFraction} of {@code dataset}, in order, as Keras' {@code
   * validation_split}: no shuffling, so the result is the same on every run.
   *
   * @param dataset the samples to divide
   * @param validationFraction the share of samples held out, in {@code [0, 1]}
   * @return the first samples for training and the last for validation
   * @throws IllegalArgumentException if {@code validationFraction} is not in {@code [0, 1]}
   */
  public static Split lastFraction(Dataset dataset, double validationFraction) {
    int n = dataset.size();
    int trainSize = trainSize("Split.lastFraction", n, validationFraction);
    return split(dataset, identity(n), trainSize);
  }

  /**
   * Splits {@code dataset} at random, as PyTorch's {@code random_split}: the samples are permuted
   * with {@code generator} (which advances), the first {@code floor(n * (1 - f))} go to training.
   *
   * @param dataset the samples to divide
   * @param validationFraction the share of samples held out, in {@code [0, 1]}
   * @param generator the generator that permutes the samples; it advances
   * @return disjoint random parts that together hold every sample once
   * @throws IllegalArgumentException if {@code validationFraction} is not in {@code [0, 1]}
   */
  public static Split random(Dataset dataset, double validationFraction, Generator generator) {
    checkNotNull(generator, "Split.random: generator is null");
    int n = dataset.size();
    int trainSize = trainSize("Split.random", n, validationFraction);
    return split(dataset, generator.permutation(n), trainSize);
  }

  private static int trainSize(String op, int n, double validationFraction) {
    checkArgument(
        validationFraction >= 0 && validationFraction <= 1,
        "%s: validation fraction is %s, expected a number in [0, 1]",
        op,
        validationFraction);
    return (int) Math.floor(n * (1 - validationFraction));
  }

  private static Split split(Dataset dataset, int[] order, int trainSize) {
    return new Split(
        Subset.of(dataset, Arrays.copyOfRange(order, 0, trainSize)),
        Subset.of(dataset, Arrays.copyOfRange(order, trainSize, order.length)));
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
