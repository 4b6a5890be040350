package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Autograd#grad}: gradients returned, not accumulated, as torch.autograd.grad. */
class AutogradGradTest {
  private static Variable leaf(double... values) {
    return new Variable(Tensor.of(values, values.length)).requiresGrad(true);
  }

  private static double[] d(Tensor t) {
    return t.toDoubleArray();
  }

  /** The identity, counting its backward passes. */
  static final class Counting extends Function {
    static int backwards;

    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].copy();
    }

    @Override
    protected Tensor[] backward(Tensor grad) {
      backwards++;
      return new Tensor[] {grad};
    }
  }

  @Test
  void returnsTheGradientsAndLeavesEveryGradAlone() {
    Variable x = leaf(1, 2, 3);
    Variable w = leaf(0.5, -1, 2);
    Variable h = x.mul(w).retainGrad();
    Variable loss = h.mul(h).sum();
    Tensor[] g = Autograd.grad(loss, w, x);
    assertArrayEquals(new double[] {2 * 0.5 * 1, 2 * -2 * 2, 2 * 6 * 3}, d(g[0]), "2 h x");
    assertArrayEquals(new double[] {2 * 0.5 * 0.5, 2 * -2 * -1, 2 * 6 * 2}, d(g[1]), "2 h w");
    assertNull(x.grad());
    assertNull(w.grad());
    assertNull(h.grad(), "a retained variable is not touched either");
  }

  @Test
  void differentiatesWithRespectToResultsOfOpsAndSumsOverOutputs() {
    Variable x = leaf(1, 2);
    Variable h = x.mul(3);
    Variable a = h.mul(h);
    Variable b = h.mul(x);
    Tensor[] g =
        Autograd.grad(
            new Variable[] {a, b, a},
            new Variable[] {h, x},
            new Tensor[] {
              Tensor.of(new double[] {1, 1}, 2),
              Tensor.of(new double[] {10, 10}, 2),
              Tensor.of(new double[] {1, 0}, 2)
            },
            false);
    // d/dh: 2h (ones) + 10 x + 2h [1, 0]; h = [3, 6]
    assertArrayEquals(new double[] {6 + 10 + 6, 12 + 20}, d(g[0]));
    // d/dx through h (times 3) and directly through b (10 h)
    assertArrayEquals(new double[] {3 * 22 + 30, 3 * 32 + 60}, d(g[1]));
  }

  @Test
  void onlyTheOpsLeadingToAnInputRun() {
    Variable x = leaf(1, 2);
    Variable w = leaf(3, 4);
    Counting.backwards = 0;
    Variable unrelated = new Counting().apply(w);
    Variable loss = x.mul(x).sum().add(unrelated.sum());
    assertArrayEquals(new double[] {2, 4}, d(Autograd.grad(loss, x)[0]));
    assertEquals(0, Counting.backwards);
  }

  @Test
  void hooksRunForTheGradientsComputedAndTheInputsGetWhatTheyLeave() {
    List<String> calls = new ArrayList<>();
    Variable x = leaf(1, 2);
    Variable w = leaf(5, 5);
    x.registerHook(
        g -> {
          calls.add("x");
          return g.mul(3);
        });
    w.registerHook(
        g -> {
          calls.add("w");
          return null;
        });
    Variable h = x.mul(2);
    h.registerHook(
        g -> {
          calls.add("h");
          return g.mul(5);
        });
    Variable loss = h.mul(h).sum().add(w.sum());
    Tensor[] g = Autograd.grad(new Variable[] {loss}, new Variable[] {h, x}, null, false);
    assertArrayEquals(new double[] {20, 40}, d(g[0]), "2h = [4, 8], times 5 by h's hook");
    assertArrayEquals(new double[] {120, 240}, d(g[1]), "[20, 40] times 2, times 3 by x's hook");
    assertEquals(List.of("h", "x"), calls, "w's gradient is not computed");
  }

  @Test
  void retainGraphAllowsASecondPassAndAnOutputMayBeAnInput() {
    Variable x = leaf(1, 2);
    Variable y = x.mul(x);
    Tensor ones = Tensor.of(new double[] {1, 1}, 2);
    Autograd.grad(new Variable[] {y}, new Variable[] {x}, new Tensor[] {ones}, true);
    assertArrayEquals(
        new double[] {2, 4},
        d(Autograd.grad(new Variable[] {y}, new Variable[] {x}, new Tensor[] {ones}, false)[0]));
    IllegalStateException freed =
        assertThrows(
            IllegalStateException.class,
            () ->
                Autograd.grad(new Variable[] {y}, new Variable[] {x}, new Tensor[] {ones}, false));
    assertTrue(freed.getMessage().contains("saved tensors were freed"), freed.getMessage());

    Tensor seed = Tensor.of(new double[] {7, 8}, 2);
    Tensor[] self =
        Autograd.grad(new Variable[] {x}, new Variable[] {x}, new Tensor[] {seed}, false);
    assertArrayEquals(new double[] {7, 8}, d(self[0]));
    assertFalse(self[0].sharesStorageWith(seed), "returned gradients are the caller's own");
  }

  @Test
  void unusedInputsAreRefusedUnlessAllowed() {
    Variable x = leaf(1);
    Variable z = leaf(2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Autograd.grad(x.mul(2).sum(), x, z));
    assertEquals(
        "grad: input 1 of shape [1] was not used to compute the outputs; pass allowUnused = true"
            + " to get null for it",
        e.getMessage());
    Tensor[] g =
        Autograd.grad(new Variable[] {x.mul(2).sum()}, new Variable[] {x, z}, null, false, true);
    assertArrayEquals(new double[] {2}, d(g[0]));
    assertNull(g[1]);
  }

  @Test
  void argumentsAreChecked() {
    Variable x = leaf(1, 2);
    Variable constant = new Variable(Tensor.of(new double[] {1}, 1));
    assertEquals(
        "grad: input 1 of shape [1] does not require grad, so it has no gradient; call"
            + " requiresGrad(true) on it before computing the outputs",
        assertThrows(IllegalStateException.class, () -> Autograd.grad(x.sum(), x, constant))
            .getMessage());
    assertEquals(
        "grad: output 0 of shape [1] does not require grad: none of its inputs requires grad, or"
            + " it was computed inside NoGrad",
        assertThrows(IllegalStateException.class, () -> Autograd.grad(constant, x)).getMessage());
    assertEquals(
        "grad: gradOutput 0 can be implicitly created only for a one-element output, but output 0"
            + " has shape [2]; pass a gradient of that shape",
        assertThrows(IllegalArgumentException.class, () -> Autograd.grad(x.mul(2), x))
            .getMessage());
    assertEquals(
        "grad: gradOutput 0 of shape [3] does not match output 0 of shape [2]",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Autograd.grad(
                        new Variable[] {x.mul(2)},
                        new Variable[] {x},
                        new Tensor[] {Tensor.zeros(3)},
                        false))
            .getMessage());
    assertEquals(
        "grad: 2 gradOutputs for 1 outputs; expected one per output",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Autograd.grad(
                        new Variable[] {x.sum()},
                        new Variable[] {x},
                        new Tensor[] {null, null},
                        false))
            .getMessage());
  }
}
