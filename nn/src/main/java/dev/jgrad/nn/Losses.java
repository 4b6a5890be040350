package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.autograd.ops.BinaryCrossEntropy;
import dev.jgrad.autograd.ops.BinaryCrossEntropyWithLogits;
import dev.jgrad.tensor.DType;
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
    checkScores("cross_entropy", logits);
    if (!target.dtype().isFloatingPoint()) {
      return nllLoss(logits.logSoftmax(1), target, reduction);
    }
    checkArgument(
        target.shape().equals(logits.shape()),
        "cross_entropy: probability target of shape %s does not match input of shape %s (class"
            + " indices are INT32 of shape [%s])",
        target.shape(),
        logits.shape(),
        logits.size(0));
    Variable perSample = logits.logSoftmax(1).mul(constant(target, logits)).sum(1, false).neg();
    return reduce(perSample, reduction);
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
    checkScores("nll_loss", logProbabilities);
    int n = logProbabilities.size(0);
    int classes = logProbabilities.size(1);
    checkArgument(
        target.dtype() == DType.INT32 && target.dim() == 1 && target.size(0) == n,
        "nll_loss: expected an INT32 target of shape [%s] for input of shape %s, got %s %s",
        n,
        logProbabilities.shape(),
        target.dtype(),
        target.shape());
    int[] labels = target.toIntArray();
    for (int i = 0; i < labels.length; i++) {
      checkArgument(
          labels[i] >= 0 && labels[i] < classes,
          "nll_loss: target %s at index %s is out of bounds for %s classes",
          labels[i],
          i,
          classes);
    }
    Variable picked = logProbabilities.gather(1, target.unsqueeze(1)).squeeze(1);
    return reduce(picked.neg(), reduction);
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
