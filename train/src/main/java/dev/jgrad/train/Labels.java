package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.Tensor;

/** Reads the true classes of a batch for the classification metrics. */
final class Labels {
  private Labels() {}

  /**
   * Returns the class of each sample: {@code target} itself if it holds {@code [B]} integer class
   * indices, or the index of each row's largest value if it holds {@code [B, C]} class scores (a
   * one-hot or soft label).
   *
   * @param metric the metric's name for messages
   * @param output the {@code [B, C]} class scores
   * @param target the targets
   * @return the {@code B} classes, each in {@code [0, C)}
   * @throws IllegalArgumentException if the shapes do not fit or a class is out of range
   */
  static int[] of(String metric, Tensor output, Tensor target) {
    checkArgument(
        output.dim() == 2,
        "%s: expected output [B, C] of class scores, got %s",
        metric,
        output.shape());
    int classes = output.size(1);
    int[] labels;
    if (target.dim() == 1 && !target.dtype().isFloatingPoint()) {
      labels = target.toIntArray();
    } else if (target.shape().equals(output.shape())) {
      labels = target.argmax(1, false).toIntArray();
    } else {
      throw new IllegalArgumentException(
          String.format(
              "%s: expected targets [%s] of class indices or %s of class scores for output %s,"
                  + " got %s %s",
              metric,
              output.size(0),
              output.shape(),
              output.shape(),
              target.dtype(),
              target.shape()));
    }
    checkArgument(
        labels.length == output.size(0),
        "%s: output %s and targets %s have different batch sizes",
        metric,
        output.shape(),
        target.shape());
    for (int label : labels) {
      checkArgument(
          label >= 0 && label < classes,
          "%s: target class %s is out of range for %s classes",
          metric,
          label,
          classes);
    }
    return labels;
  }
}
