package dev.jgrad.examples;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.train.LossFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written twin ({@link ManualNetwork}) seen as an {@code nn} module, so that a {@code
 * Trainer} trains it by its own equations: the forward pass is the twin's {@link
 * ManualNetwork#logits}, {@link #loss()} gives the seed's loss whose backward pass is the twin's
 * hand-derived {@link ManualNetwork#backward}, and {@link TwinOptimizer} steps by the twin's rule.
 * No gradient comes from autograd's derivatives of the forward pass.
 *
 * <p>The parameters are the twin's own tensors (not copies), named as the twin names them with
 * {@code _} for {@code .} ({@code W1}, {@code layer1_weights}) and in its layout ({@code [in,
 * out]}); the twin's {@link ManualNetwork#stateDict()} gives them in {@code nn.Sequential}'s
 * layout.
 */
final class TwinModule extends Module {
  private final ManualNetwork twin;
  private final Map<String, Parameter> bySeedName = new LinkedHashMap<>();
  private Tensor lastInput;

  /**
   * Wraps a twin.
   *
   * @param twin the hand-written network
   */
  TwinModule(ManualNetwork twin) {
    this.twin = twin;
    twin.parameters()
        .forEach(
            (name, tensor) ->
                bySeedName.put(
                    name, registerParameter(name.replace('.', '_'), new Parameter(tensor))));
  }

  /**
   * Returns the twin's logits for a batch and remembers the batch for {@link #loss()}.
   *
   * @param input the images {@code [B, 784]}
   * @return the logits {@code [B, 10]}, not recorded on the tape
   */
  @Override
  protected Variable compute(Variable input) {
    lastInput = input.data();
    return new Variable(twin.logits(lastInput));
  }

  /**
   * Returns the seed's loss of the batch last passed to {@link #forward}: its value is the loss the
   * seed reports, and its backward pass gives every parameter the twin's hand-derived gradient.
   *
   * @return the loss function for a trainer
   */
  LossFunction loss() {
    return (logits, target) ->
        new TwinGradient(twin, List.copyOf(bySeedName.keySet()))
            .apply(inputs(logits.data(), target.oneHot(ImageData.CLASSES, logits.dtype())));
  }

  private Variable[] inputs(Tensor logits, Tensor oneHot) {
    Variable[] in = new Variable[bySeedName.size() + 3];
    in[0] = new Variable(lastInput);
    in[1] = new Variable(oneHot);
    in[2] = new Variable(logits);
    List<Parameter> params = List.copyOf(bySeedName.values());
    for (int i = 0; i < params.size(); i++) {
      in[i + 3] = params.get(i);
    }
    return in;
  }

  /**
   * Returns the gradients of the last backward pass under the twin's names.
   *
   * @return each parameter's gradient, keyed as {@link ManualNetwork#parameters()}
   */
  Map<String, Tensor> gradients() {
    Map<String, Tensor> grads = new LinkedHashMap<>();
    bySeedName.forEach((name, p) -> grads.put(name, p.grad()));
    return grads;
  }

  /**
   * Returns the number of images in the batch last passed to {@link #forward}.
   *
   * @return the batch size, which seed 003's update divides by
   */
  int lastBatchSize() {
    return lastInput.size(0);
  }

  /**
   * Returns the twin.
   *
   * @return the hand-written network
   */
  ManualNetwork twin() {
    return twin;
  }

  @Override
  protected String typeName() {
    return twin.getClass().getSimpleName();
  }
}
