package dev.jgrad.tensor;

import dev.jgrad.tensor.internal.fused.FusedOps;

/**
 * tensor-core's side of the {@link FusedOps} door: forwards each fused operation to the entry point
 * of its family, which chooses the kernel.
 */
final class FusedOpsBridge implements FusedOps.Bridge {
  @Override
  public Tensor reluBackward(Tensor grad, Tensor result) {
    return PointwiseOps.reluBackward(grad, result);
  }

  @Override
  public Tensor addInPlaceWithDecay(Tensor param, Tensor grad, double alpha, double decay) {
    return WriteOps.addInPlaceWithDecay(param, grad, alpha, decay);
  }

  @Override
  public Tensor momentumStep(
      Tensor param, Tensor buf, Tensor grad, double momentum, double gradScale, double alpha) {
    return WriteOps.momentumStep(param, buf, grad, momentum, gradScale, alpha);
  }

  @Override
  public Tensor ofUnsignedBytes(byte[] data, double divisor, int[] shape) {
    return WriteOps.ofUnsignedBytes(data, divisor, shape);
  }

  @Override
  public Object array(Tensor t) {
    return t.data();
  }

  @Override
  public Tensor wrap(Object data, int[] shape) {
    return Tensor.wrapping(data, Shape.of(shape));
  }
}
