package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.autograd.RemovableHandle;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forward pre-hooks, forward hooks and full backward hooks on modules, with exact values. */
class ModuleHooksTest {
  /** Linear 2 → 2 in float64 with weight [[1, 2], [3, 4]] and bias [0.5, -0.5]. */
  private static Linear linear() {
    Linear l = new Linear(2, 2);
    l.to(DType.FLOAT64);
    l.loadStateDict(
        Map.of(
            "weight", Tensor.of(new double[] {1, 2, 3, 4}, 2, 2),
            "bias", Tensor.of(new double[] {0.5, -0.5}, 2)));
    return l;
  }

  private static Variable row(double... values) {
    return new Variable(Tensor.of(values, 1, values.length));
  }

  private static double[] d(Tensor t) {
    return t.toDoubleArray();
  }

  /** A custom module calling its children's forward. */
  static final class Net extends Module {
    final Linear fc1 = registerModule("fc1", linear());
    final Linear fc2 = registerModule("fc2", linear());

    @Override
    protected Variable compute(Variable x) {
      return fc2.forward(fc1.forward(x).tanh());
    }
  }

  @Test
  void preHooksReplaceTheInputAndForwardHooksSeeItAndReplaceTheOutput() {
    Linear l = linear();
    List<String> calls = new ArrayList<>();
    l.registerForwardPreHook(
        (m, x) -> {
          calls.add("pre1 " + Arrays.toString(d(x.data())));
          return x.mul(2);
        });
    l.registerForwardPreHook(
        (m, x) -> {
          calls.add("pre2 " + Arrays.toString(d(x.data())));
          return null;
        });
    l.registerForwardHook(
        (m, x, out) -> {
          assertSame(l, m);
          calls.add("fwd1 " + Arrays.toString(d(x.data())) + " " + Arrays.toString(d(out.data())));
          return out.add(1);
        });
    l.registerForwardHook(
        (m, x, out) -> {
          calls.add("fwd2 " + Arrays.toString(d(out.data())));
          return null;
        });
    Variable out = l.forward(row(1, 1));
    assertArrayEquals(new double[] {7.5, 14.5}, d(out.data()), "W (2x) + b + 1");
    assertEquals(
        List.of(
            "pre1 [1.0, 1.0]",
            "pre2 [2.0, 2.0]",
            "fwd1 [2.0, 2.0] [6.5, 13.5]",
            "fwd2 [7.5, 14.5]"),
        calls);
  }

  @Test
  void hooksSeeLayersOfASequentialAndChildrenOfACustomModuleAlike() {
    Sequential seq = new Sequential(linear(), new Tanh(), linear());
    List<String> order = new ArrayList<>();
    seq.namedModules()
        .forEach(
            (name, m) ->
                m.registerForwardHook(
                    (module, in, out) -> {
                      order.add("'" + name + "' " + module.getClass().getSimpleName());
                      return null;
                    }));
    seq.forward(row(1, 0));
    assertEquals(List.of("'0' Linear", "'1' Tanh", "'2' Linear", "'' Sequential"), order);

    Net net = new Net();
    List<String> seen = new ArrayList<>();
    net.fc1.registerForwardHook(
        (m, in, out) -> {
          seen.add(m.path() + " " + Arrays.toString(d(out.data())));
          return null;
        });
    net.forward(row(1, 0));
    assertEquals(List.of("fc1 [1.5, 2.5]"), seen);
  }

  @Test
  void inferenceRunsTheForwardHooksButWiresNoBackwardHook() {
    Linear l = linear();
    List<String> calls = new ArrayList<>();
    l.registerForwardHook(
        (m, in, out) -> {
          calls.add("fwd");
          return out.mul(0);
        });
    l.registerFullBackwardHook(
        (m, gin, gout) -> {
          calls.add("bwd");
          return null;
        });
    Tensor out = l.forward(Tensor.of(new double[] {1, 1}, 1, 2));
    assertArrayEquals(new double[] {0, 0}, d(out));
    assertEquals(List.of("fwd"), calls);
  }

  @Test
  void aBackwardHookSeesBothGradientsAndItsReplacementFlowsToTheInput() {
    Linear l = linear();
    List<Tensor[]> seen = new ArrayList<>();
    l.registerFullBackwardHook(
        (m, gin, gout) -> {
          seen.add(new Tensor[] {gin, gout});
          return gin.mul(3);
        });
    l.registerFullBackwardHook(
        (m, gin, gout) -> {
          seen.add(new Tensor[] {gin, gout});
          return null;
        });
    Variable x = new Variable(Tensor.of(new double[] {1, -1}, 1, 2)).requiresGrad(true);
    Variable out = l.forward(x);
    assertArrayEquals(new double[] {-0.5, -1.5}, d(out.data()));
    out.pow(2).sum().backward();
    // gradOutput = 2 out = [-1, -3]; gradInput = gradOutput W = [-1 - 9, -2 - 12]
    assertArrayEquals(new double[] {-10, -14}, d(seen.get(0)[0]));
    assertArrayEquals(new double[] {-1, -3}, d(seen.get(0)[1]));
    assertArrayEquals(new double[] {-30, -42}, d(seen.get(1)[0]), "the first hook's replacement");
    assertArrayEquals(new double[] {-30, -42}, d(x.grad()));
    assertArrayEquals(
        new double[] {-1, 1, -3, 3}, d(l.namedParameters().get("weight").grad()), "unchanged");
  }

  @Test
  void aReplacedGradientFlowsOnThroughTheLayersBefore() {
    Sequential seq = new Sequential(linear(), new Tanh(), linear());
    Sequential hooked = new Sequential(linear(), new Tanh(), linear());
    hooked.get(2).registerFullBackwardHook((m, gin, gout) -> gin.mul(-2));
    Variable x = row(0.25, -0.5);
    seq.forward(x).sum().backward();
    hooked.forward(x).sum().backward();
    Tensor plain = seq.namedParameters().get("0.weight").grad();
    Tensor doubled = hooked.namedParameters().get("0.weight").grad();
    assertArrayEquals(d(plain.mul(-2)), d(doubled));
    assertArrayEquals(
        d(seq.namedParameters().get("2.weight").grad()),
        d(hooked.namedParameters().get("2.weight").grad()),
        "the hooked layer's own weights are not affected");
  }

  @Test
  void withAnInputThatNeedsNoGradientTheHookGetsNullAndMustReturnNull() {
    Linear l = linear();
    List<String> calls = new ArrayList<>();
    RemovableHandle h =
        l.registerFullBackwardHook(
            (m, gin, gout) -> {
              calls.add(gin + " " + Arrays.toString(d(gout)));
              return null;
            });
    l.forward(row(1, 1)).sum().backward();
    assertEquals(List.of("null [1.0, 1.0]"), calls);
    h.remove();
    l.registerFullBackwardHook((m, gin, gout) -> gout);
    Sequential seq = new Sequential(l);
    Variable loss = seq.forward(row(1, 1)).sum();
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals(
        "0 (Linear 2→2): backward hook 0 returned a gradient for an input that does not require"
            + " grad; it must return null",
        e.getMessage());
  }

  @Test
  void aReplacementMustKeepTheInputsShapeAndDtype() {
    Linear l = linear();
    l.registerFullBackwardHook((m, gin, gout) -> gin.sum());
    Variable x = new Variable(Tensor.of(new double[] {1, 1}, 1, 2)).requiresGrad(true);
    Variable loss = l.forward(x).sum();
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals(
        "Linear 2→2: backward hook 0 returned a gradient of shape [] and dtype FLOAT64 for an"
            + " input of shape [1, 2] and dtype FLOAT64",
        e.getMessage());
  }

  @Test
  void removedHooksNoLongerRun() {
    Linear l = linear();
    List<String> calls = new ArrayList<>();
    RemovableHandle pre =
        l.registerForwardPreHook(
            (m, x) -> {
              calls.add("pre");
              return null;
            });
    RemovableHandle fwd =
        l.registerForwardHook(
            (m, x, out) -> {
              calls.add("fwd");
              return null;
            });
    RemovableHandle bwd =
        l.registerFullBackwardHook(
            (m, gin, gout) -> {
              calls.add("bwd");
              return null;
            });
    l.forward(row(1, 1)).sum().backward();
    pre.remove();
    fwd.remove();
    bwd.remove();
    bwd.remove();
    Variable x = new Variable(Tensor.of(new double[] {1, 1}, 1, 2)).requiresGrad(true);
    l.forward(x).sum().backward();
    assertEquals(List.of("pre", "fwd", "bwd"), calls);
    assertArrayEquals(new double[] {4, 6}, d(x.grad()));
    assertEquals("linear", l.forward(row(1, 1)).opName(), "no backwardHook op is recorded");
  }
}
