package dev.jgrad.nn;

/** Applies the SiLU (swish) {@code x · sigmoid(x)}, as {@code torch.nn.SiLU}. */
public final class SiLU extends Activation {
  /** Creates the module. */
  public SiLU() {
    super(x -> x.silu());
  }
}
