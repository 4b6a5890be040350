package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.util.function.Function;

/**
 * Parameter initialization schemes, as {@code torch.nn.init}: each fills a floating tensor in place
 * from a seeded {@link Generator} and returns it. Each random scheme has an overload without the
 * generator that draws from the {@link Generator#defaultGenerator() default generator}, holding its
 * monitor while it draws.
 *
 * <p>Values are drawn in row-major order as doubles ({@link Generator#nextDouble()} for uniform,
 * {@link Generator#nextGaussian()} for normal) and then rounded to the tensor's dtype, so a FLOAT32
 * and a FLOAT64 tensor filled from the same seed hold the same numbers up to rounding.
 *
 * <p>Fans follow PyTorch: for a tensor of shape {@code [out, in, k1, k2, …]}, {@code fan_in = in ×
 * k1 × k2 × …} and {@code fan_out = out × k1 × k2 × …}; a Linear weight {@code [out, in]} has
 * {@code fan_in = in}. As in PyTorch, filling a tensor with no elements is a no-op.
 *
 * <pre>{@code
 * Init.kaimingUniform(linear.weight().data(), Math.sqrt(5), FanMode.FAN_IN,
 *     Nonlinearity.LEAKY_RELU, gen);       // nn.Linear's default
 * Init.heNormal(w, gen);                    // randn * sqrt(2 / fan_in), as NumPy code writes it
 * }</pre>
 */
public final class Init {
  private Init() {}

  /** Which fan the Kaiming schemes scale by. */
  public enum FanMode {
    /** Preserves the variance of activations in the forward pass (PyTorch's default). */
    FAN_IN,
    /** Preserves the variance of gradients in the backward pass. */
    FAN_OUT
  }

  /** The nonlinearities {@link #calculateGain} knows, with PyTorch's names. */
  public enum Nonlinearity {
    /** Gain 1. */
    LINEAR,
    /** Gain 1. */
    IDENTITY,
    /** Gain 1. */
    SIGMOID,
    /** Gain 5/3. */
    TANH,
    /** Gain √2. */
    RELU,
    /** Gain √(2 / (1 + slope²)). */
    LEAKY_RELU,
    /** Gain 3/4. */
    SELU
  }

  /**
   * Returns the recommended gain for a nonlinearity, as {@code torch.nn.init.calculate_gain}.
   *
   * @param param the negative slope for {@link Nonlinearity#LEAKY_RELU} (ignored otherwise)
   * @param nonlinearity the activation that follows the layer being initialized
   * @return the factor by which the Kaiming schemes scale the standard deviation, for example √2
   *     for RELU
   */
  public static double calculateGain(Nonlinearity nonlinearity, double param) {
    return switch (nonlinearity) {
      case LINEAR, IDENTITY, SIGMOID -> 1.0;
      case TANH -> 5.0 / 3;
      case RELU -> Math.sqrt(2.0);
      case LEAKY_RELU -> Math.sqrt(2.0 / (1 + param * param));
      case SELU -> 3.0 / 4;
    };
  }

  /**
   * Returns {@code [fan_in, fan_out]} of a tensor of rank 2 or more (see the class notes).
   *
   * @param tensor a weight of shape {@code [out, in, …]}; only its shape is read
   * @return a new array {@code {fan_in, fan_out}}
   * @throws IllegalArgumentException if the tensor has fewer than 2 dimensions
   */
  public static int[] fanInAndFanOut(Tensor tensor) {
    checkArgument(
        tensor.dim() >= 2,
        "Init: fan in and fan out cannot be computed for a tensor of shape %s (fewer than 2"
            + " dimensions)",
        tensor.shape());
    int receptive = 1;
    for (int d = 2; d < tensor.dim(); d++) {
      receptive *= tensor.size(d);
    }
    return new int[] {tensor.size(1) * receptive, tensor.size(0) * receptive};
  }

  /**
   * Fills {@code tensor} with values uniform in {@code [a, b)}, as {@code uniform_}.
   *
   * @param tensor the floating tensor to fill in place
   * @param a the inclusive lower bound
   * @param b the exclusive upper bound, at least {@code a}
   * @param gen the generator to draw from; it advances by one draw per element
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or {@code a > b}
   */
  public static Tensor uniform(Tensor tensor, double a, double b, Generator gen) {
    checkFloating("uniform", tensor, gen);
    checkArgument(a <= b, "Init.uniform: lower bound %s must be <= upper bound %s", a, b);
    if (tensor.numel() == 0) {
      return tensor;
    }
    Tensor u = Tensor.rand(gen, tensor.shape(), DType.FLOAT64);
    return tensor.copyFrom(u.mul(b - a).add(a));
  }

  /**
   * Fills {@code tensor} with values uniform in {@code [a, b)} drawn from the {@link
   * Generator#defaultGenerator() default generator}, as {@code uniform_}.
   *
   * @param tensor the floating tensor to fill in place
   * @param a the inclusive lower bound
   * @param b the exclusive upper bound, at least {@code a}
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or {@code a > b}
   */
  public static Tensor uniform(Tensor tensor, double a, double b) {
    return withDefault(gen -> uniform(tensor, a, b, gen));
  }

  /**
   * Fills {@code tensor} with normal values of the given mean and standard deviation.
   *
   * @param tensor the floating tensor to fill in place
   * @param mean the mean of the values
   * @param std the standard deviation, 0 or more
   * @param gen the generator to draw from; it advances by one Gaussian per element
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or {@code std < 0}
   */
  public static Tensor normal(Tensor tensor, double mean, double std, Generator gen) {
    checkFloating("normal", tensor, gen);
    checkArgument(std >= 0, "Init.normal: std must be >= 0, got %s", std);
    if (tensor.numel() == 0) {
      return tensor;
    }
    Tensor n = Tensor.randn(gen, tensor.shape(), DType.FLOAT64);
    return tensor.copyFrom(n.mul(std).add(mean));
  }

  /**
   * Fills {@code tensor} with normal values drawn from the {@link Generator#defaultGenerator()
   * default generator}, as {@code normal_}.
   *
   * @param tensor the floating tensor to fill in place
   * @param mean the mean of the values
   * @param std the standard deviation, 0 or more
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or {@code std < 0}
   */
  public static Tensor normal(Tensor tensor, double mean, double std) {
    return withDefault(gen -> normal(tensor, mean, std, gen));
  }

  /**
   * Fills {@code tensor} with {@code value}, as {@code constant_}.
   *
   * @param tensor the tensor to fill in place
   * @param value the value for every element
   * @return {@code tensor}, for chaining
   */
  public static Tensor constant(Tensor tensor, double value) {
    return tensor.fill(value);
  }

  /**
   * Fills {@code tensor} with zeros, as {@code zeros_}.
   *
   * @param tensor the tensor to fill in place
   * @return {@code tensor}, for chaining
   */
  public static Tensor zeros(Tensor tensor) {
    return tensor.fill(0);
  }

  /**
   * Fills {@code tensor} with ones, as {@code ones_}.
   *
   * @param tensor the tensor to fill in place
   * @return {@code tensor}, for chaining
   */
  public static Tensor ones(Tensor tensor) {
    return tensor.fill(1);
  }

  /**
   * Kaiming (He) uniform init, as {@code kaiming_uniform_}: {@code U(-bound, bound)} with {@code
   * bound = gain × √(3 / fan)}, {@code gain = calculateGain(nonlinearity, a)}.
   *
   * @param a the negative slope of the rectifier after this layer (for LEAKY_RELU)
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param mode which fan to scale by
   * @param nonlinearity the activation after this layer, which sets the gain
   * @param gen the generator to draw from
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor kaimingUniform(
      Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity, Generator gen) {
    checkFloating("kaimingUniform", tensor, gen);
    if (tensor.numel() == 0) {
      return tensor;
    }
    double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(tensor, mode));
    double bound = Math.sqrt(3.0) * std;
    return uniform(tensor, -bound, bound, gen);
  }

  /**
   * {@link #kaimingUniform(Tensor, double, FanMode, Nonlinearity, Generator)} drawing from the
   * {@link Generator#defaultGenerator() default generator}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param a the negative slope of the rectifier after this layer (for LEAKY_RELU)
   * @param mode which fan to scale by
   * @param nonlinearity the activation after this layer, which sets the gain
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor kaimingUniform(
      Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
    return withDefault(gen -> kaimingUniform(tensor, a, mode, nonlinearity, gen));
  }

  /**
   * {@link #kaimingUniform} with PyTorch's defaults: a = 0, FAN_IN, LEAKY_RELU.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param gen the generator to draw from
   * @return {@code tensor}, for chaining
   */
  public static Tensor kaimingUniform(Tensor tensor, Generator gen) {
    return kaimingUniform(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen);
  }

  /**
   * {@link #kaimingUniform} with PyTorch's defaults (a = 0, FAN_IN, LEAKY_RELU) drawing from the
   * {@link Generator#defaultGenerator() default generator}, as {@code kaiming_uniform_(w)}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor kaimingUniform(Tensor tensor) {
    return withDefault(gen -> kaimingUniform(tensor, gen));
  }

  /**
   * Kaiming (He) normal init, as {@code kaiming_normal_}: {@code N(0, std²)} with {@code std = gain
   * / √fan}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param a the negative slope of the rectifier after this layer (for LEAKY_RELU)
   * @param mode which fan to scale by
   * @param nonlinearity the activation after this layer, which sets the gain
   * @param gen the generator to draw from
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor kaimingNormal(
      Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity, Generator gen) {
    checkFloating("kaimingNormal", tensor, gen);
    if (tensor.numel() == 0) {
      return tensor;
    }
    double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(tensor, mode));
    return normal(tensor, 0, std, gen);
  }

  /**
   * {@link #kaimingNormal(Tensor, double, FanMode, Nonlinearity, Generator)} drawing from the
   * {@link Generator#defaultGenerator() default generator}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param a the negative slope of the rectifier after this layer (for LEAKY_RELU)
   * @param mode which fan to scale by
   * @param nonlinearity the activation after this layer, which sets the gain
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor kaimingNormal(
      Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
    return withDefault(gen -> kaimingNormal(tensor, a, mode, nonlinearity, gen));
  }

  /**
   * {@link #kaimingNormal} with PyTorch's defaults: a = 0, FAN_IN, LEAKY_RELU.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param gen the generator to draw from
   * @return {@code tensor}, for chaining
   */
  public static Tensor kaimingNormal(Tensor tensor, Generator gen) {
    return kaimingNormal(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen);
  }

  /**
   * {@link #kaimingNormal} with PyTorch's defaults (a = 0, FAN_IN, LEAKY_RELU) drawing from the
   * {@link Generator#defaultGenerator() default generator}, as {@code kaiming_normal_(w)}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor kaimingNormal(Tensor tensor) {
    return withDefault(gen -> kaimingNormal(tensor, gen));
  }

  /**
   * Xavier (Glorot) uniform init, as {@code xavier_uniform_}: {@code U(-a, a)} with {@code a = gain
   * × √(6 / (fan_in + fan_out))}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param gain the scale factor, 1 for PyTorch's default or {@link #calculateGain} of the
   *     activation
   * @param gen the generator to draw from
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor xavierUniform(Tensor tensor, double gain, Generator gen) {
    checkFloating("xavierUniform", tensor, gen);
    if (tensor.numel() == 0) {
      return tensor;
    }
    int[] fans = fanInAndFanOut(tensor);
    double std = gain * Math.sqrt(2.0 / (fans[0] + fans[1]));
    double a = Math.sqrt(3.0) * std;
    return uniform(tensor, -a, a, gen);
  }

  /**
   * {@link #xavierUniform(Tensor, double, Generator)} drawing from the {@link
   * Generator#defaultGenerator() default generator}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param gain the scale factor, 1 for PyTorch's default or {@link #calculateGain} of the
   *     activation
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor xavierUniform(Tensor tensor, double gain) {
    return withDefault(gen -> xavierUniform(tensor, gain, gen));
  }

  /**
   * Xavier (Glorot) normal init, as {@code xavier_normal_}: {@code N(0, std²)} with {@code std =
   * gain × √(2 / (fan_in + fan_out))}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param gain the scale factor, 1 for PyTorch's default or {@link #calculateGain} of the
   *     activation
   * @param gen the generator to draw from
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor xavierNormal(Tensor tensor, double gain, Generator gen) {
    checkFloating("xavierNormal", tensor, gen);
    if (tensor.numel() == 0) {
      return tensor;
    }
    int[] fans = fanInAndFanOut(tensor);
    return normal(tensor, 0, gain * Math.sqrt(2.0 / (fans[0] + fans[1])), gen);
  }

  /**
   * {@link #xavierNormal(Tensor, double, Generator)} drawing from the {@link
   * Generator#defaultGenerator() default generator}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param gain the scale factor, 1 for PyTorch's default or {@link #calculateGain} of the
   *     activation
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor xavierNormal(Tensor tensor, double gain) {
    return withDefault(gen -> xavierNormal(tensor, gain, gen));
  }

  /**
   * He-normal init as NumPy code usually writes it: {@code randn × √(2 / fan_in)}, computed in
   * exactly that order, so a network ported from such code starts from the same weights for the
   * same draws (the same distribution as {@code kaimingNormal} with RELU and FAN_IN, rounded
   * differently).
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @param gen the generator to draw from; it advances by one Gaussian per element
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor heNormal(Tensor tensor, Generator gen) {
    checkFloating("heNormal", tensor, gen);
    if (tensor.numel() == 0) {
      return tensor;
    }
    double scale = Math.sqrt(2.0 / fanInAndFanOut(tensor)[0]);
    return tensor.copyFrom(Tensor.randn(gen, tensor.shape(), DType.FLOAT64).mul(scale));
  }

  /**
   * {@link #heNormal(Tensor, Generator)} drawing from the {@link Generator#defaultGenerator()
   * default generator}.
   *
   * @param tensor the floating weight to fill in place, of rank 2 or more
   * @return {@code tensor}, for chaining
   * @throws IllegalArgumentException if the tensor is not floating or has fewer than 2 dimensions
   */
  public static Tensor heNormal(Tensor tensor) {
    return withDefault(gen -> heNormal(tensor, gen));
  }

  /** Runs {@code fill} with the default generator, holding its monitor while it draws. */
  private static Tensor withDefault(Function<Generator, Tensor> fill) {
    Generator gen = Generator.defaultGenerator();
    synchronized (gen) {
      return fill.apply(gen);
    }
  }

  private static int fan(Tensor tensor, FanMode mode) {
    int[] fans = fanInAndFanOut(tensor);
    return mode == FanMode.FAN_IN ? fans[0] : fans[1];
  }

  private static void checkFloating(String scheme, Tensor tensor, Generator gen) {
    checkNotNull(tensor, "Init.%s: tensor is null", scheme);
    checkNotNull(gen, "Init.%s: generator is null", scheme);
    checkArgument(
        tensor.dtype().isFloatingPoint(),
        "Init.%s: expected a floating tensor, got %s",
        scheme,
        tensor.dtype());
  }
}
