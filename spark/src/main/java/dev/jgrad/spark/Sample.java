package dev.jgrad.spark;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.Serializable;

/**
 * One training sample of a {@code JavaRDD}: the features, flattened in row-major order (reshaped to
 * {@link SparkTrainer.Builder#inputShape}), and the class index as a double, as Spark ML holds
 * labels.
 */
public final class Sample implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The feature values. */
  private final double[] features;

  /** The class index. */
  private final double label;

  /**
   * Creates a sample; the array is kept, not copied.
   *
   * @param features the feature values, converted to the model's dtype on the workers
   * @param label the class index, a whole number from 0
   * @throws NullPointerException if {@code features} is null
   */
  public Sample(double[] features, double label) {
    this.features = checkNotNull(features, "Sample: features are null");
    this.label = label;
  }

  /**
   * Returns the features.
   *
   * @return the array given to the constructor
   */
  public double[] features() {
    return features;
  }

  /**
   * Returns the label.
   *
   * @return the class index
   */
  public double label() {
    return label;
  }
}
