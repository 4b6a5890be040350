package com.example.consumer;

import dev.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * The gradients of {@link SwishMlp}'s mean cross-entropy written out by hand, as a user derives
 * them on paper: {@code dZ2 = (softmax(Z2) − Y) / N}, {@code dW2 = dZ2ᵀ·A1}, {@code dA1 = dZ2·W2},
 * {@code dZ1 = dA1 ⊙ swish'(Z1)}, {@code dW1 = dZ1ᵀ·X}, and the bias gradients as column sums.
 */
public final class SwishMlpBackward {
  private SwishMlpBackward() {}

  /**
   * Computes the parameter gradients of the mean cross-entropy of {@code model} on a batch.
   *
   * @param model the network whose weights are used
   * @param x the inputs, {@code [N, in]}
   * @param labels the class of each row, INT32 {@code [N]}
   * @return the gradients by parameter name, as {@code model.namedParameters()} names them
   */
  public static Map<String, Tensor> gradients(SwishMlp model, Tensor x, Tensor labels) {
    Tensor w1 = model.hidden().weight().data();
    Tensor w2 = model.output().weight().data();
    Tensor z1 = x.matmul(w1.t()).add(model.hidden().bias().data());
    Tensor s1 = z1.sigmoid();
    Tensor a1 = z1.mul(s1);
    Tensor z2 = a1.matmul(w2.t()).add(model.output().bias().data());
    Tensor p = z2.sub(z2.logsumexp(1, true)).exp();
    Tensor dz2 = p.sub(labels.oneHot(z2.size(1), z2.dtype())).div(x.size(0));
    Tensor da1 = dz2.matmul(w2);
    Tensor dz1 = da1.mul(s1.add(z1.mul(s1.mul(s1.neg().add(1)))));
    return Map.of(
        "hidden.weight", dz1.t().matmul(x),
        "hidden.bias", dz1.sum(0),
        "output.weight", dz2.t().matmul(a1),
        "output.bias", dz2.sum(0));
  }
}
