package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tensor.internal.fused.FusedOps;
import org.junit.jupiter.api.Test;

/**
 * The contiguous fast paths give exactly what the general strided kernels give: every op is run on
 * a contiguous tensor and on a transposed copy of the same values (which takes the strided path).
 */
class FastPathsTest {
  private static Tensor strided(Tensor t) {
    return t.t().contiguous().t();
  }

  @Test
  void binaryOpsScalarsAndBroadcastRowsMatchTheStridedPath() {
    Generator gen = Generator.seeded(5);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor a = Tensor.randn(gen, Shape.of(7, 33), dt);
      Tensor b = Tensor.randn(gen, Shape.of(7, 33), dt);
      Tensor row = Tensor.randn(gen, Shape.of(33), dt);
      Tensor sa = strided(a);
      Tensor sb = strided(b);
      assertSame(a.add(b), sa.add(sb));
      assertSame(a.sub(b), sa.sub(sb));
      assertSame(a.mul(b), sa.mul(sb));
      assertSame(a.div(b), sa.div(sb));
      assertSame(a.maximum(b), sa.maximum(sb));
      assertSame(a.gt(b), sa.gt(sb));
      assertSame(a.add(row), sa.add(row));
      assertSame(row.add(a), row.add(sa));
      assertSame(a.sub(row), sa.sub(row));
      assertSame(a.mul(2.5), sa.mul(2.5));
      assertSame(a.gt(0), sa.gt(0));
      assertSame(a.relu(), sa.relu());
      assertSame(a.sum(0, true), sa.sum(0, true));
      assertSame(a.sum(1, false), sa.sum(1, false));
      assertSame(a.sum(), sa.sum());
      Tensor y = a.copy();
      Tensor sy = strided(a);
      y.addInPlace(b, -0.032);
      sy.addInPlace(sb, -0.032);
      assertSame(y, sy);
      y.mulInPlace(0.9);
      sy.mulInPlace(0.9);
      assertSame(y, sy);
    }
  }

  @Test
  void reluBackwardAndDecayedUpdatesMatchTheirCompositions() {
    Generator gen = Generator.seeded(6);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor g = Tensor.randn(gen, Shape.of(7, 33), dt);
      Tensor r = Tensor.randn(gen, Shape.of(7, 33), dt).relu();
      g.set(Double.NaN, 0, 0);
      r.set(0, 0, 0);
      r.set(Double.NaN, 0, 1);
      Tensor masked = Tensor.where(r.le(0), Tensor.zerosLike(g), g);
      assertSame(masked, FusedOps.reluBackward(g, r));
      assertSame(masked, FusedOps.reluBackward(strided(g), strided(r)));
      assertSame(masked, FusedOps.reluBackward(g, strided(r)));

      Tensor p = Tensor.randn(gen, Shape.of(7, 33), dt);
      Tensor expected = p.copy().addInPlace(g.add(p.mul(1e-4)), -0.1);
      assertSame(expected, FusedOps.addInPlaceWithDecay(p.copy(), g, -0.1, 1e-4));
      assertSame(expected, FusedOps.addInPlaceWithDecay(strided(p), strided(g), -0.1, 1e-4));
    }
  }

  @Test
  void momentumStepsMatchTheirCompositionOnEveryLayout() {
    Generator gen = Generator.seeded(9);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor g = Tensor.randn(gen, Shape.of(7, 33), dt);
      Tensor b = Tensor.randn(gen, Shape.of(7, 33), dt);
      Tensor p = Tensor.randn(gen, Shape.of(7, 33), dt);
      Tensor eb = b.copy().mulInPlace(0.9).addInPlace(g, 0.75);
      Tensor ep = p.copy().addInPlace(eb, -0.01);
      Tensor fb = b.copy();
      Tensor fp = p.copy();
      FusedOps.momentumStep(fp, fb, g, 0.9, 0.75, -0.01);
      assertSame(eb, fb);
      assertSame(ep, fp);
      Tensor sb = strided(b);
      Tensor sp = strided(p);
      FusedOps.momentumStep(sp, sb, strided(g), 0.9, 0.75, -0.01);
      assertSame(eb, sb);
      assertSame(ep, sp);
    }
  }

  @Test
  void copiesOfRunsRowsAndScalarsMatchTheStridedPath() {
    Generator gen = Generator.seeded(7);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32}) {
      Tensor a = Tensor.randn(gen, Shape.of(6, 9), DType.FLOAT64).mul(10).to(dt);
      Tensor row = Tensor.randn(gen, Shape.of(9), DType.FLOAT64).mul(10).to(dt);
      Tensor sa = strided(a);
      assertSame(a, a.copy());
      assertSame(a, sa.copy());
      assertSame(a, Tensor.zeros(Shape.of(6, 9), dt).copyFrom(a));
      assertSame(a, strided(Tensor.zeros(Shape.of(6, 9), dt)).copyFrom(a));
      Tensor rows = Tensor.zeros(Shape.of(6, 9), dt).copyFrom(row);
      assertSame(rows, strided(Tensor.zeros(Shape.of(6, 9), dt)).copyFrom(row));
      assertSame(row.expand(6, 9).contiguous(), rows);
      Tensor filled = Tensor.full(Shape.of(6, 9), -3, dt);
      assertSame(filled, strided(Tensor.zeros(Shape.of(6, 9), dt)).fill(-3));
      assertSame(a.narrow(1, 2, 4), a.narrow(1, 2, 4).copy());
    }
  }

  @Test
  void reluBackwardSelectsAsPyTorchThresholdBackward() {
    Tensor g = Tensor.of(new float[] {-2f, Float.NaN, Float.POSITIVE_INFINITY, 3f, -1f});
    Tensor r = Tensor.of(new float[] {0f, -0f, 0f, Float.NaN, 2f});
    float[] out = FusedOps.reluBackward(g, r).toFloatArray();
    assertArrayEquals(new float[] {0f, 0f, 0f, 3f, -1f}, out);
  }

  @Test
  void unsignedBytesBecomeFloatsDividedInSinglePrecision() {
    byte[] bytes = {0, 1, 127, (byte) 128, (byte) 254, (byte) 255};
    Tensor t = FusedOps.ofUnsignedBytes(bytes, 255, 2, 3);
    assertArrayEquals(new int[] {2, 3}, t.shape().toArray());
    assertArrayEquals(
        new float[] {0f, 1 / 255f, 127 / 255f, 128 / 255f, 254 / 255f, 1f}, t.toFloatArray());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FusedOps.ofUnsignedBytes(bytes, 255, 4, 2));
    assertEquals("ofUnsignedBytes: 6 bytes cannot fill shape [4, 2] (8 elements)", e.getMessage());
  }

  private static void assertSame(Tensor expected, Tensor actual) {
    assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray());
  }

  @Test
  void splitUpdatesAreBitIdenticalForAnyThreadCount() {
    int initial = Parallelism.threads();
    int n = ParallelRange.PARALLEL_ELEMENTS * 3 + 5;
    Generator gen = Generator.seeded(3);
    Tensor w = Tensor.randn(gen, n);
    Tensor g = Tensor.randn(gen, n);
    try {
      float[][] plain = new float[3][];
      float[][] decayed = new float[3][];
      float[][] momentum = new float[3][];
      for (int threads = 1; threads <= 3; threads++) {
        Parallelism.setThreads(threads);
        plain[threads - 1] = w.copy().addInPlace(g, -0.1).toFloatArray();
        decayed[threads - 1] = FusedOps.addInPlaceWithDecay(w.copy(), g, -0.1, 1e-4).toFloatArray();
        momentum[threads - 1] =
            FusedOps.momentumStep(w.copy(), g.mul(2), g, 0.9, 1, -0.1).toFloatArray();
      }
      float[] wf = w.toFloatArray();
      float[] gf = g.toFloatArray();
      float[] expected = new float[n];
      for (int i = 0; i < n; i++) {
        expected[i] = Math.fma(-0.1f, gf[i], wf[i]);
      }
      for (int t = 0; t < 3; t++) {
        assertArrayEquals(expected, plain[t], "addInPlace with " + (t + 1) + " threads");
        assertArrayEquals(
            decayed[0], decayed[t], "addInPlaceWithDecay with " + (t + 1) + " threads");
        assertArrayEquals(momentum[0], momentum[t], "momentumStep with " + (t + 1) + " threads");
      }
    } finally {
      Parallelism.setThreads(initial);
    }
  }
}
