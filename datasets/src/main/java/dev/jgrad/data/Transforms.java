package dev.jgrad.data;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.DType;
import java.util.function.UnaryOperator;

/**
 * Batch transforms to pass to {@link Dataset#map}. The image transforms of MNIST-like data (scaling
 * to [0, 1], mean/std normalization, flat or channel layout) are built into {@link ImageDataset},
 * where they cost nothing per batch.
 */
public final class Transforms {
  private Transforms() {}

  /**
   * Returns the transform that replaces INT32 class labels {@code [B]} by FLOAT32 one-hot rows
   * {@code [B, numClasses]}, the target of a mean-squared-error loss or a hand-written softmax
   * backward ({@code dL/dZ = A - Y}).
   *
   * @param numClasses the number of classes, at least 1
   * @return a transform that keeps the inputs and replaces the targets
   * @throws IllegalArgumentException if {@code numClasses < 1}; the transform throws it for a label
   *     outside {@code [0, numClasses)} or a target that is not INT32
   */
  public static UnaryOperator<Batch> oneHot(int numClasses) {
    checkArgument(
        numClasses >= 1, "Transforms.oneHot: numClasses is %s, expected >= 1", numClasses);
    return batch -> {
      checkArgument(
          batch.target().dtype() == DType.INT32,
          "Transforms.oneHot: target %s is %s, expected INT32 labels",
          batch.target().shape(),
          batch.target().dtype());
      return new Batch(batch.input(), batch.target().oneHot(numClasses, DType.FLOAT32));
    };
  }

  /**
   * Returns the transform that maps each input value {@code x} to {@code (x - mean) / std}, as
   * torchvision's {@code Normalize} with one channel.
   *
   * @param mean the value subtracted from every input element
   * @param std the value every difference is divided by, positive
   * @return a transform that keeps the targets and replaces the inputs
   * @throws IllegalArgumentException if {@code std} is not positive and finite or {@code mean} is
   *     not finite
   */
  public static UnaryOperator<Batch> normalize(double mean, double std) {
    checkArgument(Double.isFinite(mean), "Transforms.normalize: mean is %s, expected finite", mean);
    checkArgument(
        std > 0 && Double.isFinite(std),
        "Transforms.normalize: std is %s, expected positive and finite",
        std);
    return batch -> new Batch(batch.input().sub(mean).div(std), batch.target());
  }
}
