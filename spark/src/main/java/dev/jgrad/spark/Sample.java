package dev.jgrad.spark;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.Serializable;

/**
 * One training sample of a {@code JavaRDD}: the features, flattened in row-major order (reshaped to
 * {@link SparkTrainer.Builder#inputShape}), and the class index as a double, as Spark ML holds
 * labels.
 *
 * @param features the feature values, converted to the model's dtype on the workers
 * @param label the class index, a whole number from 0
 */
public record Sample(double[] features, double label) implements Serializable {
  /**
   * Checks the features are present.
   *
   * @throws NullPointerException if {@code features} is null
   */
  public Sample {
    checkNotNull(features, "Sample: features are null");
  }
}
