package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Objects;

/**
 * The keyword arguments of {@code torch.nn.functional.conv1d} and {@code conv2d} after the tensors:
 * {@code stride}, {@code padding} (numbers, {@code "same"} or {@code "valid"}), {@code dilation}
 * and {@code groups}. Immutable: each method returns new options, so they chain and can be shared.
 *
 * <pre>{@code
 * Functional.conv2d(x, w, b, ConvOptions.defaults().stride(2).padding(1));
 * Functional.conv2d(x, w, b, ConvOptions.defaults().padding("same").dilation(2));
 * Functional.conv2d(x, w, b, ConvOptions.defaults().stride(2, 1).groups(3));   // (height, width)
 * }</pre>
 *
 * <p>A stride, padding or dilation is one number for every spatial dimension, or one per dimension
 * (height then width for {@code conv2d}), as PyTorch's int-or-tuple arguments. {@code padding} adds
 * that many zeros on both sides. {@code "valid"} is no padding; {@code "same"} pads so that the
 * output has the input's size (stride 1 only), {@code dilation·(kernel - 1)} zeros in all, half of
 * them (rounded down) before and the rest after, as PyTorch does for an even kernel.
 */
public final class ConvOptions {
  private static final ConvOptions DEFAULTS =
      new ConvOptions(new int[] {1}, new int[] {0}, null, new int[] {1}, 1);

  private final int[] stride;
  private final int[] padding;
  private final String paddingMode;
  private final int[] dilation;
  private final int groups;

  private ConvOptions(int[] stride, int[] padding, String paddingMode, int[] dilation, int groups) {
    this.stride = stride;
    this.padding = padding;
    this.paddingMode = paddingMode;
    this.dilation = dilation;
    this.groups = groups;
  }

  /**
   * Returns PyTorch's defaults: {@code stride=1, padding=0, dilation=1, groups=1}.
   *
   * @return the default options
   */
  public static ConvOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns these options with another stride, as {@code stride=}.
   *
   * @param stride one step for every spatial dimension, or one per dimension; each at least 1
   * @return new options
   * @throws IllegalArgumentException if there are not 1 or 2 values or one is below 1
   */
  public ConvOptions stride(int... stride) {
    return new ConvOptions(checked("stride", stride, 1), padding, paddingMode, dilation, groups);
  }

  /**
   * Returns these options with zero padding of the given size on both sides, as {@code padding=}.
   *
   * @param padding one size for every spatial dimension, or one per dimension; each at least 0
   * @return new options
   * @throws IllegalArgumentException if there are not 1 or 2 values or one is negative
   */
  public ConvOptions padding(int... padding) {
    return new ConvOptions(stride, checked("padding", padding, 0), null, dilation, groups);
  }

  /**
   * Returns these options with the padding PyTorch names by a string, as {@code padding="same"} or
   * {@code padding="valid"}.
   *
   * @param mode {@code "same"} (the output keeps the input's size; stride 1 only) or {@code
   *     "valid"} (no padding)
   * @return new options
   * @throws IllegalArgumentException if the mode is neither
   */
  public ConvOptions padding(String mode) {
    checkNotNull(mode, "ConvOptions: padding mode is null");
    checkArgument(
        mode.equals("same") || mode.equals("valid"),
        "ConvOptions: invalid padding string '%s', should be 'valid' or 'same'",
        mode);
    return new ConvOptions(stride, new int[] {0}, mode, dilation, groups);
  }

  /**
   * Returns these options with another dilation, as {@code dilation=}.
   *
   * @param dilation one spacing between kernel elements for every spatial dimension, or one per
   *     dimension; each at least 1
   * @return new options
   * @throws IllegalArgumentException if there are not 1 or 2 values or one is below 1
   */
  public ConvOptions dilation(int... dilation) {
    return new ConvOptions(stride, padding, paddingMode, checked("dilation", dilation, 1), groups);
  }

  /**
   * Returns these options with another number of channel groups, as {@code groups=}: input channel
   * group g feeds output channel group g only; {@code groups} equal to the input channels makes a
   * depthwise convolution.
   *
   * @param groups the number of groups, at least 1
   * @return new options
   * @throws IllegalArgumentException if {@code groups} is below 1
   */
  public ConvOptions groups(int groups) {
    checkArgument(groups >= 1, "ConvOptions: groups must be at least 1, got %s", groups);
    return new ConvOptions(stride, padding, paddingMode, dilation, groups);
  }

  private static int[] checked(String name, int[] values, int min) {
    checkNotNull(values, "ConvOptions: %s is null", name);
    checkArgument(
        values.length == 1 || values.length == 2,
        "ConvOptions: %s must have 1 value or one per spatial dimension, got %s",
        name,
        Arrays.toString(values));
    for (int v : values) {
      checkArgument(
          v >= min,
          "ConvOptions: %s must be at least %s, got %s",
          name,
          min,
          Arrays.toString(values));
    }
    return values.clone();
  }

  /** Returns the number of groups. */
  int groups() {
    return groups;
  }

  /** Returns {@code "same"}, {@code "valid"}, or null for numeric padding. */
  String paddingMode() {
    return paddingMode;
  }

  /** Returns the strides of {@code dims} spatial dimensions, for the op named {@code op}. */
  int[] strides(String op, int dims) {
    return perDimension(op, "stride", stride, dims);
  }

  /** Returns the dilations of {@code dims} spatial dimensions. */
  int[] dilations(String op, int dims) {
    return perDimension(op, "dilation", dilation, dims);
  }

  /**
   * Returns the padding of each spatial dimension as {@code {before, after}} pairs, for a kernel of
   * the given sizes.
   */
  int[] paddings(String op, int[] kernel) {
    int dims = kernel.length;
    int[] dil = dilations(op, dims);
    int[] sizes = perDimension(op, "padding", padding, dims);
    int[] sides = new int[2 * dims];
    for (int d = 0; d < dims; d++) {
      int total = "same".equals(paddingMode) ? dil[d] * (kernel[d] - 1) : 2 * sizes[d];
      sides[2 * d] = "same".equals(paddingMode) ? total / 2 : sizes[d];
      sides[2 * d + 1] = total - sides[2 * d];
    }
    return sides;
  }

  private static int[] perDimension(String op, String name, int[] values, int dims) {
    if (values.length == dims) {
      return values.clone();
    }
    if (values.length != 1) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s %s has %s values, expected 1%s",
              op, name, Arrays.toString(values), values.length, dims > 1 ? " or " + dims : ""));
    }
    int[] all = new int[dims];
    Arrays.fill(all, values[0]);
    return all;
  }

  /**
   * Returns the options as PyTorch's keywords, for example {@code ConvOptions(stride=[2],
   * padding=same, dilation=[1], groups=1)}.
   */
  @Override
  public String toString() {
    return "ConvOptions(stride="
        + Arrays.toString(stride)
        + ", padding="
        + (paddingMode != null ? paddingMode : Arrays.toString(padding))
        + ", dilation="
        + Arrays.toString(dilation)
        + ", groups="
        + groups
        + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvOptions other
        && Arrays.equals(stride, other.stride)
        && Arrays.equals(padding, other.padding)
        && Objects.equals(paddingMode, other.paddingMode)
        && Arrays.equals(dilation, other.dilation)
        && groups == other.groups;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(stride),
        Arrays.hashCode(padding),
        paddingMode,
        Arrays.hashCode(dilation),
        groups);
  }
}
