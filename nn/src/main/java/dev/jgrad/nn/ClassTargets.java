package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;

/**
 * Class-index targets of {@code nll_loss} and {@code cross_entropy} with their class weights and
 * ignored index, as PyTorch 1.13 reads them: each sample's weight is its class's (1 without
 * weights) and 0 where the target is {@code ignore_index}; the weighted mean divides by the sum of
 * those weights (NaN when every sample is ignored, as in PyTorch). Without weights and ignored
 * samples the terms are the plain {@code −input[n, y_n]} and their mean.
 */
final class ClassTargets {
  private final Tensor index;
  private final Tensor valid;
  private final Tensor sampleWeight;
  private final Tensor classWeight;
  private final double totalWeight;
  private final boolean plain;

  private ClassTargets(
      Tensor index,
      Tensor valid,
      Tensor sampleWeight,
      Tensor classWeight,
      double totalWeight,
      boolean plain) {
    this.plain = plain;
    this.index = index;
    this.valid = valid;
    this.sampleWeight = sampleWeight;
    this.classWeight = classWeight;
    this.totalWeight = totalWeight;
  }

  /**
   * Reads and checks the targets of the scores {@code input [N, C]}.
   *
   * @param op the loss's name, for messages
   * @param input the scores or log-probabilities {@code [N, C]}
   * @param target INT32 {@code [N]}, each in {@code [0, C)} or equal to ignoreIndex
   * @param weight the class weights {@code [C]}, or null for 1
   * @param ignoreIndex the target value that contributes nothing
   */
  static ClassTargets of(String op, Variable input, Tensor target, Tensor weight, int ignoreIndex) {
    int n = input.size(0);
    int classes = input.size(1);
    checkArgument(
        target.dtype() == DType.INT32 && target.dim() == 1 && target.size(0) == n,
        "%s: expected an INT32 target of shape [%s] for input of shape %s, got %s %s",
        op,
        n,
        input.shape(),
        target.dtype(),
        target.shape());
    DType dt = input.dtype();
    double[] w = new double[classes];
    java.util.Arrays.fill(w, 1);
    if (weight != null) {
      checkArgument(
          weight.dim() == 1 && weight.size(0) == classes,
          "%s: weight of shape %s, expected [%s] (one per class)",
          op,
          weight.shape(),
          classes);
      w = weight.to(dt).toDoubleArray();
    }
    int[] labels = target.toIntArray();
    int[] safe = new int[n];
    double[] ok = new double[n];
    double[] sw = new double[n];
    double total = 0;
    boolean plain = weight == null;
    for (int i = 0; i < n; i++) {
      if (labels[i] == ignoreIndex) {
        plain = false;
        continue;
      }
      checkArgument(
          labels[i] >= 0 && labels[i] < classes,
          "%s: target %s at index %s is out of bounds for %s classes",
          op,
          labels[i],
          i,
          classes);
      safe[i] = labels[i];
      ok[i] = 1;
      sw[i] = w[labels[i]];
      total += sw[i];
    }
    Tensor cw = weight == null ? null : Tensor.of(w).to(dt);
    return new ClassTargets(
        Tensor.of(safe, n, 1), Tensor.of(ok), Tensor.of(sw).to(dt), cw, total, plain);
  }

  /** Returns whether there are no class weights and no sample is ignored. */
  boolean plain() {
    return plain;
  }

  /** Returns {@code -w[y_n] · input[n, y_n]} per sample, 0 where the target is ignored. */
  Variable nllPerSample(Variable input) {
    Variable picked = input.gather(1, index).squeeze(1);
    if (plain) {
      return picked.neg();
    }
    Variable weighted = picked.mul(new Variable(sampleWeight.neg()));
    return Variable.where(valid, weighted, zeros(input));
  }

  /**
   * Returns label smoothing's per-sample term {@code -Σ_c w_c · logp[n, c]}, 0 where the target is
   * ignored.
   */
  Variable smoothingPerSample(Variable logp) {
    Variable scaled = classWeight == null ? logp : logp.mul(new Variable(classWeight));
    if (plain) {
      return scaled.sum(1, false).neg();
    }
    return Variable.where(valid, scaled.sum(1, false).neg(), zeros(logp));
  }

  /** Reduces per-sample terms as PyTorch's nll_loss does: MEAN divides by the total weight. */
  Variable reduce(Variable perSample, Reduction reduction) {
    return switch (reduction) {
      case NONE -> perSample;
      case SUM -> perSample.sum();
      case MEAN -> plain ? perSample.mean() : perSample.sum().div(totalWeight);
    };
  }

  private static Variable zeros(Variable like) {
    return new Variable(Tensor.scalar(0, like.dtype()));
  }
}
