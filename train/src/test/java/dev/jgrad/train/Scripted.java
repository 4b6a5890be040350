package dev.jgrad.train;

import dev.jgrad.tensor.Tensor;
import java.util.Map;

/** A metric named {@code score} whose value in epoch {@code e} is {@code values[e]}. */
final class Scripted implements Metric {
  private final double[] values;
  private int epoch = -1;

  Scripted(double... values) {
    this.values = values;
  }

  @Override
  public void reset() {
    epoch++;
  }

  @Override
  public void update(Tensor output, Tensor target) {}

  @Override
  public Map<String, Double> values() {
    return Map.of("score", epoch < 0 ? Double.NaN : values[epoch]);
  }
}
