package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import java.util.function.UnaryOperator;

/** A parameter-free module applying one function; the base of the activation layers. */
abstract class Activation extends Module {
  private final UnaryOperator<Variable> fn;

  Activation(UnaryOperator<Variable> fn) {
    this.fn = fn;
  }

  @Override
  protected final Variable compute(Variable input) {
    return guard(() -> fn.apply(input));
  }
}
