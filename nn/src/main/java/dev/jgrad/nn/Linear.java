package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

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
 * √5} (uniform in ±1/√in), then the bias uniform in ±1/√in, both drawn in that order from the given
 * generator or, without one, from the {@link Generator#defaultGenerator() default generator}, with
 * the generator's monitor held while drawing.
 *
 * <pre>{@code
 * Linear fc = new Linear(784, 128);                              // FLOAT32, bias, default generator
 * Linear seeded = new Linear(784, 128, Generator.seeded(0));
 * Linear head = Linear.builder(128, 10).bias(false).dtype(DType.FLOAT64).generator(gen).build();
 * }</pre>
 */
public final class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * Creates a FLOAT32 layer with a bias, drawn from the {@link Generator#defaultGenerator() default
   * generator}, as {@code nn.Linear(in_features, out_features)}.
   *
   * @param inFeatures the size of each input sample, the input's last dimension, 0 or more
   * @param outFeatures the size of each output sample, 0 or more
   * @throws IllegalArgumentException if a size is negative or the weight would have more than
   *     {@link Integer#MAX_VALUE} elements
   */
  public Linear(int inFeatures, int outFeatures) {
    this(builder(inFeatures, outFeatures));
  }

  /**
   * Creates a FLOAT32 layer with a bias.
   *
   * @param inFeatures the size of each input sample, the input's last dimension, 0 or more
   * @param outFeatures the size of each output sample, 0 or more
   * @param gen the generator the initial weight and bias are drawn from
   * @throws IllegalArgumentException if a size is negative or the weight would have more than
   *     {@link Integer#MAX_VALUE} elements
   */
  public Linear(int inFeatures, int outFeatures, Generator gen) {
    this(builder(inFeatures, outFeatures).generator(gen));
  }

  private Linear(Builder b) {
    checkArgument(
        b.inFeatures >= 0 && b.outFeatures >= 0,
        "Linear: sizes must be >= 0, got in_features=%s, out_features=%s",
        b.inFeatures,
        b.outFeatures);
    checkArgument(
        (long) b.inFeatures * b.outFeatures <= Integer.MAX_VALUE,
        "Linear: the weight [out_features, in_features] = [%s, %s] has more than %s elements",
        b.outFeatures,
        b.inFeatures,
        Integer.MAX_VALUE);
    this.inFeatures = b.inFeatures;
    this.outFeatures = b.outFeatures;
    Tensor w = Tensor.zeros(Shape.of(outFeatures, inFeatures), b.dtype);
    Tensor bias = b.bias ? Tensor.zeros(Shape.of(outFeatures), b.dtype) : null;
    if (inFeatures > 0) {
      synchronized (b.generator) {
        Init.kaimingUniform(w, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, b.generator);
        if (bias != null) {
          double bound = 1 / Math.sqrt(inFeatures);
          Init.uniform(bias, -bound, bound, b.generator);
        }
      }
    }
    this.weight = registerParameter("weight", new Parameter(w));
    this.bias = bias == null ? null : registerParameter("bias", new Parameter(bias));
  }

  /**
   * Returns a builder for a layer with options: {@code Linear.builder(784,
   * 128).bias(false).dtype(DType.FLOAT64).generator(gen).build()}.
   *
   * @param inFeatures the size of each input sample, the input's last dimension, 0 or more
   * @param outFeatures the size of each output sample, 0 or more
   * @return a builder for a FLOAT32 layer with a bias drawn from the default generator, until told
   *     otherwise
   */
  public static Builder builder(int inFeatures, int outFeatures) {
    return new Builder(inFeatures, outFeatures);
  }

  /** The options of a {@link Linear} layer, PyTorch's keyword arguments of {@code nn.Linear}. */
  public static final class Builder {
    private final int inFeatures;
    private final int outFeatures;
    private boolean bias = true;
    private DType dtype = DType.FLOAT32;
    private Generator generator = Generator.defaultGenerator();

    private Builder(int inFeatures, int outFeatures) {
      this.inFeatures = inFeatures;
      this.outFeatures = outFeatures;
    }

    /**
     * Sets whether the layer adds a learned bias, as {@code bias=}; true by default.
     *
     * @param bias false for a layer {@code y = x Wᵀ} without a bias
     * @return this builder
     */
    public Builder bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    /**
     * Sets the parameters' dtype, as {@code dtype=}; FLOAT32 by default.
     *
     * @param dtype FLOAT32 or FLOAT64
     * @return this builder
     * @throws IllegalArgumentException if the dtype is not floating
     */
    public Builder dtype(DType dtype) {
      checkNotNull(dtype, "Linear: dtype is null");
      checkArgument(dtype.isFloatingPoint(), "Linear: expected a floating dtype, got %s", dtype);
      this.dtype = dtype;
      return this;
    }

    /**
     * Sets the generator the initial weight and bias are drawn from; the {@link
     * Generator#defaultGenerator() default generator} if not set.
     *
     * @param generator the generator, not null
     * @return this builder
     */
    public Builder generator(Generator generator) {
      this.generator = checkNotNull(generator, "Linear: generator is null");
      return this;
    }

    /**
     * Creates the layer, drawing its initial values (see {@link Linear}).
     *
     * @return a new layer
     * @throws IllegalArgumentException if a size is negative or the weight would have more than
     *     {@link Integer#MAX_VALUE} elements
     */
    public Linear build() {
      return new Linear(this);
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
  protected Variable compute(Variable input) {
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
