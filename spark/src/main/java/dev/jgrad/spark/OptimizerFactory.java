package dev.jgrad.spark;

import dev.jgrad.nn.Parameter;
import dev.jgrad.optim.Optimizer;
import java.io.Serializable;
import java.util.List;

/**
 * Builds the optimizer over a model's parameters on every worker, as a serializable recipe: {@code
 * params -> new Adam(params, 1e-3)}. Every worker holds the same optimizer state and takes the same
 * step.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
  /**
   * Builds the optimizer.
   *
   * @param parameters the parameters of a freshly built model, in {@code Module.parameters()} order
   * @return a new optimizer over them
   */
  Optimizer create(List<Parameter> parameters);
}
