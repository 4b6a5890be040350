package dev.jgrad.examples;

import dev.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * A network whose gradients are derived by hand and written with tensor-core operations only, as a
 * seed notebook writes them in NumPy.
 *
 * <p>Parameters keep the seed's names and layout (weights {@code [in, out]}, so {@code Z = X·W +
 * b}); {@link #stateDict()} gives them in the layout of an {@code nn.Sequential} of {@code Linear}
 * layers, so an autograd model can be loaded with the very same values and its gradients compared.
 */
public interface ManualNetwork {
  /** Returns the live parameters by the seed's names, in the seed's layout, in layer order. */
  Map<String, Tensor> parameters();

  /** Returns the scores before the softmax {@code [B, 10]} for inputs {@code [B, 784]}. */
  Tensor logits(Tensor x);

  /** Returns the output probabilities {@code [B, 10]}, the softmax of {@link #logits}. */
  default Tensor forward(Tensor x) {
    return SeedMath.softmax(logits(x));
  }

  /**
   * Returns the gradients the seed computes for one batch, keyed like {@link #parameters()}; the
   * parameters are not changed.
   *
   * @param x inputs {@code [B, 784]}
   * @param y one-hot targets {@code [B, 10]}
   */
  Map<String, Tensor> backward(Tensor x, Tensor y);

  /**
   * Updates the parameters in place from {@code gradients}, by the seed's rule.
   *
   * @param batchSize the number of rows the gradients were computed on; only seed 003's rule uses
   *     it (it divides by the batch size a second time)
   */
  void step(Map<String, Tensor> gradients, int batchSize);

  /** Returns the loss the seed reports for output probabilities and one-hot targets. */
  double loss(Tensor probabilities, Tensor y);

  /**
   * Returns copies of tensors keyed like {@link #parameters()} (the parameters or their gradients)
   * under the names and layout of an {@code nn.Sequential} ({@code "0.weight"} is {@code [out,
   * in]}).
   */
  Map<String, Tensor> toStateDict(Map<String, Tensor> seedNamed);

  /** Returns copies of the parameters under {@code nn}'s names and layout. */
  default Map<String, Tensor> stateDict() {
    return toStateDict(parameters());
  }
}
