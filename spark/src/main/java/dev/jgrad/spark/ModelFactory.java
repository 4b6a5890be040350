package dev.jgrad.spark;

import dev.jgrad.nn.Module;
import java.io.Serializable;

/**
 * Builds the model on the driver and on every worker: a serializable recipe, since a model's
 * tensors do not travel with Spark's task closures. The workers start from the driver's initial
 * weights, so the factory need not be deterministic; it must build the same architecture (the same
 * state-dict keys and shapes) every time.
 *
 * <pre>{@code
 * ModelFactory lenet = () -> new Sequential(new Conv2d(1, 6, 5, ...), ...);
 * }</pre>
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
  /**
   * Builds a fresh model.
   *
   * @return a new model, in the dtype it is to be trained in
   */
  Module create();
}
