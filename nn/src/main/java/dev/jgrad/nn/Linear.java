package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Init.FanMode;
import dev.jgrad.nn.Init.Nonlinearity;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * An affine map {@code y = x Wᵀ + b}, as {@code torch.nn.Linear}.
 *
 * <p>Shapes: input {@code [*, in]}, weight {@code [out, in]} (PyTorch's layout, so state dicts map
 * one to one), bias {@code [out]}, output {@code [*, out]}.
 *
 * <p>A 2-D input goes through the fused {@link Variable#linear} op (one product whose chains start
 * from the bias; a backward pass computing the three gradients together); other ranks use {@code
 * matmul} and a broadcast {@code add}.
 *
 * <p>Initialization is PyTorch's default: the weight is {@link Init#kaimingUniform} with {@code a =
 * √5} (uniform in ±1/√in), then the bias uniform in ±1/√in, both drawn from the given generator in
 * that order.
 */
public final class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * Creates a FLOAT32 layer with a bias.
   *
   * @param inFeatures the size of each input sample, the input's last dimension
   * @param outFeatures the size of each output sample
   * @param gen the generator the initial weight and bias are drawn from
   */
  public Linear(int inFeatures, int outFeatures, Generator gen) {
    this(inFeatures, outFeatures, true, DType.FLOAT32, gen);
  }

  /**
   * Creates a FLOAT32 layer, with or without a bias.
   *
   * @param inFeatures the size of each input sample, the input's last dimension
   * @param outFeatures the size of each output sample
   * @param bias whether the layer adds a learned bias
   * @param gen the generator the initial weight (and bias) are drawn from
   */
  public Linear(int inFeatures, int outFeatures, boolean bias, Generator gen) {
    this(inFeatures, outFeatures, bias, DType.FLOAT32, gen);
  }

  /**
   * Creates a layer of the given floating dtype.
   *
   * @param inFeatures the size of each input sample, the input's last dimension, 0 or more
   * @param outFeatures the size of each output sample, 0 or more
   * @param bias whether the layer adds a learned bias
   * @param dtype the parameters' dtype, FLOAT32 or FLOAT64
   * @param gen the generator the initial weight (and bias) are drawn from
   * @throws IllegalArgumentException if a size is negative, the weight would have more than {@link
   *     Integer#MAX_VALUE} elements, or the dtype is not floating
   */
  public Linear(int inFeatures, int outFeatures, boolean bias, DType dtype, Generator gen) {
    checkArgument(
        inFeatures >= 0 && outFeatures >= 0,
        "Linear: sizes must be >= 0, got in_features=%s, out_features=%s",
        inFeatures,
        outFeatures);
    checkArgument(
        (long) inFeatures * outFeatures <= Integer.MAX_VALUE,
        "Linear: the weight [out_features, in_features] = [%s, %s] has more than %s elements",
        outFeatures,
        inFeatures,
        Integer.MAX_VALUE);
    checkArgument(dtype.isFloatingPoint(), "Linear: expected a floating dtype, got %s", dtype);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    Tensor w = Tensor.zeros(Shape.of(outFeatures, inFeatures), dtype);
    if (inFeatures > 0) {
      Init.kaimingUniform(w, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen);
    }
    this.weight = registerParameter("weight", new Parameter(w));
    if (bias) {
      Tensor b = Tensor.zeros(Shape.of(outFeatures), dtype);
      if (inFeatures > 0) {
        double bound = 1 / Math.sqrt(inFeatures);
        Init.uniform(b, -bound, bound, gen);
      }
      this.bias = registerParameter("bias", new Parameter(b));
    } else {
      this.bias = null;
    }
  }

  /**
   * Returns the weight, shape {@code [out, in]}.
   *
   * @return the live weight parameter, registered as {@code weight}
   */
  public Parameter weight() {
    return weight;
  }

  /**
   * Returns the bias, shape {@code [out]}, or null for a layer without one.
   *
   * @return the live bias parameter, registered as {@code bias}, or null
   */
  public Parameter bias() {
    return bias;
  }

  /**
   * Returns the input size.
   *
   * @return the size of each input sample
   */
  public int inFeatures() {
    return inFeatures;
  }

  /**
   * Returns the output size.
   *
   * @return the size of each output sample
   */
  public int outFeatures() {
    return outFeatures;
  }

  /**
   * Returns {@code input Wᵀ + b}.
   *
   * @throws IllegalArgumentException naming this layer's path if the input's last dimension is not
   *     {@code in_features}
   */
  @Override
  public Variable forward(Variable input) {
    return guard(
        () -> {
          checkArgument(
              input.dim() >= 1 && input.size(-1) == inFeatures,
              "expected input of shape [*, %s], got %s",
              inFeatures,
              input.shape());
          if (input.dim() == 2) {
            return input.linear(weight, bias);
          }
          Variable out = input.matmul(weight.t());
          return bias == null ? out : out.add(bias);
        });
  }

  @Override
  protected String describe() {
    return "Linear " + inFeatures + "→" + outFeatures;
  }

  @Override
  protected String extraRepr() {
    return "in_features="
        + inFeatures
        + ", out_features="
        + outFeatures
        + ", bias="
        + (bias != null);
  }
}
