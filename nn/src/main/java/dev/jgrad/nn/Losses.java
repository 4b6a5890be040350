package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.autograd.ops.BinaryCrossEntropy;
import dev.jgrad.autograd.ops.BinaryCrossEntropyWithLogits;
import dev.jgrad.autograd.ops.CrossEntropy;
import dev.jgrad.tensor.Tensor;

/**
 * Loss functions, as {@code torch.nn.functional}. Unless given a {@link Reduction}, each returns
 * the mean over samples, PyTorch's default. Inputs are {@code [N, C]} scores or probabilities for
 * {@code N} samples and {@code C} classes; class-index targets are INT32 tensors of shape {@code
 * [N]}.
 *
 * <p>One name per loss: {@link #crossEntropy} takes logits with either class indices or class
 * probabilities as its target, as {@code F.cross_entropy} does; {@link
 * #crossEntropyOnProbabilities} takes probabilities a softmax already produced, as hand-written
 * NumPy code computes it (PyTorch has no such function).
 */
public final class Losses {
  private Losses() {}

  /**
   * Cross-entropy from logits, as {@code F.cross_entropy}, with the mean over the samples; see
   * {@link #crossEntropy(Variable, Tensor, Reduction)} for the two kinds of target.
   *
   * @param logits unnormalized class scores {@code [N, C]}
   * @param target class indices, INT32 {@code [N]}, or class probabilities, floating {@code [N, C]}
   * @return the mean loss over the samples, rank 0
   * @throws IllegalArgumentException if the shapes do not fit or a class index is out of range
   */
  public static Variable crossEntropy(Variable logits, Tensor target) {
    return crossEntropy(logits, target, Reduction.MEAN);
  }

  /**
   * Cross-entropy from logits, as {@code F.cross_entropy}, computed with a fused, stable
   * log-softmax. As in PyTorch, the target's dtype says what it holds:
   *
   * <ul>
   *   <li>class indices, an INT32 tensor {@code [N]} with each value in {@code [0, C)}: {@code
   *       loss_n = −log_softmax(x_n)[y_n]};
   *   <li>class probabilities, a floating tensor {@code [N, C]} (one-hot or soft labels, each row
   *       summing to one): {@code loss_n = −Σ_c y_nc · log_softmax(x_n)_c}.
   * </ul>
   *
   * @param logits unnormalized class scores {@code [N, C]}
   * @param target class indices, INT32 {@code [N]}, or class probabilities, floating {@code [N, C]}
   * @param reduction how the per-sample losses are combined
   * @return the loss: rank 0 for MEAN and SUM, {@code [N]} for NONE
   * @throws IllegalArgumentException if the shapes do not fit or a class index is out of range
   */
  public static Variable crossEntropy(Variable logits, Tensor target, Reduction reduction) {
    return crossEntropy(logits, target, null, IGNORE_INDEX, reduction, 0);
  }

  /**
   * Cross-entropy on probabilities that a softmax already produced, with the mean over the samples;
   * see {@link #crossEntropyOnProbabilities(Variable, Tensor, double, Reduction)}.
   *
   * @param probabilities class probabilities {@code [N, C]}, such as a softmax's output
   * @param target the class probabilities of each sample {@code [N, C]}, one-hot or soft
   * @param eps added to every probability before the log, 0 or more; 1e-12 is a common choice
   * @return the mean loss over the samples, rank 0
   * @throws IllegalArgumentException if {@code probabilities} is not 2-D, the shapes differ or
   *     {@code eps < 0}
   */
  public static Variable crossEntropyOnProbabilities(
      Variable probabilities, Tensor target, double eps) {
    return crossEntropyOnProbabilities(probabilities, target, eps, Reduction.MEAN);
  }

  /**
   * Cross-entropy on probabilities that a softmax already produced, as hand-written NumPy code
   * often computes it: {@code loss_n = −Σ_c y_nc · log(p_nc + eps)} with one-hot or soft targets
   * {@code y} of shape {@code [N, C]}. The eps keeps the log finite when a probability underflows
   * to 0 (values such as 1e-12 or 1e-15 are usual); prefer {@link #crossEntropy} on logits, which
   * needs no eps and is more accurate.
   *
   * @param probabilities class probabilities {@code [N, C]}, such as a softmax's output
   * @param target the class probabilities of each sample {@code [N, C]}, one-hot or soft
   * @param eps added to every probability before the log, 0 or more; 1e-12 is a common choice
   * @param reduction how the per-sample losses are combined
   * @return the loss: rank 0 for MEAN and SUM, {@code [N]} for NONE
   * @throws IllegalArgumentException if {@code probabilities} is not 2-D, the shapes differ or
   *     {@code eps < 0}
   */
  public static Variable crossEntropyOnProbabilities(
      Variable probabilities, Tensor target, double eps, Reduction reduction) {
    checkScores("cross_entropy_on_probabilities", probabilities);
    checkArgument(eps >= 0, "cross_entropy_on_probabilities: eps must be >= 0, got %s", eps);
    checkArgument(
        target.shape().equals(probabilities.shape()),
        "cross_entropy_on_probabilities: target of shape %s does not match input of shape %s",
        target.shape(),
        probabilities.shape());
    Variable logs = probabilities.add(eps).log();
    return reduce(logs.mul(constant(target, probabilities)).sum(1, false).neg(), reduction);
  }

  /**
   * Negative log-likelihood of log-probabilities and class indices, as {@code F.nll_loss}: {@code
   * loss_n = −x_n[y_n]}.
   *
   * @param logProbabilities class log-probabilities {@code [N, C]}, such as a log-softmax's output
   * @param target the class index of each sample, INT32 {@code [N]}, each in {@code [0, C)}
   * @param reduction how the per-sample losses are combined
   * @return the loss: rank 0 for MEAN and SUM, {@code [N]} for NONE
   * @throws IllegalArgumentException if the shapes do not fit or a class index is out of range
   */
  public static Variable nllLoss(Variable logProbabilities, Tensor target, Reduction reduction) {
    return nllLoss(logProbabilities, target, null, IGNORE_INDEX, reduction);
  }

  /**
   * NLL loss with the mean reduction.
   *
   * @param logProbabilities class log-probabilities {@code [N, C]}
   * @param target the class index of each sample, INT32 {@code [N]}
   * @return the mean loss over the samples, rank 0
   */
  public static Variable nllLoss(Variable logProbabilities, Tensor target) {
    return nllLoss(logProbabilities, target, Reduction.MEAN);
  }

  /**
   * Mean squared error, as {@code F.mse_loss}: {@code (x − y)²} per element, reduced over all
   * elements.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape; differentiable too
   * @param reduction how the per-element losses are combined: MEAN and SUM run over every element
   * @return the loss: rank 0 for MEAN and SUM, the input's shape for NONE
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Variable mseLoss(Variable input, Variable target, Reduction reduction) {
    checkSameShape("mse_loss", input, target.shape().toString(), target.data());
    return reduce(input.sub(target).pow(2), reduction);
  }

  /**
   * MSE with the mean reduction.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape
   * @return the mean over all elements, rank 0
   */
  public static Variable mseLoss(Variable input, Variable target) {
    return mseLoss(input, target, Reduction.MEAN);
  }

  /**
   * Binary cross-entropy on probabilities, as {@code F.binary_cross_entropy}: {@code −(y·log p + (1
   * − y)·log(1 − p))} per element, with each log clamped to at least −100 as PyTorch does. As in
   * PyTorch, the gradient {@code (p − y) / max(p(1 − p), 1e-12)} stays finite where {@code p} is
   * exactly 0 or 1.
   *
   * @param probabilities predicted probabilities in {@code [0, 1]}, any shape, such as a sigmoid's
   *     output
   * @param target the wanted probabilities, usually 0 or 1, of the same shape; any dtype
   * @param reduction how the per-element losses are combined
   * @return the loss: rank 0 for MEAN and SUM, the input's shape for NONE
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Variable binaryCrossEntropy(
      Variable probabilities, Tensor target, Reduction reduction) {
    checkSameShape("binary_cross_entropy", probabilities, target.shape().toString(), target);
    Tensor y = target.to(probabilities.dtype());
    return reduce(new BinaryCrossEntropy(y).apply(probabilities), reduction);
  }

  /**
   * Binary cross-entropy on probabilities with the mean reduction.
   *
   * @param probabilities predicted probabilities in {@code [0, 1]}, any shape
   * @param target the wanted probabilities, of the same shape
   * @return the mean over all elements, rank 0
   */
  public static Variable binaryCrossEntropy(Variable probabilities, Tensor target) {
    return binaryCrossEntropy(probabilities, target, Reduction.MEAN);
  }

  /**
   * Binary cross-entropy on logits, as {@code F.binary_cross_entropy_with_logits}: {@code (1 − y)·x
   * + log(1 + exp(−x))}, computed by the fused {@link BinaryCrossEntropyWithLogits} as PyTorch
   * computes it. Its gradient is {@code sigmoid(x) − y} everywhere, also at {@code x = 0} and at
   * infinite logits.
   *
   * @param logits unnormalized scores, any shape; the probability is their sigmoid
   * @param target the wanted probabilities, usually 0 or 1, of the same shape; any dtype
   * @param reduction how the per-element losses are combined
   * @return the loss: rank 0 for MEAN and SUM, the input's shape for NONE
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Variable binaryCrossEntropyWithLogits(
      Variable logits, Tensor target, Reduction reduction) {
    checkSameShape("binary_cross_entropy_with_logits", logits, target.shape().toString(), target);
    Tensor y = target.to(logits.dtype());
    return reduce(new BinaryCrossEntropyWithLogits(y).apply(logits), reduction);
  }

  /**
   * Binary cross-entropy on logits with the mean reduction.
   *
   * @param logits unnormalized scores, any shape
   * @param target the wanted probabilities, of the same shape
   * @return the mean over all elements, rank 0
   */
  public static Variable binaryCrossEntropyWithLogits(Variable logits, Tensor target) {
    return binaryCrossEntropyWithLogits(logits, target, Reduction.MEAN);
  }

  /**
   * An explicit L2 penalty {@code (λ / 2) · Σ_p Σ w²} over {@code params}, whose gradient {@code
   * λ·w} equals weight decay λ. Add it to the loss to regularize only some parameters, e.g. the
   * weights but not the biases.
   *
   * @param params the variables to penalize, at least one, for example the weights of a model
   *     without its biases
   * @param lambda the strength λ, finite and 0 or more
   * @return the penalty, rank 0, to add to the loss
   * @throws IllegalArgumentException if {@code params} is empty or {@code lambda} is negative or
   *     not finite
   */
  public static Variable l2Penalty(Iterable<? extends Variable> params, double lambda) {
    checkArgument(
        lambda >= 0 && Double.isFinite(lambda), "l2_penalty: lambda must be >= 0, got %s", lambda);
    Variable total = null;
    for (Variable p : params) {
      Variable sq = p.pow(2).sum();
      total = total == null ? sq : total.add(sq);
    }
    checkArgument(total != null, "l2_penalty: no parameters given");
    return total.mul(lambda / 2);
  }

  // ---------------------------------------------------------------- weights, ignore_index,
  // label smoothing; l1, smooth_l1, huber, kl_div

  /** PyTorch's default {@code ignore_index} of {@code cross_entropy} and {@code nll_loss}. */
  public static final int IGNORE_INDEX = -100;

  /**
   * Cross-entropy from logits with every option of {@code F.cross_entropy(input, target, weight,
   * ignore_index=ignoreIndex, reduction, label_smoothing)}, computed from a fused log-softmax
   * {@code logp}. For class-index targets (INT32 {@code [N]}):
   *
   * <ul>
   *   <li>{@code nll_n = −w[y_n] · logp[n, y_n]}, 0 where {@code y_n == ignoreIndex};
   *   <li>with label smoothing ε over C classes, {@code loss = (1 − ε) · nll + ε / C · smooth} with
   *       {@code smooth_n = −Σ_c w_c · logp[n, c]} (0 for ignored samples);
   *   <li>MEAN divides both sums by {@code Σ_n w[y_n]} over the samples not ignored (their count
   *       without weights), PyTorch 1.13's rule; it is NaN when every sample is ignored.
   * </ul>
   *
   * <p>Without weights, ignored samples and smoothing (the everyday case) the per-sample terms are
   * one fused op, {@link CrossEntropy}, with the composite's values bit for bit.
   *
   * <p>For class-probability targets (floating {@code [N, C]}) the target becomes {@code (1 − ε) ·
   * y + ε / C}, {@code loss_n = −Σ_c w_c · y_nc · logp[n, c]}, and MEAN divides by N; ignoreIndex
   * must stay {@link #IGNORE_INDEX} there, as PyTorch requires.
   *
   * @param input unnormalized class scores {@code [N, C]}
   * @param target class indices, INT32 {@code [N]}, or class probabilities, floating {@code [N, C]}
   * @param weight a weight per class {@code [C]}, or null for 1
   * @param ignoreIndex the class-index value whose samples contribute nothing ({@link
   *     #IGNORE_INDEX} by default)
   * @param reduction how the per-sample losses are combined
   * @param labelSmoothing ε, in {@code [0, 1]}
   * @return the loss: rank 0 for MEAN and SUM, {@code [N]} for NONE
   * @throws IllegalArgumentException if the shapes do not fit, a class index is out of range, ε is
   *     outside {@code [0, 1]}, or ignoreIndex is set with probability targets
   */
  public static Variable crossEntropy(
      Variable input,
      Tensor target,
      Tensor weight,
      int ignoreIndex,
      Reduction reduction,
      double labelSmoothing) {
    checkScores("cross_entropy", input);
    checkArgument(
        labelSmoothing >= 0 && labelSmoothing <= 1,
        "cross_entropy: label_smoothing must be between 0.0 and 1.0, got %s",
        labelSmoothing);
    int classes = input.size(1);
    if (!target.dtype().isFloatingPoint()) {
      ClassTargets t = ClassTargets.of("nll_loss", input, target, weight, ignoreIndex);
      if (t.plain() && labelSmoothing == 0 && input.dtype().isFloatingPoint()) {
        return t.reduce(new CrossEntropy(target).apply(input), reduction);
      }
      Variable logp = input.logSoftmax(1);
      Variable nll = t.nllPerSample(logp);
      if (labelSmoothing == 0) {
        return t.reduce(nll, reduction);
      }
      Variable smooth = t.smoothingPerSample(logp);
      return t.reduce(nll, reduction)
          .mul(1 - labelSmoothing)
          .add(t.reduce(smooth, reduction).mul(labelSmoothing / classes));
    }
    checkArgument(
        target.shape().equals(input.shape()),
        "cross_entropy: probability target of shape %s does not match input of shape %s (class"
            + " indices are INT32 of shape [%s])",
        target.shape(),
        input.shape(),
        input.size(0));
    checkArgument(
        ignoreIndex == IGNORE_INDEX,
        "cross_entropy: ignore_index is not supported for probability targets, got %s",
        ignoreIndex);
    Tensor y = target.to(input.dtype());
    if (labelSmoothing > 0) {
      y = y.mul(1 - labelSmoothing).add(labelSmoothing / classes);
    }
    Variable terms = input.logSoftmax(1).mul(new Variable(y));
    if (weight != null) {
      checkArgument(
          weight.dim() == 1 && weight.size(0) == classes,
          "cross_entropy: weight of shape %s, expected [%s] (one per class)",
          weight.shape(),
          classes);
      terms = terms.mul(new Variable(weight.to(input.dtype())));
    }
    return switch (reduction) {
      case NONE -> terms.sum(1, false).neg();
      case SUM -> terms.sum().neg();
      case MEAN -> terms.sum().neg().div(input.size(0));
    };
  }

  /**
   * Negative log-likelihood with class weights and an ignored index, as {@code F.nll_loss(input,
   * target, weight, ignore_index=ignoreIndex, reduction)}: {@code loss_n = −w[y_n] · x[n, y_n]}, 0
   * where {@code y_n == ignoreIndex}; MEAN divides the sum by {@code Σ_n w[y_n]} over the samples
   * not ignored (NaN when every sample is ignored, as in PyTorch).
   *
   * @param input class log-probabilities {@code [N, C]}
   * @param target the class index of each sample, INT32 {@code [N]}, each in {@code [0, C)} or
   *     equal to ignoreIndex
   * @param weight a weight per class {@code [C]}, or null for 1
   * @param ignoreIndex the target value whose samples contribute nothing
   * @param reduction how the per-sample losses are combined
   * @return the loss: rank 0 for MEAN and SUM, {@code [N]} for NONE
   * @throws IllegalArgumentException if the shapes do not fit or a class index is out of range
   */
  public static Variable nllLoss(
      Variable input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
    checkScores("nll_loss", input);
    ClassTargets t = ClassTargets.of("nll_loss", input, target, weight, ignoreIndex);
    return t.reduce(t.nllPerSample(input), reduction);
  }

  /**
   * Mean absolute error, as {@code F.l1_loss(input, target)}.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape; differentiable too
   * @return the mean of {@code |x − y|}, rank 0
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Variable l1Loss(Variable input, Variable target) {
    return l1Loss(input, target, Reduction.MEAN);
  }

  /**
   * Absolute error, as {@code F.l1_loss(input, target, reduction)}: {@code |x − y|} per element,
   * with the derivative {@code sign(x − y)} (0 where they are equal).
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape; differentiable too
   * @param reduction how the per-element losses are combined
   * @return the loss: rank 0 for MEAN and SUM, the input's shape for NONE
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Variable l1Loss(Variable input, Variable target, Reduction reduction) {
    checkSameShape("l1_loss", input, target.shape().toString(), target.data());
    return reduce(input.sub(target).abs(), reduction);
  }

  /**
   * Smooth L1 loss with {@code beta = 1}, as {@code F.smooth_l1_loss(input, target)}.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape; differentiable too
   * @return the mean loss, rank 0
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Variable smoothL1Loss(Variable input, Variable target) {
    return smoothL1Loss(input, target, Reduction.MEAN, 1);
  }

  /**
   * Smooth L1 loss, as {@code F.smooth_l1_loss(input, target, reduction, beta)}: with {@code z = |x
   * − y|}, {@code 0.5 · z² / β} where {@code z < β} and {@code z − 0.5 · β} elsewhere; β = 0 is the
   * L1 loss. Computed as {@code 0.5 · m² / β + (z − m)} with {@code m = min(z, β)}, which has the
   * same values and a finite gradient also for infinite z.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape; differentiable too
   * @param reduction how the per-element losses are combined
   * @param beta where the loss turns from quadratic to linear, 0 or more
   * @return the loss: rank 0 for MEAN and SUM, the input's shape for NONE
   * @throws IllegalArgumentException if the shapes differ or beta is negative
   */
  public static Variable smoothL1Loss(
      Variable input, Variable target, Reduction reduction, double beta) {
    checkArgument(beta >= 0, "smooth_l1_loss: beta must be >= 0, got %s", beta);
    if (beta == 0) {
      return l1Loss(input, target, reduction);
    }
    checkSameShape("smooth_l1_loss", input, target.shape().toString(), target.data());
    Variable z = input.sub(target).abs();
    Variable m = z.clamp(0, beta);
    return reduce(m.mul(m).mul(0.5).div(beta).add(z.sub(m)), reduction);
  }

  /**
   * Huber loss with {@code delta = 1}, as {@code F.huber_loss(input, target)}.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape; differentiable too
   * @return the mean loss, rank 0
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Variable huberLoss(Variable input, Variable target) {
    return huberLoss(input, target, Reduction.MEAN, 1);
  }

  /**
   * Huber loss, as {@code F.huber_loss(input, target, reduction, delta)}: with {@code z = |x − y|},
   * {@code 0.5 · z²} where {@code z < δ} and {@code δ · (z − 0.5 · δ)} elsewhere. Computed as
   * {@code 0.5 · m² + δ · (z − m)} with {@code m = min(z, δ)}, which has the same values and a
   * finite gradient also for infinite z.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape; differentiable too
   * @param reduction how the per-element losses are combined
   * @param delta where the loss turns from quadratic to linear, positive
   * @return the loss: rank 0 for MEAN and SUM, the input's shape for NONE
   * @throws IllegalArgumentException if the shapes differ or delta is not positive
   */
  public static Variable huberLoss(
      Variable input, Variable target, Reduction reduction, double delta) {
    checkArgument(delta > 0, "huber_loss: delta must be > 0, got %s", delta);
    checkSameShape("huber_loss", input, target.shape().toString(), target.data());
    Variable z = input.sub(target).abs();
    Variable m = z.clamp(0, delta);
    return reduce(m.mul(m).mul(0.5).add(z.sub(m).mul(delta)), reduction);
  }

  /**
   * Kullback-Leibler divergence with the mean over all elements, as {@code F.kl_div(input,
   * target)}; see {@link #klDiv(Variable, Tensor, Reduction, boolean)}.
   *
   * @param input log-probabilities, any shape
   * @param target probabilities, of the input's shape
   * @return the mean over all elements, rank 0
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Variable klDiv(Variable input, Tensor target) {
    return klDiv(input, target, Reduction.MEAN, false);
  }

  /**
   * Kullback-Leibler divergence, as {@code F.kl_div(input, target, reduction, log_target)}: per
   * element {@code y · (log y − x)} (0 where {@code y = 0}), or {@code e^y · (y − x)} when the
   * target holds log-probabilities. MEAN is the mean over all elements, as in PyTorch; the
   * divergence per sample is {@link #klDivBatchmean}.
   *
   * @param input log-probabilities, any shape
   * @param target probabilities (or log-probabilities if logTarget), of the input's shape
   * @param reduction how the per-element terms are combined
   * @param logTarget whether the target holds log-probabilities
   * @return the loss: rank 0 for MEAN and SUM, the input's shape for NONE
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Variable klDiv(
      Variable input, Tensor target, Reduction reduction, boolean logTarget) {
    return reduce(klDivTerms(input, target, logTarget), reduction);
  }

  /**
   * Kullback-Leibler divergence summed and divided by the batch size, as {@code F.kl_div(input,
   * target, reduction='batchmean', log_target)}: the divergence per sample, as the mathematical
   * definition has it.
   *
   * @param input log-probabilities {@code [N, *]}
   * @param target probabilities (or log-probabilities if logTarget), of the input's shape
   * @param logTarget whether the target holds log-probabilities
   * @return the sum over all elements divided by N, rank 0
   * @throws IllegalArgumentException if the shapes differ or the input is rank 0
   */
  public static Variable klDivBatchmean(Variable input, Tensor target, boolean logTarget) {
    checkArgument(
        input.dim() > 0, "kl_div: reduction 'batchmean' needs a batch dimension, got rank 0");
    return klDivTerms(input, target, logTarget).sum().div(input.size(0));
  }

  private static Variable klDivTerms(Variable input, Tensor target, boolean logTarget) {
    checkSameShape("kl_div", input, target.shape().toString(), target);
    Tensor y = target.to(input.dtype());
    if (logTarget) {
      return new Variable(y).sub(input).mul(new Variable(y.exp()));
    }
    Tensor yLogY = Tensor.where(y.eq(0), Tensor.scalar(0, y.dtype()), y.mul(y.log()));
    return new Variable(yLogY).sub(input.mul(new Variable(y)));
  }

  private static Variable reduce(Variable perElement, Reduction reduction) {
    return switch (reduction) {
      case NONE -> perElement;
      case MEAN -> perElement.mean();
      case SUM -> perElement.sum();
    };
  }

  private static Variable constant(Tensor target, Variable like) {
    return new Variable(target.to(like.dtype()));
  }

  private static void checkScores(String op, Variable input) {
    checkArgument(
        input.dim() == 2,
        "%s: expected input of shape [N, C] (batch, classes), got %s",
        op,
        input.shape());
  }

  private static void checkSameShape(String op, Variable input, String targetShape, Tensor t) {
    checkArgument(
        t.shape().equals(input.shape()),
        "%s: target of shape %s does not match input of shape %s",
        op,
        targetShape,
        input.shape());
  }
}
