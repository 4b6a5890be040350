package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Generator;

/**
 * Inverted dropout, as {@code torch.nn.Dropout(p)}: in training mode each element is zeroed with
 * probability {@code p} and the others scaled by {@code 1 / (1 - p)}, with the mask drawn from the
 * module's seeded generator (the {@link Generator#defaultGenerator() default generator} unless
 * given one) while holding its monitor; in evaluation mode it is the identity.
 */
public final class Dropout extends Module {
  private final double p;
  private Generator gen;

  /**
   * Creates the module drawing its masks from the {@link Generator#defaultGenerator() default
   * generator}, as {@code nn.Dropout(p)}.
   *
   * @param p the probability of zeroing each element, in {@code [0, 1]}; 0 makes the module the
   *     identity
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
   */
  public Dropout(double p) {
    this(p, Generator.defaultGenerator());
  }

  /**
   * Creates the module.
   *
   * @param p the probability of zeroing each element, in {@code [0, 1]}; 0 makes the module the
   *     identity
   * @param gen the generator the masks are drawn from; the module keeps it and advances it by one
   *     draw per element in each training forward pass
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
   */
  public Dropout(double p, Generator gen) {
    checkArgument(
        p >= 0 && p <= 1, "Dropout: probability has to be between 0 and 1, but got %s", p);
    this.p = p;
    this.gen = checkNotNull(gen, "Dropout: generator is null");
  }

  /**
   * Replaces the generator the masks are drawn from, as when resuming training from a checkpoint
   * that saved the generator's state.
   *
   * @param gen the generator for later masks, not null
   */
  public void setGenerator(Generator gen) {
    this.gen = checkNotNull(gen, "Dropout: generator is null");
  }

  /**
   * Returns the drop probability.
   *
   * @return the probability of zeroing each element, in {@code [0, 1]}
   */
  public double p() {
    return p;
  }

  @Override
  protected Variable compute(Variable input) {
    if (!isTraining() || p == 0) {
      return input;
    }
    Generator masks = gen;
    synchronized (masks) {
      return guard(() -> input.dropout(p, masks));
    }
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
