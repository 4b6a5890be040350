package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flat state-dict format of {@link Optimizer} (see its class notes): writing it, and reading it
 * back with every entry checked against the optimizer's groups before anything is changed.
 */
final class OptimizerStateDict {
  private static final String STATE = "state.";
  private static final String GROUPS = "param_groups.";

  private OptimizerStateDict() {}

  /** Returns the state dict of {@code groups} and their parameters' {@code state}; copies. */
  static Map<String, Tensor> write(
      List<Hyperparameter<?>> hyperparameters,
      List<ParamGroup> groups,
      Map<Variable, Map<String, Tensor>> state) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    int index = 0;
    for (ParamGroup g : groups) {
      for (Variable p : g.params()) {
        for (Map.Entry<String, Tensor> e :
            new TreeMap<>(state.getOrDefault(p, Map.of())).entrySet()) {
          out.put(STATE + index + "." + e.getKey(), e.getValue().copy());
        }
        index++;
      }
    }
    index = 0;
    for (int gi = 0; gi < groups.size(); gi++) {
      ParamGroup g = groups.get(gi);
      String prefix = GROUPS + gi + ".";
      for (Hyperparameter<?> h : hyperparameters) {
        out.put(prefix + h.name(), encode(h, g));
      }
      int[] ids = new int[g.params().size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = index++;
      }
      out.put(prefix + "params", Tensor.of(ids));
    }
    return out;
  }

  private static <T> Tensor encode(Hyperparameter<T> key, ParamGroup group) {
    return key.encode(group.get(key));
  }

  /**
   * Returns each group's hyperparameters read from {@code dict}, after checking that its groups
   * list the parameters of {@code groups} in order.
   *
   * @throws IllegalArgumentException naming the entry that does not fit
   */
  static List<Map<Hyperparameter<?>, Object>> readHyperparameters(
      String name,
      List<Hyperparameter<?>> hyperparameters,
      List<ParamGroup> groups,
      Map<String, Tensor> dict) {
    List<Map<Hyperparameter<?>, Object>> out = new ArrayList<>();
    int index = 0;
    for (int gi = 0; gi < groups.size(); gi++) {
      String prefix = GROUPS + gi + ".";
      Tensor ids = dict.get(prefix + "params");
      int n = groups.get(gi).params().size();
      checkArgument(
          ids != null && ids.dim() == 1 && ids.size(0) == n,
          "%s: loaded state dict has no %sparams of length %s (the group's size)",
          name,
          prefix,
          n);
      for (int i = 0; i < n; i++) {
        checkArgument(
            (int) ids.get(i) == index + i,
            "%s: %sparams does not list parameters %s..%s in order",
            name,
            prefix,
            index,
            index + n - 1);
      }
      index += n;
      Map<Hyperparameter<?>, Object> values = new LinkedHashMap<>();
      for (Hyperparameter<?> h : hyperparameters) {
        Tensor t = dict.get(prefix + h.name());
        checkArgument(t != null, "%s: loaded state dict lacks %s%s", name, prefix, h.name());
        try {
          values.put(h, h.decode(t));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              name + ": " + prefix + h.name() + " " + e.getMessage(), e);
        }
      }
      out.add(values);
    }
    checkArgument(
        !dict.containsKey(GROUPS + groups.size() + ".params"),
        "%s: loaded state dict has more parameter groups than this optimizer's %s",
        name,
        groups.size());
    return out;
  }

  /**
   * Returns the per-parameter state read from {@code dict}, as copies in each parameter's dtype
   * ({@code step} in FLOAT64).
   *
   * @throws IllegalArgumentException if a key is malformed or names no parameter, or a tensor has
   *     the wrong shape
   */
  static Map<Variable, Map<String, Tensor>> readState(
      String name, List<ParamGroup> groups, Map<String, Tensor> dict) {
    List<Variable> all = new ArrayList<>();
    for (ParamGroup g : groups) {
      all.addAll(g.params());
    }
    Map<Variable, Map<String, Tensor>> loaded = new IdentityHashMap<>();
    for (Map.Entry<String, Tensor> e : dict.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(STATE)) {
        checkArgument(key.startsWith(GROUPS), "%s: unexpected key '%s' in state dict", name, key);
        continue;
      }
      String[] parts = key.split("\\.", 3);
      checkArgument(parts.length == 3, "%s: malformed state key '%s'", name, key);
      int i;
      try {
        i = Integer.parseInt(parts[1]);
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(name + ": malformed state key '" + key + "'", ex);
      }
      checkArgument(i >= 0 && i < all.size(), "%s: state key '%s' names no parameter", name, key);
      Tensor t = e.getValue();
      boolean step = parts[2].equals("step");
      Shape expected = step ? Shape.scalar() : all.get(i).shape();
      checkArgument(
          t.shape().equals(expected),
          "%s: state %s has shape %s, expected %s",
          name,
          key,
          t.shape(),
          expected);
      DType dtype = step ? DType.FLOAT64 : all.get(i).dtype();
      loaded.computeIfAbsent(all.get(i), k -> new HashMap<>()).put(parts[2], t.to(dtype).copy());
    }
    return loaded;
  }
}
