package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.FusedConvPool;
import dev.jgrad.tensor.internal.fused.Pooling;

/**
 * {@code max_pool2d}: each output is the maximum of its window of an input {@code [N, C, H, W]} (or
 * unbatched {@code [C, H, W]}), as {@code torch.nn.functional.max_pool2d}: padding counts as -inf,
 * ties go to the window's first maximum in scan order (rows, then columns) and a NaN in the window
 * wins (the last one, as PyTorch's CPU kernel). The gradient goes to that element; windows that
 * overlap add their gradients.
 *
 * <pre>
 * self: max_pool2d_with_indices_backward(grad, self, kernel_size, stride, padding, dilation,
 *       ceil_mode, indices) = zeros(self.sizes()) with grad added at each window's argmax
 * </pre>
 *
 * <p>Set the options before {@link #apply}: {@code new MaxPool2d(3, 3).stride(2, 2).padding(1,
 * 1).apply(x)}; the stride defaults to the kernel size, padding to 0, dilation to 1, ceil mode to
 * off.
 */
public final class MaxPool2d extends Function {
  private final int[] kernelSize;
  private int[] stride;
  private int[] padding = {0, 0};
  private int[] dilation = {1, 1};
  private boolean ceilMode;
  private Shape inputShape;

  /**
   * Creates the op with a window of {@code kernelH x kernelW}, its stride.
   *
   * @param kernelH the window's height, positive
   * @param kernelW the window's width, positive
   */
  public MaxPool2d(int kernelH, int kernelW) {
    kernelSize = new int[] {kernelH, kernelW};
    stride = kernelSize;
  }

  /**
   * Sets the steps between windows, as {@code stride=}.
   *
   * @param h the vertical step, positive
   * @param w the horizontal step, positive
   * @return this op
   */
  public MaxPool2d stride(int h, int w) {
    stride = new int[] {h, w};
    return this;
  }

  /**
   * Sets the implicit -inf padding on each side, as {@code padding=}.
   *
   * @param h the rows added above and below, from 0 to half the kernel height
   * @param w the columns added left and right, from 0 to half the kernel width
   * @return this op
   */
  public MaxPool2d padding(int h, int w) {
    padding = new int[] {h, w};
    return this;
  }

  /**
   * Sets the steps between a window's elements, as {@code dilation=}.
   *
   * @param h the vertical step, positive
   * @param w the horizontal step, positive
   * @return this op
   */
  public MaxPool2d dilation(int h, int w) {
    dilation = new int[] {h, w};
    return this;
  }

  /**
   * Sets whether the output size rounds up, keeping a last partial window that starts inside the
   * input or its left padding, as {@code ceil_mode=}.
   *
   * @param ceilMode true to round up, false (the default) to round down
   * @return this op
   */
  public MaxPool2d ceilMode(boolean ceilMode) {
    this.ceilMode = ceilMode;
    return this;
  }

  @Override
  public String name() {
    return "max_pool2d";
  }

  /** Returns the options set so far. */
  FusedConvPool.PoolOptions options() {
    return new FusedConvPool.PoolOptions(kernelSize, stride, padding, dilation, ceilMode);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    Pooling.MaxPoolResult r =
        Pooling.maxPool2d(in[0], kernelSize, stride, padding, dilation, ceilMode);
    saveForBackward(r.indices());
    return r.output();
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {new Backward(savedTensor(0), inputShape).apply(grad)};
  }

  /**
   * max_pool2d's derivative as an op, the fused kernel: each output's gradient added to its input
   * position; linear in grad, and its adjoint gathers at the indices (0 for a window lying wholly
   * in the padding, index -1).
   *
   * <pre>
   * grad: grad.flatten(2).gather(2, indices.flatten(2)).view_as(indices)
   * </pre>
   */
  static final class Backward extends Function {
    private final Tensor indices;
    private final Shape inputShape;

    Backward(Tensor indices, Shape inputShape) {
      this.indices = indices;
      this.inputShape = inputShape;
    }

    @Override
    public String name() {
      return "max_pool2d_with_indices_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(indices);
      return Pooling.maxPool2dBackward(in[0], indices, inputShape);
    }

    @Override
    protected Variable[] backward(Variable grad) {
      Tensor idx = savedTensor(0);
      double[] raw = idx.toDoubleArray();
      int[] safe = new int[raw.length];
      double[] kept = new double[raw.length];
      for (int i = 0; i < raw.length; i++) {
        safe[i] = Math.max(0, (int) raw[i]);
        kept[i] = raw[i] < 0 ? 0 : 1;
      }
      int[] outShape = idx.shape().toArray();
      int rank = outShape.length;
      int plane = inputShape.size(rank - 2) * inputShape.size(rank - 1);
      int planes = outShape[0] * (rank == 4 ? outShape[1] : 1);
      int outPlane = planes == 0 ? 0 : raw.length / planes;
      Variable flat = grad.reshape(planes, plane);
      Variable picked = flat.gather(1, Tensor.of(safe, planes, outPlane));
      Tensor mask = Tensor.of(kept, outShape).to(grad.dtype());
      return new Variable[] {picked.reshape(outShape).mul(new Variable(mask))};
    }
  }
}
