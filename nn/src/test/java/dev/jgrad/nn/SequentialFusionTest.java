package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.RemovableHandle;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequential} runs a Conv2d, ReLU, MaxPool2d run of modules as one fused op, with the
 * results of the three modules bit for bit, and not when a hook needs to see one of them.
 */
class SequentialFusionTest {

  private static Sequential lenetBlocks(DType dtype) {
    Generator gen = Generator.seeded(4);
    Sequential model =
        new Sequential(
            Conv2d.builder(1, 6, 5).padding(2).generator(gen).build(),
            new ReLU(),
            new MaxPool2d(2),
            new Sequential(
                Conv2d.builder(6, 16, 5).bias(false).generator(gen).build(),
                new ReLU(),
                new MaxPool2d(MaxPool2d.options(3).stride(2).ceilMode(true))),
            new Flatten(),
            new Linear(16 * 5 * 5, 10, gen));
    model.to(dtype);
    return model;
  }

  /** Runs every module of {@code model} (recursively) through its own forward pass, unfused. */
  private static Variable unfused(Module module, Variable x) {
    if (module instanceof Sequential s) {
      for (int i = 0; i < s.size(); i++) {
        x = unfused(s.get(i), x);
      }
      return x;
    }
    return module.forward(x);
  }

  private static long[] bits(Tensor t) {
    double[] d = t.to(DType.FLOAT64).toDoubleArray();
    long[] b = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      b[i] = Double.doubleToRawLongBits(d[i]);
    }
    return b;
  }

  private static List<long[]> run(Sequential model, Tensor input, boolean fused) {
    model.zeroGrad();
    Variable out = fused ? model.forward(new Variable(input)) : unfused(model, new Variable(input));
    out.sum().backward();
    List<long[]> results = new ArrayList<>();
    results.add(bits(out.data()));
    model.parameters().forEach(p -> results.add(bits(p.grad())));
    return results;
  }

  @Test
  void fusedBlocksGiveTheModulesResultsAndGradientsBitForBit() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Sequential model = lenetBlocks(dtype);
      Tensor input = Tensor.randn(Generator.seeded(9), 3, 1, 28, 28).to(dtype);
      List<long[]> expected = run(model, input, false);
      List<long[]> actual = run(model, input, true);
      assertEquals(expected.size(), actual.size());
      for (int k = 0; k < expected.size(); k++) {
        assertArrayEquals(expected.get(k), actual.get(k), dtype + " result " + k);
      }
    }
  }

  @Test
  void theGraphHoldsTheFusedOpWhenNoHookIsSet() {
    Sequential model = lenetBlocks(DType.FLOAT32);
    Variable out = model.forward(new Variable(Tensor.randn(Generator.seeded(1), 2, 1, 28, 28)));
    Variable pooled = model.get(0).forward(new Variable(Tensor.zeros(1, 1, 28, 28)));
    assertEquals("conv2d", pooled.opName());
    Variable block =
        new Sequential(model.get(0), model.get(1), model.get(2))
            .forward(new Variable(Tensor.zeros(1, 1, 28, 28)));
    assertEquals("conv2d_relu_max_pool2d", block.opName());
    assertEquals(Shape.of(2, 10), out.shape());
  }

  @Test
  void aHookOnAnyOfTheThreeModulesSeesItsOwnOutput() {
    Sequential model = lenetBlocks(DType.FLOAT32);
    Tensor input = Tensor.randn(Generator.seeded(2), 2, 1, 28, 28);
    List<Shape> seen = new ArrayList<>();
    RemovableHandle handle =
        model
            .get(1)
            .registerForwardHook(
                (module, in, out) -> {
                  seen.add(out.shape());
                  return null;
                });
    List<long[]> hooked = run(model, input, true);
    assertEquals(List.of(Shape.of(2, 6, 28, 28)), seen);
    handle.remove();
    List<long[]> fused = run(model, input, true);
    assertEquals(1, seen.size(), "the removed hook does not run");
    for (int k = 0; k < hooked.size(); k++) {
      assertArrayEquals(hooked.get(k), fused.get(k));
    }
  }

  @Test
  void anUnbatchedInputRunsUnfused() {
    Sequential block =
        new Sequential(new Conv2d(1, 2, 3, Generator.seeded(3)), new ReLU(), new MaxPool2d(2));
    Variable out = block.forward(new Variable(Tensor.randn(Generator.seeded(3), 1, 6, 6)));
    assertEquals(Shape.of(2, 2, 2), out.shape());
    assertEquals("max_pool2d", out.opName());
  }

  @Test
  void errorsNameTheModuleTheyConcern() {
    Sequential model = lenetBlocks(DType.FLOAT32);
    IllegalArgumentException conv =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.forward(new Variable(Tensor.zeros(2, 3, 28, 28))));
    assertTrue(
        conv.getMessage().startsWith("0 (Conv2d 1→6, kernel 5×5): conv2d: input"),
        conv.getMessage());
    Sequential tiny =
        new Sequential(new Conv2d(1, 1, 3, Generator.seeded(1)), new ReLU(), new MaxPool2d(5));
    IllegalArgumentException pool =
        assertThrows(
            IllegalArgumentException.class,
            () -> tiny.forward(new Variable(Tensor.zeros(1, 1, 6, 6))));
    assertTrue(pool.getMessage().startsWith("2 (MaxPool2d): max_pool2d: "), pool.getMessage());
  }
}
