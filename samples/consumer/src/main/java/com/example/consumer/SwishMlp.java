package com.example.consumer;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Module;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;

/** A custom network: {@code Linear → Swish → Linear}, the hidden layer using the custom op. */
public final class SwishMlp extends Module {
  private final Linear hidden;
  private final Linear output;

  /**
   * Creates the network with weights drawn from {@code gen}.
   *
   * @param in input features
   * @param width hidden units
   * @param out output features (classes)
   * @param dtype the parameters' floating dtype
   * @param gen the generator the initial weights come from
   */
  public SwishMlp(int in, int width, int out, DType dtype, Generator gen) {
    hidden =
        registerModule("hidden", Linear.builder(in, width).dtype(dtype).generator(gen).build());
    output =
        registerModule("output", Linear.builder(width, out).dtype(dtype).generator(gen).build());
  }

  /**
   * Returns the hidden layer.
   *
   * @return the first linear layer
   */
  public Linear hidden() {
    return hidden;
  }

  /**
   * Returns the output layer.
   *
   * @return the second linear layer
   */
  public Linear output() {
    return output;
  }

  @Override
  protected Variable compute(Variable x) {
    return output.forward(new Swish().apply(hidden.forward(x)));
  }
}
