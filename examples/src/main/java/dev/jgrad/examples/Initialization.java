package dev.jgrad.examples;

import dev.jgrad.nn.Init;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;

/**
 * How a layer's weight {@code [out, in]} and bias {@code [out]} are drawn, one per seed's habit.
 */
public enum Initialization {
  /** PyTorch's {@code nn.Linear}: both uniform in ±1/√in (seed 000's PyTorch twin). */
  PYTORCH,
  /** He-normal weights {@code N(0, 2/in)}, zero biases (seeds 000, 001, 004). */
  HE_NORMAL,
  /** Unscaled {@code N(0, 1)} weights, zero biases (seed 002's scratch model). */
  UNSCALED_NORMAL,
  /** Glorot-uniform weights, zero biases (Keras' default, seed 002's Keras twin). */
  GLOROT_UNIFORM,
  /** Weights and biases both {@code N(0, 2/in)} (seed 003). */
  HE_NORMAL_BIASES_TOO,
  /** He-uniform weights {@code U(±√(6/in))}, zero biases (the peers' LeNet-5). */
  HE_UNIFORM;

  /** Fills {@code weight} and {@code bias} (zeros on entry) from {@code gen}, weight first. */
  public void apply(Tensor weight, Tensor bias, Generator gen) {
    int in = weight.size(1);
    switch (this) {
      case PYTORCH -> {
        Init.kaimingUniform(weight, gen);
        Init.uniform(bias, -1 / Math.sqrt(in), 1 / Math.sqrt(in), gen);
      }
      case HE_NORMAL -> Init.normal(weight, 0, Math.sqrt(2.0 / in), gen);
      case UNSCALED_NORMAL -> Init.normal(weight, 0, 1, gen);
      case GLOROT_UNIFORM -> Init.xavierUniform(weight, 1, gen);
      case HE_UNIFORM ->
          Init.kaimingUniform(weight, 0, Init.FanMode.FAN_IN, Init.Nonlinearity.RELU, gen);
      case HE_NORMAL_BIASES_TOO -> {
        Init.normal(weight, 0, Math.sqrt(2.0 / in), gen);
        Init.normal(bias, 0, Math.sqrt(2.0 / in), gen);
      }
    }
  }
}
