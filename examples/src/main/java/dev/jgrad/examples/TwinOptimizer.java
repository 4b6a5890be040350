package dev.jgrad.examples;

import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.ParamGroup;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Steps a {@link TwinModule} by its twin's own update rule ({@link ManualNetwork#step}): the seed's
 * SGD, SGD with L2 on the weights, RMSProp or seed 003's rate divided by the batch size, written
 * with tensor-core operations. The twin updates all its parameters at once, when {@link #step()}
 * reaches the first; its rate and state (RMSProp's averages) are the twin's, so the group's {@code
 * lr} only records the rate for the run's settings.
 */
final class TwinOptimizer extends Optimizer {
  private final TwinModule module;
  private final Tensor first;

  /**
   * Creates the optimizer.
   *
   * @param module the twin as a module
   * @param rule the name of the twin's rule, such as {@code RMSProp by hand}
   * @param lr the twin's learning rate, recorded
   */
  TwinOptimizer(TwinModule module, String rule, double lr) {
    super(rule, List.of(LR), lr, single(module.parameters()));
    this.module = module;
    this.first = module.parameters().get(0).data();
  }

  @Override
  protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
    if (param == first) {
      module.twin().step(module.gradients(), module.lastBatchSize());
    }
  }
}
