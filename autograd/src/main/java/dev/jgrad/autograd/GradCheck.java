package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.ops.Pad;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks a function's gradients against central finite differences in float64, as PyTorch's {@code
 * torch.autograd.gradcheck}, with its defaults: {@code eps = 1e-6}, {@code atol = 1e-5}, {@code
 * rtol = 1e-3}.
 *
 * <p>For every input that requires grad and every element of it, the numerical derivative {@code
 * (f(x + eps) - f(x - eps)) / (2 eps)} of every output element must match the analytical one from
 * the backward pass within {@code |analytical - numerical| <= atol + rtol * |numerical|}. The
 * backward pass is run twice for every output element and must give bit-identical results
 * (PyTorch's {@code nondet_tol = 0}).
 *
 * <pre>{@code
 * Variable x = new Variable(Tensor.randn(gen, Shape.of(3, 4), DType.FLOAT64)).requiresGrad(true);
 * GradCheck.check(in -> in[0].tanh().sum(1, false), x);
 * }</pre>
 *
 * <p>The inputs must be FLOAT64 leaves: in float32 the rounding error of {@code f(x ± eps)} is
 * larger than the differences being measured, so checks fail spuriously. Their elements are
 * perturbed in place, so an input must not be an expanded view in which several elements share one
 * memory location. Inputs that do not require grad are constants of the check.
 */
public final class GradCheck {
  /** The default finite-difference step. */
  public static final double DEFAULT_EPS = 1e-6;

  /** The default absolute tolerance. */
  public static final double DEFAULT_ATOL = 1e-5;

  /** The default relative tolerance. */
  public static final double DEFAULT_RTOL = 1e-3;

  private static final GradCheck DEFAULTS = new GradCheck(DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL);

  private final double eps;
  private final double atol;
  private final double rtol;

  /** The function under test: maps the inputs to one output variable. */
  @FunctionalInterface
  public interface Fn {
    /**
     * Computes the output from {@code inputs}.
     *
     * @param inputs the variables passed to {@link GradCheck#verify}, in the same order
     * @return the output; any shape, each element is checked
     */
    Variable apply(Variable... inputs);
  }

  private GradCheck(double eps, double atol, double rtol) {
    checkArgument(eps > 0, "gradcheck: eps must be positive, got %s", eps);
    checkArgument(
        atol >= 0 && rtol >= 0, "gradcheck: atol %s and rtol %s must be >= 0", atol, rtol);
    this.eps = eps;
    this.atol = atol;
    this.rtol = rtol;
  }

  /**
   * Returns a checker with PyTorch's default step and tolerances.
   *
   * @return the shared checker with {@link #DEFAULT_EPS}, {@link #DEFAULT_ATOL} and {@link
   *     #DEFAULT_RTOL}
   */
  public static GradCheck defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a checker with the given step and tolerances.
   *
   * @param eps the finite-difference step added to and subtracted from each input element, positive
   * @param atol the absolute tolerance, 0 or more
   * @param rtol the relative tolerance, a fraction of the numerical derivative's magnitude, 0 or
   *     more
   * @return a new checker
   * @throws IllegalArgumentException if {@code eps <= 0} or a tolerance is negative
   */
  public static GradCheck withTolerances(double eps, double atol, double rtol) {
    return new GradCheck(eps, atol, rtol);
  }

  /**
   * Checks {@code fn} at {@code inputs} with the default step and tolerances.
   *
   * @param fn the function under test
   * @param inputs its inputs: FLOAT64 leaves for those that require grad, anything for constants
   * @throws GradCheckFailure if an analytical derivative differs from the numerical one, or the
   *     backward pass is not deterministic
   * @throws IllegalArgumentException if an input that requires grad is not a FLOAT64 leaf, or is an
   *     expanded view
   */
  public static void check(Fn fn, Variable... inputs) {
    DEFAULTS.verify(fn, inputs);
  }

  /**
   * Checks {@code fn} at {@code inputs} with this checker's step and tolerances; restores the
   * inputs' values and gradients afterwards.
   *
   * @param fn the function under test; called many times, so it must be deterministic
   * @param inputs its inputs: FLOAT64 leaves for those that require grad, anything for constants
   * @throws GradCheckFailure if an analytical derivative differs from the numerical one, or the
   *     backward pass is not deterministic
   * @throws IllegalArgumentException if an input that requires grad is not a FLOAT64 leaf, or is an
   *     expanded view
   * @throws IllegalStateException if called inside {@link NoGrad}
   */
  public void verify(Fn fn, Variable... inputs) {
    checkNotNull(fn, "gradcheck: fn is null");
    if (!NoGrad.isGradEnabled()) {
      throw new IllegalStateException("gradcheck: cannot differentiate inside a NoGrad scope");
    }
    for (int j = 0; j < inputs.length; j++) {
      validate(j, inputs[j]);
    }
    Tensor[] savedGrads = new Tensor[inputs.length];
    for (int j = 0; j < inputs.length; j++) {
      savedGrads[j] = inputs[j].grad();
      inputs[j].setGrad(null);
    }
    try {
      Variable out = fn.apply(inputs);
      int m = out.numel();
      double[][][] analytical = analytical(out, inputs, m);
      for (int j = 0; j < inputs.length; j++) {
        if (inputs[j].requiresGrad()) {
          double[][] numerical = numerical(fn, inputs, j, m);
          compare(j, numerical, analytical[j]);
        }
      }
    } finally {
      for (int j = 0; j < inputs.length; j++) {
        inputs[j].setGrad(savedGrads[j]);
      }
    }
  }

  /**
   * Checks the second derivatives of {@code fn} at {@code inputs} with the default step and
   * tolerances, as PyTorch's {@code torch.autograd.gradgradcheck}; see {@link #verifyGradGrad}.
   *
   * @param fn the function under test
   * @param inputs its inputs: FLOAT64 leaves for those that require grad, anything for constants
   * @throws GradCheckFailure if a derivative of the first derivative differs from its finite
   *     differences
   * @throws IllegalArgumentException if an input that requires grad is not a FLOAT64 leaf, or is an
   *     expanded view
   */
  public static void gradgradcheck(Fn fn, Variable... inputs) {
    DEFAULTS.verifyGradGrad(fn, inputs);
  }

  /**
   * Checks the second derivatives of {@code fn} at {@code inputs}, as PyTorch's {@code
   * torch.autograd.gradgradcheck}: the function {@code (inputs, v) ↦ vᵀ·J(inputs)}, the
   * vector-Jacobian products that a backward pass with {@code createGraph} computes for random
   * {@code grad_outputs} {@code v} (drawn from a fixed seed, uniform in [-1, 1]), is checked with
   * {@link #verify} against finite differences: its derivatives with respect to the inputs (the
   * second derivatives of {@code fn} along {@code v}) and to {@code v} (the first derivatives). Its
   * output is the products of the inputs that require grad, flattened one after the other.
   *
   * @param fn the function under test; called many times, so it must be deterministic
   * @param inputs its inputs: FLOAT64 leaves for those that require grad, anything for constants
   * @throws GradCheckFailure if a derivative of the first derivative differs from its finite
   *     differences; the input index counts the inputs, then {@code v} as the last one
   * @throws IllegalArgumentException if an input that requires grad is not a FLOAT64 leaf, or is an
   *     expanded view
   * @throws IllegalStateException if called inside {@link NoGrad}, or a {@link Function} on the way
   *     is only once differentiable
   */
  public void verifyGradGrad(Fn fn, Variable... inputs) {
    checkNotNull(fn, "gradgradcheck: fn is null");
    if (!NoGrad.isGradEnabled()) {
      throw new IllegalStateException("gradgradcheck: cannot differentiate inside a NoGrad scope");
    }
    for (int j = 0; j < inputs.length; j++) {
      validate(j, inputs[j]);
    }
    Shape outShape = fn.apply(inputs).shape();
    SplittableRandom rnd = new SplittableRandom(outShape.numel() * 31L + inputs.length);
    double[] values = new double[outShape.numel()];
    for (int i = 0; i < values.length; i++) {
      values[i] = rnd.nextDouble(-1, 1);
    }
    Variable v =
        new Variable(Tensor.of(values, values.length).reshape(outShape.toArray()))
            .requiresGrad(true);
    Variable[] all = Arrays.copyOf(inputs, inputs.length + 1);
    all[inputs.length] = v;
    verify(x -> firstDerivative(fn, x), all);
  }

  /**
   * Returns the vector-Jacobian products of {@code fn} at {@code all[0..n)} with {@code all[n]},
   * recorded, as one flat variable: the function whose derivatives {@link #verifyGradGrad} checks.
   */
  private static Variable firstDerivative(Fn fn, Variable[] all) {
    int n = all.length - 1;
    Variable[] inputs = Arrays.copyOf(all, n);
    Variable out = fn.apply(inputs);
    List<Variable> wrt = new ArrayList<>();
    int total = 0;
    for (Variable x : inputs) {
      if (x.requiresGrad()) {
        wrt.add(x);
        total += x.numel();
      }
    }
    Variable flat = new Variable(Tensor.zeros(Shape.of(total), DType.FLOAT64));
    if (!out.requiresGrad() || wrt.isEmpty()) {
      return flat;
    }
    Variable[] grads =
        Autograd.grad(
            new Variable[] {out},
            wrt.toArray(new Variable[0]),
            new Variable[] {all[n]},
            true,
            true,
            true);
    int offset = 0;
    for (int k = 0; k < grads.length; k++) {
      int size = wrt.get(k).numel();
      if (grads[k] != null) {
        int[] pad = {offset, total - offset - size};
        flat = flat.add(new Pad(pad, 0).apply(grads[k].reshape(-1)));
      }
      offset += size;
    }
    return flat;
  }

  private void validate(int j, Variable x) {
    if (!x.requiresGrad()) {
      return;
    }
    checkArgument(
        x.dtype() == DType.FLOAT64,
        "gradcheck: input %s is %s; finite differences with eps %s need FLOAT64, because %s rounding"
            + " errors in f(x ± eps) swamp the differences being measured and the check would fail"
            + " spuriously. Convert the input with to(DType.FLOAT64)",
        j,
        x.dtype(),
        eps,
        x.dtype());
    checkArgument(
        x.isLeaf(),
        "gradcheck: input %s (shape %s) was made by %s; pass leaves, e.g. x.detach().requiresGrad(true)",
        j,
        x.shape(),
        x.opName());
    Tensor t = x.data();
    for (int d = 0; d < t.dim(); d++) {
      checkArgument(
          t.stride(d) != 0 || t.size(d) <= 1,
          "gradcheck: input %s of shape %s is an expanded view (dim %s has stride 0), so perturbing"
              + " one element would change several; pass a copy()",
          j,
          t.shape(),
          d);
    }
  }

  /** Returns {@code [input][input element][output element]} from one-hot backward passes. */
  private static double[][][] analytical(Variable out, Variable[] inputs, int m) {
    double[][][] jac = new double[inputs.length][][];
    for (int j = 0; j < inputs.length; j++) {
      jac[j] = new double[inputs[j].numel()][m];
    }
    if (!out.requiresGrad()) {
      return jac;
    }
    Tensor seed = Tensor.zeros(out.shape(), out.dtype());
    Tensor flatSeed = seed.view(-1);
    for (int r = 0; r < m; r++) {
      flatSeed.fill(0);
      flatSeed.set(1, r);
      double[][] first = gradients(out, inputs, seed);
      double[][] second = gradients(out, inputs, seed);
      for (int j = 0; j < inputs.length; j++) {
        if (!Arrays.equals(first[j], second[j])) {
          throw new GradCheckFailure(
              String.format(
                  "Backward is not reentrant: running backward twice with the same gradOutput (a"
                      + " one-hot at output element %s) gave different gradients for input %s,"
                      + " although the tolerance for nondeterminism is 0.%nfirst:  %s%nsecond: %s",
                  r, j, Arrays.toString(first[j]), Arrays.toString(second[j])),
              0,
              j);
        }
        for (int c = 0; c < first[j].length; c++) {
          jac[j][c][r] = first[j][c];
        }
      }
    }
    return jac;
  }

  private static double[][] gradients(Variable out, Variable[] inputs, Tensor seed) {
    for (Variable x : inputs) {
      x.setGrad(null);
    }
    out.backward(seed, true);
    double[][] g = new double[inputs.length][];
    for (int j = 0; j < inputs.length; j++) {
      Tensor grad = inputs[j].grad();
      g[j] = grad == null ? new double[inputs[j].numel()] : grad.toDoubleArray();
    }
    return g;
  }

  /** Returns {@code [input element][output element]} by central differences on input {@code j}. */
  private double[][] numerical(Fn fn, Variable[] inputs, int j, int m) {
    Tensor x = inputs[j].data();
    int[] sizes = x.shape().toArray();
    int[] index = new int[sizes.length];
    double[][] jac = new double[x.numel()][];
    for (int c = 0; c < jac.length; c++) {
      double original = x.get(index);
      x.set(original + eps, index);
      double[] plus = evaluate(fn, inputs, m);
      x.set(original - eps, index);
      double[] minus = evaluate(fn, inputs, m);
      x.set(original, index);
      for (int r = 0; r < m; r++) {
        plus[r] = (plus[r] - minus[r]) / (2 * eps);
      }
      jac[c] = plus;
      for (int d = sizes.length - 1; d >= 0 && ++index[d] == sizes[d]; d--) {
        index[d] = 0;
      }
    }
    return jac;
  }

  private static double[] evaluate(Fn fn, Variable[] inputs, int m) {
    Tensor y = fn.apply(inputs).data();
    checkArgument(
        y.numel() == m,
        "gradcheck: the function's output changed size from %s to %s elements (shape %s)",
        m,
        y.numel(),
        y.shape());
    return y.toDoubleArray();
  }

  private void compare(int j, double[][] numerical, double[][] analytical) {
    int worstC = -1;
    int worstR = -1;
    double worstExcess = 0;
    for (int c = 0; c < numerical.length; c++) {
      for (int r = 0; r < numerical[c].length; r++) {
        double n = numerical[c][r];
        double a = analytical[c][r];
        double excess = Math.abs(a - n) - (atol + rtol * Math.abs(n));
        if (!(excess <= 0) && (worstC < 0 || !(excess <= worstExcess))) {
          worstC = c;
          worstR = r;
          worstExcess = excess;
        }
      }
    }
    if (worstC < 0) {
      return;
    }
    double n = numerical[worstC][worstR];
    double a = analytical[worstC][worstR];
    throw new GradCheckFailure(
        String.format(
            "Jacobian mismatch for output 0 with respect to input %s,%nnumerical:%s%nanalytical:%s%n"
                + "worst entry: d output[%s] / d input[%s] is %s numerically but %s analytically"
                + " (|difference| %s > atol %s + rtol %s * |numerical|)",
            j,
            matrix(numerical),
            matrix(analytical),
            worstR,
            worstC,
            n,
            a,
            Math.abs(a - n),
            atol,
            rtol),
        0,
        j);
  }

  /** Formats a Jacobian as PyTorch prints it: rows are input elements, columns output elements. */
  private static String matrix(double[][] jac) {
    int rows = jac.length;
    int cols = rows == 0 ? 0 : jac[0].length;
    double[] flat = new double[rows * cols];
    for (int c = 0; c < rows; c++) {
      System.arraycopy(jac[c], 0, flat, c * cols, cols);
    }
    return Tensor.of(flat, rows, cols).toString();
  }
}
