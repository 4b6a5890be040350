package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Generator;

/**
 * Channel dropout, as {@code torch.nn.Dropout2d(p)}: in training mode each channel of each sample
 * of an {@code [N, C, H, W]} input (or {@code [N, C, L]}) is zeroed as a whole with probability
 * {@code p} and the kept ones are scaled by {@code 1 / (1 - p)}, with the mask drawn from the
 * module's seeded generator (the {@link Generator#defaultGenerator() default generator} unless
 * given one) while holding its monitor; in evaluation mode it is the identity. Neighbouring pixels
 * of a feature map are strongly correlated, so dropping whole maps regularizes a convolutional
 * network where element-wise {@link Dropout} barely does.
 */
public final class Dropout2d extends Module {
  private final double p;
  private Generator gen;

  /**
   * Creates the module drawing its masks from the {@link Generator#defaultGenerator() default
   * generator}, as {@code nn.Dropout2d(p)}.
   *
   * @param p the probability of zeroing each channel, in {@code [0, 1]}
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
   */
  public Dropout2d(double p) {
    this(p, Generator.defaultGenerator());
  }

  /**
   * Creates the module.
   *
   * @param p the probability of zeroing each channel, in {@code [0, 1]}
   * @param gen the generator the masks are drawn from; the module keeps it and advances it by one
   *     draw per channel of each sample in each training forward pass
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
   */
  public Dropout2d(double p, Generator gen) {
    checkArgument(
        p >= 0 && p <= 1, "Dropout2d: probability has to be between 0 and 1, but got %s", p);
    this.p = p;
    this.gen = checkNotNull(gen, "Dropout2d: generator is null");
  }

  /**
   * Replaces the generator the masks are drawn from, as when resuming training from a checkpoint
   * that saved the generator's state.
   *
   * @param gen the generator for later masks, not null
   */
  public void setGenerator(Generator gen) {
    this.gen = checkNotNull(gen, "Dropout2d: generator is null");
  }

  /**
   * Returns the drop probability.
   *
   * @return the probability of zeroing each channel, in {@code [0, 1]}
   */
  public double p() {
    return p;
  }

  /**
   * Returns the input with whole channels dropped in training mode, the input itself otherwise.
   *
   * @throws IllegalArgumentException naming this layer's path if the input is not 3-D or 4-D
   */
  @Override
  protected Variable compute(Variable input) {
    Generator masks = gen;
    synchronized (masks) {
      return guard(() -> Functional.dropout2d(input, p, isTraining(), masks));
    }
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
