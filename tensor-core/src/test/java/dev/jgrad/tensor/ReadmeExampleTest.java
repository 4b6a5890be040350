package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Keeps the tensor example of README.md compiling and doing what its comments say. */
class ReadmeExampleTest {
  @Test
  void theReadmeTensorExampleRuns() {
    Generator.manualSeed(42);
    Tensor x = Tensor.randn(32, 784);
    Tensor w = Tensor.rand(Shape.of(128, 784), DType.FLOAT32).sub(0.5);
    Tensor h = x.matmul(w.t()).relu();
    Tensor p = h.sub(h.logsumexp(1, true)).exp();
    Tensor top = p.argmax(1, false);
    Tensor firstRows = h.narrow(0, 0, 4);

    Generator gen = Generator.seeded(42);
    assertTrue(x.allClose(Tensor.randn(gen, 32, 784), 0, 0));
    assertTrue(w.allClose(Tensor.rand(gen, Shape.of(128, 784), DType.FLOAT32).sub(0.5), 0, 0));
    assertEquals(Shape.of(32, 128), h.shape());
    assertTrue(p.sum(1).allClose(Tensor.ones(32), 1e-5, 1e-5));
    assertEquals(DType.INT32, top.dtype());
    assertTrue(firstRows.sharesStorageWith(h));
    assertTrue(firstRows.toString().startsWith("tensor([["), firstRows.toString());
  }
}
