package dev.jgrad.train;

import dev.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * The fraction of samples whose largest class score is at the true class, as Keras' {@code
 * accuracy} for class scores; recorded as {@code accuracy}.
 *
 * <p>Ties go to the lowest class index, as {@code argmax} breaks them. Targets are {@code [B]}
 * integer class indices or {@code [B, C]} class scores (one-hot rows).
 */
public final class Accuracy implements Metric {
  private long correct;
  private long total;

  /** Creates the metric with no samples seen. */
  public Accuracy() {}

  @Override
  public void reset() {
    correct = 0;
    total = 0;
  }

  @Override
  public void update(Tensor output, Tensor target) {
    int[] labels = Labels.of("accuracy", output, target);
    int[] predicted = output.argmax(1, false).toIntArray();
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        correct++;
      }
    }
    total += labels.length;
  }

  @Override
  public Map<String, Double> values() {
    return Map.of("accuracy", total == 0 ? Double.NaN : (double) correct / total);
  }
}
