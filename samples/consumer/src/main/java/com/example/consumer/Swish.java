package com.example.consumer;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Tensor;

/**
 * A user's own differentiable op: swish, {@code y = x · σ(x)}, with its derivative {@code dy/dx =
 * σ(x) + x · σ(x) · (1 − σ(x))}.
 */
public final class Swish extends Function {
  @Override
  protected Tensor forward(Tensor... inputs) {
    Tensor x = inputs[0];
    Tensor s = x.sigmoid();
    saveForBackward(x, s);
    return x.mul(s);
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor x = savedTensor(0);
    Tensor s = savedTensor(1);
    Tensor ds = s.mul(s.neg().add(1));
    return new Tensor[] {grad.mul(s.add(x.mul(ds)))};
  }
}
