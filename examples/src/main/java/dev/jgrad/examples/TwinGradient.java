package dev.jgrad.examples;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The seed's loss of one batch as an autograd op whose backward pass is the twin's hand-written
 * one. Inputs: the images {@code x}, the one-hot targets {@code y}, the twin's logits, then the
 * twin's parameters in its order. Forward: the loss the seed reports, {@link ManualNetwork#loss} of
 * the softmax of the logits. Backward: {@link ManualNetwork#backward}{@code (x, y)} for the
 * parameters (times the incoming gradient, 1 for the loss itself), nothing for the other inputs.
 */
final class TwinGradient extends Function {
  private final ManualNetwork twin;
  private final List<String> names;

  /**
   * Creates the op for one batch.
   *
   * @param twin the hand-written network
   * @param names its parameters' names, in the order they are passed to {@code apply}
   */
  TwinGradient(ManualNetwork twin, List<String> names) {
    this.twin = twin;
    this.names = List.copyOf(names);
  }

  @Override
  protected Tensor forward(Tensor... inputs) {
    Tensor x = inputs[0];
    Tensor y = inputs[1];
    saveForBackward(x, y);
    double loss = twin.loss(SeedMath.softmax(inputs[2]), y);
    return Tensor.scalar(loss, inputs[2].dtype());
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Map<String, Tensor> grads = twin.backward(savedTensor(0), savedTensor(1));
    Tensor[] out = new Tensor[names.size() + 3];
    for (int i = 0; i < names.size(); i++) {
      out[i + 3] = grads.get(names.get(i)).mul(grad);
    }
    return out;
  }
}
