package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Trainer#evaluate} returns: the mean loss and each metric's values over one pass of a
 * loader, as the dict of Keras' {@code evaluate(..., return_dict=True)}.
 *
 * @param values {@code loss} first, then the metrics' values by name; unmodifiable
 */
public record Evaluation(Map<String, Double> values) {
  /**
   * Creates the record, copying the values.
   *
   * @param values the values by name, {@code loss} among them
   * @throws IllegalArgumentException if there is no {@code loss}
   */
  public Evaluation {
    checkArgument(values.containsKey("loss"), "Evaluation: values have no 'loss'");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Returns the mean loss over the samples.
   *
   * @return the loss
   */
  public double loss() {
    return values.get("loss");
  }

  /**
   * Returns a value.
   *
   * @param name its name, such as {@code accuracy}
   * @return the value
   * @throws IllegalArgumentException naming the values there are if there is no such value
   */
  public double get(String name) {
    Double v = values.get(name);
    checkArgument(
        v != null,
        "Evaluation: no value '%s' (there are %s)",
        name,
        String.join(", ", values.keySet()));
    return v;
  }
}
