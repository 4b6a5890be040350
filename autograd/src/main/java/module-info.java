/**
 * jgrad's reverse-mode automatic differentiation: {@link dev.jgrad.autograd.Variable}, the backward
 * engine, custom {@link dev.jgrad.autograd.Function}s, gradient checking, and ({@link
 * dev.jgrad.autograd.ops}) one class per differentiable primitive.
 */
module dev.jgrad.autograd {
  requires transitive dev.jgrad.tensor;
  requires com.google.common;

  exports dev.jgrad.autograd;
  exports dev.jgrad.autograd.ops;
}
