package dev.jgrad.examples;

import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import dev.jgrad.optim.Adam;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.ParamGroup;
import dev.jgrad.optim.RMSprop;
import dev.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@code optim} optimizer over a model with two parameter groups: the weights (names
 * ending {@code .weight}), which get the weight decay, and the biases, which do not, as seed 001
 * penalizes its weights only. Other hyperparameters are PyTorch's defaults.
 */
public final class Optimizers {
  /** The optimizers on offer. */
  public enum Kind {
    /** {@code torch.optim.SGD} without momentum. */
    SGD,
    /** {@code torch.optim.SGD(momentum=0.9)}: heavy-ball momentum, no dampening (LeNet-5's). */
    SGD_MOMENTUM,
    /** {@code torch.optim.RMSprop}: α 0.99, ε 1e-8 outside the square root. */
    RMSPROP,
    /** {@code torch.optim.Adam}: β (0.9, 0.999), ε 1e-8. */
    ADAM
  }

  private Optimizers() {}

  /**
   * Returns the optimizer.
   *
   * @throws IllegalArgumentException if the rate is not positive or the decay is negative
   */
  public static Optimizer create(
      Kind kind, Module model, double learningRate, double weightDecayOnWeights) {
    if (!(learningRate > 0) || weightDecayOnWeights < 0) {
      throw new IllegalArgumentException(
          "optimizer: expected lr > 0 and weight decay >= 0, got lr "
              + learningRate
              + " and weight decay "
              + weightDecayOnWeights);
    }
    List<Parameter> weights = new ArrayList<>();
    List<Parameter> biases = new ArrayList<>();
    model
        .namedParameters()
        .forEach((name, p) -> (name.endsWith(".weight") ? weights : biases).add(p));
    List<ParamGroup> groups =
        List.of(
            ParamGroup.of(weights).set(Optimizer.WEIGHT_DECAY, weightDecayOnWeights),
            ParamGroup.of(biases));
    return switch (kind) {
      case SGD -> new SGD(groups, learningRate);
      case SGD_MOMENTUM -> new SGD(groups, learningRate).momentum(0.9);
      case RMSPROP -> new RMSprop(groups, learningRate);
      case ADAM -> new Adam(groups, learningRate);
    };
  }
}
