package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * The fraction of samples whose true class is among the {@code k} largest class scores, as Keras'
 * {@code TopKCategoricalAccuracy}; recorded as {@code top<k>_accuracy}, for example {@code
 * top5_accuracy}.
 *
 * <p>Classes are ranked by score, ties by index (lower first, as {@code argmax} breaks them), so
 * {@code k = 1} counts exactly what {@link Accuracy} counts for finite scores. A NaN score of the
 * true class is never counted as correct.
 */
public final class TopKAccuracy implements Metric {
  private final int k;
  private final String name;
  private long correct;
  private long total;

  /**
   * Creates the metric.
   *
   * @param k how many of the largest scores count, at least 1
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public TopKAccuracy(int k) {
    checkArgument(k >= 1, "TopKAccuracy: k is %s, expected >= 1", k);
    this.k = k;
    this.name = "top" + k + "_accuracy";
  }

  @Override
  public void reset() {
    correct = 0;
    total = 0;
  }

  @Override
  public void update(Tensor output, Tensor target) {
    int[] labels = Labels.of(name, output, target);
    int classes = output.size(1);
    double[] scores = output.contiguous().toDoubleArray();
    for (int i = 0; i < labels.length; i++) {
      int row = i * classes;
      double own = scores[row + labels[i]];
      if (Double.isNaN(own)) {
        continue;
      }
      int ahead = 0;
      for (int c = 0; c < classes && ahead < k; c++) {
        double s = scores[row + c];
        if (s > own || (s == own && c < labels[i])) {
          ahead++;
        }
      }
      if (ahead < k) {
        correct++;
      }
    }
    total += labels.length;
  }

  @Override
  public Map<String, Double> values() {
    return Map.of(name, total == 0 ? Double.NaN : (double) correct / total);
  }
}
