package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.common.base.Preconditions;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Tests for {@link Generator#defaultGenerator()} and the factories that draw from it. */
final class DefaultGeneratorTest {
  @Test
  void startsFromPyTorchsDefaultSeedInAFreshProcess() throws Exception {
    assertEquals(67280421310721L, Generator.DEFAULT_SEED);
    URL[] classPath = {
      Generator.class.getProtectionDomain().getCodeSource().getLocation(),
      Preconditions.class.getProtectionDomain().getCodeSource().getLocation()
    };
    try (URLClassLoader fresh =
        new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
      Class<?> generator = fresh.loadClass(Generator.class.getName());
      Object unseeded = generator.getMethod("defaultGenerator").invoke(null);
      assertArrayEquals(
          Generator.seeded(Generator.DEFAULT_SEED).state(),
          (long[]) generator.getMethod("state").invoke(unseeded));
    }
  }

  @Test
  void manualSeedReseedsTheSameObjectInPlace() {
    Generator g = Generator.defaultGenerator();
    assertSame(g, Generator.defaultGenerator());
    g.nextGaussian();
    assertSame(g, Generator.manualSeed(42));
    assertArrayEquals(Generator.seeded(42).state(), g.state());
    assertArrayEquals(
        GeneratorGoldens.NEXT_LONG_SEED_42,
        new long[] {g.nextLong(), g.nextLong(), g.nextLong(), g.nextLong(), g.nextLong()});
  }

  @Test
  void factoriesWithoutAGeneratorDrawFromTheDefault() {
    Generator.manualSeed(3);
    Tensor rand = Tensor.rand(2, 3);
    Tensor rand64 = Tensor.rand(Shape.of(4), DType.FLOAT64);
    Tensor randn = Tensor.randn(5);
    Tensor randn64 = Tensor.randn(Shape.of(2, 2), DType.FLOAT64);
    Tensor randint = Tensor.randint(-3, 3, 7);
    Tensor randperm = Tensor.randperm(9);

    Generator same = Generator.seeded(3);
    assertArrayEquals(Tensor.rand(same, 2, 3).toFloatArray(), rand.toFloatArray());
    assertArrayEquals(
        Tensor.rand(same, Shape.of(4), DType.FLOAT64).toDoubleArray(), rand64.toDoubleArray());
    assertArrayEquals(Tensor.randn(same, 5).toFloatArray(), randn.toFloatArray());
    assertArrayEquals(
        Tensor.randn(same, Shape.of(2, 2), DType.FLOAT64).toDoubleArray(), randn64.toDoubleArray());
    assertArrayEquals(Tensor.randint(same, -3, 3, 7).toIntArray(), randint.toIntArray());
    assertArrayEquals(Tensor.randperm(same, 9).toIntArray(), randperm.toIntArray());
    assertArrayEquals(same.state(), Generator.defaultGenerator().state());
  }

  /**
   * Threads drawing from the default generator at once get whole, uncorrupted draws: every tensor
   * is one of the sequential tensors of the seed, though which thread gets which is not fixed.
   */
  @Test
  void concurrentDrawsAreWholeButTheirOrderIsNotDeterministic() throws Exception {
    int threads = 4;
    int perThread = 50;
    Generator.manualSeed(7);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<List<Float>>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<List<Float>> drawn = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    drawn.add(asList(Tensor.rand(257).toFloatArray()));
                  }
                  return drawn;
                }));
      }
      Set<List<Float>> concurrent = new HashSet<>();
      for (Future<List<List<Float>>> f : futures) {
        concurrent.addAll(f.get());
      }
      Generator sequential = Generator.seeded(7);
      Set<List<Float>> expected = new HashSet<>();
      for (int i = 0; i < threads * perThread; i++) {
        expected.add(asList(Tensor.rand(sequential, 257).toFloatArray()));
      }
      assertEquals(expected, concurrent);
      assertArrayEquals(sequential.state(), Generator.defaultGenerator().state());
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Float> asList(float[] values) {
    List<Float> out = new ArrayList<>(values.length);
    for (float v : values) {
      out.add(v);
    }
    return out;
  }
}
