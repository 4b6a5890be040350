package dev.jgrad.examples;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.Tensor;

/** The seeds' softmax and loss formulas on tensors, as their notebooks write them in NumPy. */
public final class SeedMath {
  private SeedMath() {}

  /**
   * Returns the seeds' cross-entropy on probabilities, {@code -mean_n Σ_k y_nk log(p_nk + eps)}.
   *
   * @param probabilities {@code [B, C]} rows that sum to one
   * @param oneHot {@code [B, C]} one-hot targets
   * @param eps the constant added inside the logarithm (1e-12 in seed 000, 1e-15 in seed 003)
   * @return the mean over the rows
   * @throws IllegalArgumentException if the shapes differ
   */
  public static double crossEntropy(Tensor probabilities, Tensor oneHot, double eps) {
    checkArgument(
        probabilities.shape().equals(oneHot.shape()),
        "crossEntropy: probabilities %s and targets %s differ in shape",
        probabilities.shape(),
        oneHot.shape());
    return -oneHot.mul(probabilities.add(eps).log()).sum().item() / probabilities.size(0);
  }

  /**
   * Returns the row-wise softmax of {@code [B, C]} scores, shifted by each row's maximum.
   *
   * @param z the scores
   * @return the probabilities, each row summing to one
   */
  public static Tensor softmax(Tensor z) {
    Tensor e = z.sub(z.max(1, true)).exp();
    return e.div(e.sum(1, true));
  }
}
