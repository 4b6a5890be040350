package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several threads differentiating or evaluating one shared set of weights: backward passes add
 * every gradient to the shared leaves exactly once, and forward passes give the results of a single
 * thread.
 */
class ConcurrencyTest {
  private static final int THREADS = 4;
  private static final int PASSES = 2_000;

  /** A small two-layer model over shared leaves, in FLOAT64 with small integer values. */
  private static final class Model {
    final Variable w1 = new Variable(integers(Shape.of(3, 5), 1)).requiresGrad(true);
    final Variable b1 = new Variable(integers(Shape.of(5), 2)).requiresGrad(true);
    final Variable w2 = new Variable(integers(Shape.of(5, 2), 3)).requiresGrad(true);

    /** Returns the sum of {@code relu(x · w1 + b1) · w2 + w2's column sums}; w2 is used twice. */
    Variable loss(Variable x) {
      Variable hidden = x.matmul(w1).add(b1).relu();
      return hidden.matmul(w2).sum().add(w2.sum());
    }

    List<Variable> leaves() {
      return List.of(w1, b1, w2);
    }
  }

  /** Returns a FLOAT64 tensor of integers in [-3, 3], so every sum of gradients is exact. */
  private static Tensor integers(Shape shape, long seed) {
    return Tensor.randint(Generator.seeded(seed), -3, 4, shape.toArray()).to(DType.FLOAT64);
  }

  private static <T> List<T> runTogether(Callable<T> task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentBackwardPassesAddEveryGradientExactlyOnce() throws Exception {
    Model model = new Model();
    Variable x = new Variable(integers(Shape.of(4, 3), 4));
    model.loss(x).backward();
    List<Tensor> once = model.leaves().stream().map(Variable::grad).toList();
    model.leaves().forEach(p -> p.setGrad(null));

    runTogether(
        () -> {
          for (int i = 0; i < PASSES; i++) {
            model.loss(x).backward();
          }
          return null;
        });

    for (int i = 0; i < once.size(); i++) {
      double[] expected = once.get(i).mul(Tensor.scalar(THREADS * PASSES)).toDoubleArray();
      assertArrayEquals(expected, model.leaves().get(i).grad().toDoubleArray(), 0, "leaf " + i);
    }
  }

  @Test
  void concurrentForwardPassesGiveTheSingleThreadedResults() throws Exception {
    Generator gen = Generator.seeded(5);
    Variable w = new Variable(Tensor.randn(gen, 256, 256)).requiresGrad(true);
    Variable b = new Variable(Tensor.randn(gen, 256)).requiresGrad(true);
    Variable x = new Variable(Tensor.randn(gen, 64, 256));
    float[] expected = x.matmul(w).add(b).relu().data().toFloatArray();
    int threadsBefore = Parallelism.threads();
    Parallelism.setThreads(2);
    try {
      List<Boolean> same =
          runTogether(
              () -> {
                boolean all = true;
                for (int i = 0; i < 50; i++) {
                  try (NoGrad g = NoGrad.enter()) {
                    all &= sameBits(expected, x.matmul(w).add(b).relu());
                  }
                  all &= sameBits(expected, x.matmul(w).add(b).relu());
                }
                return all;
              });
      assertEquals(List.of(true, true, true, true), same);
    } finally {
      Parallelism.setThreads(threadsBefore);
    }
    assertNull(w.grad());
    assertNull(b.grad());
  }

  private static boolean sameBits(float[] expected, Variable actual) {
    float[] values = actual.data().toFloatArray();
    for (int i = 0; i < values.length; i++) {
      if (Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(expected[i])) {
        return false;
      }
    }
    return values.length == expected.length;
  }
}
