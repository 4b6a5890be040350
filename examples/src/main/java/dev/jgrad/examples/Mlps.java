package dev.jgrad.examples;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the seeds' multilayer perceptrons from {@code nn}: a {@link Sequential} of {@link Linear}
 * layers with {@link ReLU} between them and raw logits out, so parameters are named {@code
 * "0.weight" [out, in]}, {@code "0.bias" [out]}, {@code "2.weight"}, … exactly as a hand-written
 * twin's {@link ManualNetwork#stateDict()} and a PyTorch {@code nn.Sequential} name them.
 */
public final class Mlps {
  private Mlps() {}

  /**
   * Returns an MLP of the given layer sizes (input first), each layer drawn from {@code gen} by
   * {@code init}.
   *
   * @throws IllegalArgumentException if fewer than two sizes are given or one is not positive
   */
  public static Sequential create(
      List<Integer> sizes, Initialization init, DType dtype, Generator gen) {
    checkArgument(sizes.size() >= 2, "Mlps: need at least 2 layer sizes, got %s", sizes);
    checkArgument(sizes.stream().allMatch(n -> n > 0), "Mlps: sizes must be > 0, got %s", sizes);
    List<Module> layers = new ArrayList<>();
    for (int i = 0; i + 1 < sizes.size(); i++) {
      Linear linear =
          Linear.builder(sizes.get(i), sizes.get(i + 1)).dtype(dtype).generator(gen).build();
      init.apply(linear.weight().data().zero(), linear.bias().data().zero(), gen);
      layers.add(linear);
      if (i + 2 < sizes.size()) {
        layers.add(new ReLU());
      }
    }
    return new Sequential(layers.toArray(Module[]::new));
  }

  /**
   * Returns an MLP holding copies of {@code state} ({@code "0.weight"}, {@code "0.bias"}, {@code
   * "2.weight"}, …), loaded strictly.
   *
   * @throws IllegalArgumentException if a layer's weight or bias is missing or the shapes do not
   *     chain
   */
  public static Sequential fromStateDict(Map<String, Tensor> state) {
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; state.containsKey(2 * i + ".weight"); i++) {
      Tensor w = state.get(2 * i + ".weight");
      checkArgument(
          w.dim() == 2, "Mlps: %s.weight has shape %s, expected [out, in]", 2 * i, w.shape());
      if (i == 0) {
        sizes.add(w.size(1));
      }
      sizes.add(w.size(0));
    }
    checkArgument(sizes.size() >= 2, "Mlps: no layer 0.weight among %s", state.keySet());
    DType dtype = state.get("0.weight").dtype();
    Sequential model = create(sizes, Initialization.PYTORCH, dtype, Generator.seeded(0));
    model.loadStateDict(state);
    return model;
  }

  /** Returns the layer sizes of an MLP made here, input first. */
  public static List<Integer> sizes(Sequential model) {
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < model.size(); i++) {
      if (model.get(i) instanceof Linear linear) {
        if (sizes.isEmpty()) {
          sizes.add(linear.inFeatures());
        }
        sizes.add(linear.outFeatures());
      }
    }
    return sizes;
  }

  /** Returns every parameter's current gradient by name (null before a backward pass). */
  public static Map<String, Tensor> gradients(Module model) {
    Map<String, Tensor> grads = new LinkedHashMap<>();
    model.namedParameters().forEach((name, p) -> grads.put(name, p.grad()));
    return grads;
  }
}
