package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.Convolution;
import java.util.Arrays;

/**
 * {@code conv2d}: the 2-D cross-correlation of an NCHW input {@code [N, C, H, W]} with a weight
 * {@code [OC, C/groups, kh, kw]}, plus an optional bias {@code [OC]} (a third input), as {@code
 * torch.nn.functional.conv2d} with numeric padding given per side:
 *
 * <p>{@code result[n, oc, oh, ow] = bias[oc] + Σ weight[oc, ic, i, j] · input[n, g·C/groups + ic,
 * oh·strideH + i·dilationH - padTop, ow·strideW + j·dilationW - padLeft]}, summed over {@code ic <
 * C/groups}, {@code i < kh} and {@code j < kw}, with {@code g = oc / (OC/groups)} and zeros outside
 * the input; the result is {@code [N, OC, OH, OW]} with {@code OH = (H + padTop + padBottom -
 * dilationH·(kh - 1) - 1) / strideH + 1} (likewise OW).
 *
 * <p>The forward pass and the three gradients are fused kernels (the input gradient is not computed
 * when the input does not require grad); their summation orders are fixed, so results are
 * bit-identical for any thread count. Shapes and options are checked with messages naming {@code
 * conv2d}, the shapes and what was expected.
 *
 * <pre>
 * input:  conv_transpose2d(grad, weight, stride, padding, dilation, groups) with the size of input
 * weight: conv2d(input.transpose(0, 1), grad.transpose(0, 1), stride = dilation, padding,
 *         dilation = stride), per group, transposed back and cut to the size of weight
 * bias:   grad.sum([0, 2, 3])
 * </pre>
 */
public final class Conv2d extends Function {
  private final Convolution.Options options;
  private boolean hasBias;

  /** Creates the op with PyTorch's defaults: stride 1, no padding, dilation 1, one group. */
  public Conv2d() {
    this(new int[] {1, 1}, new int[] {0, 0, 0, 0}, new int[] {1, 1}, 1);
  }

  /**
   * Creates the op; apply it to (input, weight) or (input, weight, bias).
   *
   * @param stride the strides {@code {height, width}}, each at least 1
   * @param padding the zero padding {@code {top, bottom, left, right}}, each at least 0; PyTorch's
   *     {@code padding=(ph, pw)} is {@code {ph, ph, pw, pw}}
   * @param dilation the dilations {@code {height, width}}, each at least 1
   * @param groups the number of channel groups, at least 1; C and OC must be multiples of it
   * @throws IllegalArgumentException if an array has the wrong length or a value is out of range
   */
  public Conv2d(int[] stride, int[] padding, int[] dilation, int groups) {
    checkLength("stride", stride, 2, "{height, width}");
    checkLength("padding", padding, 4, "{top, bottom, left, right}");
    checkLength("dilation", dilation, 2, "{height, width}");
    this.options =
        new Convolution.Options(
            stride[0],
            stride[1],
            padding[0],
            padding[1],
            padding[2],
            padding[3],
            dilation[0],
            dilation[1],
            groups);
  }

  private Conv2d(Convolution.Options options) {
    this.options = options;
  }

  private static void checkLength(String name, int[] values, int length, String meaning) {
    if (values == null || values.length != length) {
      throw new IllegalArgumentException(
          String.format(
              "conv2d: %s must have %s values %s, got %s",
              name, length, meaning, Arrays.toString(values)));
    }
  }

  @Override
  public String name() {
    return "conv2d";
  }

  /** Returns the options this op was created with. */
  Convolution.Options options() {
    return options;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    hasBias = in.length > 2;
    Tensor result = Convolution.forward(in[0], in[1], hasBias ? in[2] : null, options);
    saveForBackward(in[0], in[1]);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable input = savedVariable(0);
    Variable weight = savedVariable(1);
    Variable[] grads = new Variable[hasBias ? 3 : 2];
    if (needsInputGrad(0)) {
      grads[0] = new InputGrad(options, input.shape()).apply(grad, weight);
    }
    if (needsInputGrad(1)) {
      grads[1] = new WeightGrad(options, weight.shape()).apply(grad, input);
    }
    if (hasBias && needsInputGrad(2)) {
      grads[2] = new BiasGrad().apply(grad);
    }
    return grads;
  }

  /**
   * conv2d's input gradient as an op of (grad, weight), the fused transposed convolution; bilinear,
   * so its derivatives are the convolution and the weight gradient.
   *
   * <pre>
   * grad:   conv2d(grad, weight)
   * weight: conv2d_weight_backward(input = grad, grad = this op's grad)
   * </pre>
   */
  static final class InputGrad extends Function {
    private final Convolution.Options options;
    private final Shape inputShape;

    InputGrad(Convolution.Options options, Shape inputShape) {
      this.options = options;
      this.inputShape = inputShape;
    }

    @Override
    public String name() {
      return "conv2d_input_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[0], in[1]);
      return Convolution.inputGradient(in[0], in[1], inputShape, options);
    }

    @Override
    protected Variable[] backward(Variable gg) {
      Variable grad = savedVariable(0);
      Variable weight = savedVariable(1);
      return new Variable[] {
        needsInputGrad(0) ? new Conv2d(options).apply(gg, weight) : null,
        needsInputGrad(1) ? new WeightGrad(options, weight.shape()).apply(grad, gg) : null
      };
    }
  }

  /**
   * conv2d's weight gradient as an op of (grad, input), the fused correlation of the input with the
   * gradient; bilinear, so its derivatives are the convolution and the input gradient.
   *
   * <pre>
   * grad:  conv2d(input, weight = this op's grad)
   * input: conv2d_input_backward(grad, weight = this op's grad)
   * </pre>
   */
  static final class WeightGrad extends Function {
    private final Convolution.Options options;
    private final Shape weightShape;

    WeightGrad(Convolution.Options options, Shape weightShape) {
      this.options = options;
      this.weightShape = weightShape;
    }

    @Override
    public String name() {
      return "conv2d_weight_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[0], in[1]);
      return Convolution.weightGradient(in[0], in[1], weightShape, options);
    }

    @Override
    protected Variable[] backward(Variable gg) {
      Variable grad = savedVariable(0);
      Variable input = savedVariable(1);
      return new Variable[] {
        needsInputGrad(0) ? new Conv2d(options).apply(input, gg) : null,
        needsInputGrad(1) ? new InputGrad(options, input.shape()).apply(grad, gg) : null
      };
    }
  }

  /**
   * conv2d's bias gradient as an op, the fused per-channel sum; linear, its adjoint broadcasts.
   *
   * <pre>
   * grad: grad.view(1, C, 1, 1).expand(N, C, OH, OW)
   * </pre>
   */
  static final class BiasGrad extends Function {
    private Shape gradShape;

    @Override
    public String name() {
      return "conv2d_bias_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      gradShape = in[0].shape();
      return Convolution.biasGradient(in[0]);
    }

    @Override
    protected Variable[] backward(Variable grad) {
      return new Variable[] {grad.reshape(1, gradShape.size(1), 1, 1).expand(gradShape.toArray())};
    }
  }
}
