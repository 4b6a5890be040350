package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Gradient hooks on variables: what they see, when they run, and what their results change. */
class GradientHookTest {
  private static Variable leaf(double... values) {
    return new Variable(Tensor.of(values, values.length)).requiresGrad(true);
  }

  private static double[] d(Tensor t) {
    return t.toDoubleArray();
  }

  @Test
  void hooksRunInOrderOnceWithThePassSumAndTheirReplacementsFlowOn() {
    // The same graph as PyTorch 1.13 runs in HooksParityTest, with the values it printed.
    List<String> calls = new ArrayList<>();
    Variable x = leaf(1, 2, 3);
    x.registerHook(g -> record(calls, "x1", g));
    x.registerHook(g -> record(calls, "x2", g).mul(10));
    x.registerHook(g -> record(calls, "x3", g));
    Variable y = x.mul(x);
    y.registerHook(g -> record(calls, "y", g));
    y.retainGrad();
    y.registerHook(g -> g.mul(2));
    y.add(x).sum().backward();
    assertEquals(
        List.of(
            "y [1.0, 1.0, 1.0]",
            "x1 [5.0, 9.0, 13.0]",
            "x2 [5.0, 9.0, 13.0]",
            "x3 [50.0, 90.0, 130.0]"),
        calls);
    assertArrayEquals(new double[] {50, 90, 130}, d(x.grad()));
    assertArrayEquals(new double[] {2, 2, 2}, d(y.grad()), "retainGrad keeps what the hooks leave");
  }

  private static Tensor record(List<String> calls, String name, Tensor g) {
    calls.add(name + " " + Arrays.toString(g.toDoubleArray()));
    return g;
  }

  @Test
  void aLeafHookSeesEachPassGradientBeforeItIsAccumulated() {
    Variable w = leaf(2, -1);
    List<double[]> seen = new ArrayList<>();
    w.registerHook(
        g -> {
          seen.add(g.toDoubleArray());
          return null;
        });
    w.mul(w).sum().backward();
    w.mul(3).sum().backward();
    assertEquals(2, seen.size());
    assertArrayEquals(new double[] {4, -2}, seen.get(0));
    assertArrayEquals(new double[] {3, 3}, seen.get(1));
    assertArrayEquals(new double[] {7, 1}, d(w.grad()));
  }

  @Test
  void aHookOnTheRootOfABackwardPassRuns() {
    Variable x = leaf(1, 2);
    x.registerHook(g -> g.mul(-1));
    x.backward(Tensor.of(new double[] {3, 4}, 2));
    assertArrayEquals(new double[] {-3, -4}, d(x.grad()));

    Variable y = x.mul(2);
    y.registerHook(g -> g.add(1));
    y.backward(Tensor.of(new double[] {1, 1}, 2));
    assertArrayEquals(new double[] {-3 - 4, -4 - 4}, d(x.grad()), "(1 + 1) * 2, negated by x's");
  }

  @Test
  void removedHooksNoLongerRunAndRemovingTwiceDoesNothing() {
    Variable x = leaf(1, 1);
    RemovableHandle doubling = x.registerHook(g -> g.mul(2));
    try (RemovableHandle tripling = x.registerHook(g -> g.mul(3))) {
      x.sum().backward();
      assertArrayEquals(new double[] {6, 6}, d(x.grad()));
    }
    x.setGrad(null);
    x.sum().backward();
    assertArrayEquals(new double[] {2, 2}, d(x.grad()), "the closed handle removed the tripling");
    doubling.remove();
    doubling.remove();
    x.setGrad(null);
    x.sum().backward();
    assertArrayEquals(new double[] {1, 1}, d(x.grad()));
  }

  @Test
  void theSameHookRegisteredTwiceRunsTwiceAndIsRemovedOnceByEachHandle() {
    Variable x = leaf(1);
    UnaryOperator<Tensor> doubling = g -> g.mul(2);
    RemovableHandle first = x.registerHook(doubling);
    x.registerHook(doubling);
    first.remove();
    x.sum().backward();
    assertArrayEquals(new double[] {2}, d(x.grad()));
  }

  @Test
  void aReplacementIsCopiedIntoTheLeafSoTheHookMayKeepIt() {
    Variable x = leaf(1, 2);
    Tensor kept = Tensor.of(new double[] {5, 6}, 2);
    x.registerHook(g -> kept);
    x.sum().backward();
    assertArrayEquals(new double[] {5, 6}, d(x.grad()));
    assertFalse(x.grad().sharesStorageWith(kept));
  }

  @Test
  void anUnchangedGradientIsStillAdoptedWithoutACopy() {
    Variable w = leaf(2, 3);
    List<Tensor> seen = new ArrayList<>();
    w.registerHook(
        g -> {
          seen.add(g);
          return g;
        });
    w.mul(w).sum().backward();
    assertSame(seen.get(0), w.grad(), "mul's new gradient is the leaf's");
    Variable v = leaf(2, 3);
    List<Tensor> seenAdd = new ArrayList<>();
    v.registerHook(
        g -> {
          seenAdd.add(g);
          return null;
        });
    Variable c = new Variable(Tensor.of(new double[] {1, 1}, 2));
    v.add(c).backward(Tensor.of(new double[] {1, 1}, 2));
    assertNotSame(seenAdd.get(0), v.grad(), "add passes the incoming gradient on: copied");
  }

  @Test
  void hooksNeedAVariableThatRequiresGradAndKeepShapeAndDtype() {
    Variable constant = new Variable(Tensor.of(new double[] {1}, 1));
    IllegalStateException noGrad =
        assertThrows(IllegalStateException.class, () -> constant.registerHook(g -> g));
    assertEquals(
        "registerHook: this Variable of shape [1] does not require grad, so no gradient is ever"
            + " computed for it; call requiresGrad(true) first",
        noGrad.getMessage());

    Variable x = leaf(1, 2);
    x.registerHook(g -> null);
    x.registerHook(g -> Tensor.zeros(3).to(DType.FLOAT64));
    IllegalStateException shape =
        assertThrows(IllegalStateException.class, () -> x.sum().backward());
    assertEquals(
        "registerHook: hook 1 of a Variable of shape [2] returned a gradient of shape [3] and dtype"
            + " FLOAT64; expected shape [2] and dtype FLOAT64",
        shape.getMessage());

    Variable z = leaf(1, 2);
    z.registerHook(g -> g.to(DType.FLOAT32));
    IllegalStateException dtype =
        assertThrows(IllegalStateException.class, () -> z.sum().backward());
    assertTrue(dtype.getMessage().contains("dtype FLOAT32; expected shape [2] and dtype FLOAT64"));
  }
}
