/**
 * Reverse-mode automatic differentiation over {@link dev.jgrad.tensor.Tensor}s.
 *
 * <ul>
 *   <li>{@link dev.jgrad.autograd.Variable}: a tensor with a gradient and the op that made it; its
 *       methods are the differentiable ops, and {@link dev.jgrad.autograd.Variable#backward()} runs
 *       the backward pass.
 *   <li>{@link dev.jgrad.autograd.Function}: one differentiable op with its forward and backward
 *       pass; the built-in primitives are in {@link dev.jgrad.autograd.ops}, whose package
 *       documentation lists every derivative, and users write their own the same way.
 *   <li>{@link dev.jgrad.autograd.NoGrad}: a thread-confined scope that records nothing.
 *   <li>{@link dev.jgrad.autograd.GradCheck}: finite-difference gradient checking in float64, with
 *       {@code torch.autograd.gradcheck}'s defaults.
 *   <li>{@link dev.jgrad.autograd.GradientComparison}: compares named gradients from two sources (a
 *       hand-derived backward pass and autograd), or a hand-derived Jacobian with autograd's, and
 *       reports the worst entry.
 *   <li>{@link dev.jgrad.autograd.Autograd#grad}: gradients returned instead of accumulated, as
 *       {@code torch.autograd.grad}; {@link dev.jgrad.autograd.AutogradFunctional}: {@code vjp} and
 *       {@code jacobian} of functions of tensors, as {@code torch.autograd.functional}.
 *   <li>{@link dev.jgrad.autograd.Variable#registerHook}: gradient hooks that see or replace a
 *       gradient as a backward pass computes it, removed through a {@link
 *       dev.jgrad.autograd.RemovableHandle}.
 *   <li>{@link dev.jgrad.autograd.GraphDot}: the graph behind a variable in Graphviz's DOT
 *       language, or as a PNG image.
 * </ul>
 *
 * <p>Composite ops ({@code mean}, {@code transpose}, {@code unsqueeze}, {@code dropout}, scalar
 * arithmetic, vector and batched {@code matmul}) are compositions of the primitives, so only the
 * primitives carry derivatives. Higher-order derivatives are not supported: backward passes compute
 * on tensors, not variables.
 *
 * <p>A training step builds the graph by computing with variables, runs {@code backward()} on the
 * scalar loss, and updates the leaves inside {@code NoGrad}:
 *
 * <pre>{@code
 * Generator gen = Generator.seeded(0);
 * Variable w = new Variable(Tensor.randn(gen, 10, 784).mul(0.01)).requiresGrad(true);  // a weight
 * Variable x = new Variable(Tensor.rand(gen, 32, 784));                   // a constant input
 * Tensor labels = Tensor.randint(gen, 0, 10, 32);
 * Variable loss = x.linear(w, null).logSoftmax(1).gather(1, labels.unsqueeze(1)).mean().neg();
 * loss.backward();                                     // w.grad(): [10, 784]
 * try (NoGrad g = NoGrad.enter()) {
 *   w.addInPlace(w.grad(), -0.1);                      // one SGD step
 * }
 * w.setGrad(null);                                     // gradients accumulate until cleared
 * }</pre>
 */
package dev.jgrad.autograd;
