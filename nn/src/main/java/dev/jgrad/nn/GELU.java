package dev.jgrad.nn;

import dev.jgrad.tensor.Tensor;

/**
 * Applies the GELU {@code x · Φ(x)}, as {@code torch.nn.GELU(approximate)}: Φ the standard normal
 * CDF ({@code approximate='none'}, the default) or its tanh approximation ({@code 'tanh'}); see
 * {@link Functional#gelu(dev.jgrad.autograd.Variable, String)}.
 */
public final class GELU extends Activation {
  private final String approximate;

  /** Creates the module with the exact form, {@code approximate='none'}. */
  public GELU() {
    this("none");
  }

  /**
   * Creates the module.
   *
   * @param approximate {@code "none"} or {@code "tanh"}
   * @throws IllegalArgumentException if approximate is neither
   */
  public GELU(String approximate) {
    super(x -> x.gelu(approximate));
    Tensor.geluIsTanh(approximate);
    this.approximate = approximate;
  }

  @Override
  protected String extraRepr() {
    return "approximate='" + approximate + "'";
  }
}
