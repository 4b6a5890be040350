package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.function.Consumer;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * One hyperparameter of an optimizer, declared once as a {@code static final} constant, in the way
 * of Tribuo's typed configuration fields. The declaration gives everything about it: its PyTorch
 * name, its default, the check of its values (failing with PyTorch's {@code ValueError} wording)
 * and its state-dict encoding. Optimizers and param groups set and read values by this key, so a
 * value always has the declared type:
 *
 * <pre>{@code
 * public static final Hyperparameter<Double> DAMPENING =
 *     Hyperparameter.real("dampening", "dampening value", 0.0, Double::isFinite);
 *
 * opt.setDefault(SGD.DAMPENING, 0.1);  // for every group without its own value
 * group.set(SGD.DAMPENING, 0.0);       // for one group
 * double tau = group.get(SGD.DAMPENING);
 * }</pre>
 *
 * <p>Keys are compared by identity; an optimizer knows the keys it lists (see {@link
 * Optimizer#hyperparameters()}). In a state dict every value is FLOAT64: a real as a scalar, a flag
 * as a scalar 0 or 1, a {@link Pair} as 2 elements.
 *
 * @param <T> the type of the values: {@code Double}, {@code Boolean} or {@code Pair}
 */
public final class Hyperparameter<T> {
  private final String name;
  private final Class<T> type;
  private final T defaultValue;
  private final Consumer<T> check;
  private final Function<T, double[]> toValues;
  private final Function<double[], T> fromValues;
  private final int size;

  private Hyperparameter(
      String name,
      Class<T> type,
      T defaultValue,
      Consumer<T> check,
      Function<T, double[]> toValues,
      Function<double[], T> fromValues,
      int size) {
    this.name = checkNotNull(name, "Hyperparameter: name is null");
    this.type = type;
    this.defaultValue = defaultValue;
    this.check = check;
    this.toValues = toValues;
    this.fromValues = fromValues;
    this.size = size;
  }

  /**
   * Declares a real hyperparameter; a value that fails {@code valid} is rejected with {@code
   * Invalid <description>: <value>}.
   *
   * @param name the PyTorch name, such as {@code momentum}
   * @param description the words of the message, such as {@code momentum value}
   * @param defaultValue the default, or null if each optimizer's constructor gives it (as {@link
   *     Optimizer#LR})
   * @param valid which values are allowed, such as {@link #nonNegative(double)}
   * @return the declaration
   */
  public static Hyperparameter<Double> real(
      String name, String description, Double defaultValue, DoublePredicate valid) {
    return new Hyperparameter<>(
        name,
        Double.class,
        defaultValue,
        v -> checkArgument(valid.test(v), "Invalid %s: %s", description, v),
        v -> new double[] {v},
        values -> values[0],
        1);
  }

  /**
   * Declares a flag; every value is allowed.
   *
   * @param name the PyTorch name, such as {@code nesterov}
   * @param defaultValue the default
   * @return the declaration
   */
  public static Hyperparameter<Boolean> flag(String name, boolean defaultValue) {
    return new Hyperparameter<>(
        name,
        Boolean.class,
        defaultValue,
        v -> {},
        v -> new double[] {v ? 1 : 0},
        values -> values[0] != 0,
        1);
  }

  /**
   * Declares a hyperparameter of two reals; an element that fails {@code valid} is rejected with
   * {@code Invalid <description> at index <i>: <value>}.
   *
   * @param name the PyTorch name, such as {@code betas}
   * @param description the words of the message, such as {@code beta parameter}
   * @param defaultValue the default
   * @param valid which elements are allowed
   * @return the declaration
   */
  public static Hyperparameter<Pair> pair(
      String name, String description, Pair defaultValue, DoublePredicate valid) {
    return new Hyperparameter<>(
        name,
        Pair.class,
        checkNotNull(defaultValue, "Hyperparameter: default of %s is null", name),
        p -> {
          double[] values = {p.first(), p.second()};
          for (int i = 0; i < 2; i++) {
            checkArgument(
                valid.test(values[i]),
                "Invalid %s at index %s: %s",
                description,
                (Integer) i,
                (Double) values[i]);
          }
        },
        p -> new double[] {p.first(), p.second()},
        values -> new Pair(values[0], values[1]),
        2);
  }

  /**
   * Returns whether {@code value} is in [0, ∞), the check of most of PyTorch's hyperparameters
   * ({@code NaN} is not).
   *
   * @param value the value
   * @return whether it is non-negative and finite
   */
  public static boolean nonNegative(double value) {
    return 0 <= value && value < Double.POSITIVE_INFINITY;
  }

  /**
   * Returns the PyTorch name, which is also the state-dict key {@code param_groups.<g>.<name>}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the declared default, or null when each optimizer's constructor gives it.
   *
   * @return the default
   */
  public T defaultValue() {
    return defaultValue;
  }

  /** Returns the name. */
  @Override
  public String toString() {
    return name;
  }

  /** Throws IllegalArgumentException, in PyTorch's words, if {@code value} is not allowed. */
  void check(T value) {
    check.accept(value);
  }

  /** Returns {@code value} as this hyperparameter's type; it must be one. */
  T cast(Object value) {
    return type.cast(value);
  }

  /** Returns {@code value} as its state-dict tensor. */
  Tensor encode(T value) {
    double[] values = toValues.apply(value);
    return size == 1 ? Tensor.scalar(values[0], DType.FLOAT64) : Tensor.of(values);
  }

  /**
   * Returns the value held by state-dict tensor {@code t}.
   *
   * @throws IllegalArgumentException if {@code t} has the wrong number of elements
   */
  T decode(Tensor t) {
    if (size == 1) {
      checkArgument(t.numel() == 1, "should be a scalar, has shape %s", t.shape());
      return fromValues.apply(new double[] {t.item()});
    }
    checkArgument(t.numel() == size, "should hold %s values, has shape %s", size, t.shape());
    return fromValues.apply(t.toDoubleArray());
  }
}
