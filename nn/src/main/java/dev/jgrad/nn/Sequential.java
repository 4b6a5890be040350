package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import java.util.List;

/**
 * A chain of modules applied in order, as {@code torch.nn.Sequential}; the children are named
 * {@code 0, 1, 2, …}, so parameters are named {@code 0.weight}, {@code 2.bias} and so on.
 */
public final class Sequential extends Module {
  private final List<Module> layers;

  /**
   * Creates the chain of {@code layers}.
   *
   * @param layers the modules in the order the input passes through them; each is registered as a
   *     child
   */
  public Sequential(Module... layers) {
    for (int i = 0; i < layers.length; i++) {
      registerModule(Integer.toString(i), layers[i]);
    }
    this.layers = List.of(layers);
  }

  /**
   * Returns layer {@code index}.
   *
   * @param index the position in the chain, from 0
   * @return the module at that position
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
   */
  public Module get(int index) {
    return layers.get(index);
  }

  /**
   * Returns the number of layers.
   *
   * @return the number of layers, 0 or more
   */
  public int size() {
    return layers.size();
  }

  /** Feeds {@code input} through every layer in order. */
  @Override
  protected Variable compute(Variable input) {
    Variable x = input;
    for (int i = 0; i < layers.size(); i++) {
      if (ConvReluPool.fits(layers, i, x)) {
        x = ConvReluPool.apply((Conv2d) layers.get(i), (MaxPool2d) layers.get(i + 2), x);
        i += 2;
      } else {
        x = layers.get(i).forward(x);
      }
    }
    return x;
  }
}
