package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.examples.TwoLayerMlpManual.WeightInit;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A few hundred real MNIST steps of each seed's rule lower the loss on held-out test images (seed
 * 003 steps at lr/3 on batches of 3, so it gets more steps and a looser bound).
 */
class ManualTrainingTest {
  private static ImageData data;

  @BeforeAll
  static void load() throws IOException {
    data = ImageData.mnist(null);
  }

  private static void assertLossFalls(ManualNetwork net, int batchSize, int steps, double ratio) {
    Batch held = data.test().getBatch(java.util.stream.IntStream.range(0, 500).toArray());
    Tensor hx = ImageData.inputs(held, DType.FLOAT32);
    Tensor hy = ImageData.oneHot(held, DType.FLOAT32);
    Supplier<Double> loss = () -> SeedMath.crossEntropy(net.forward(hx), hy, 1e-12);
    double before = loss.get();
    int done = 0;
    for (Batch b : DataLoader.of(data.train(), batchSize).shuffle(1).epoch(0)) {
      net.step(
          net.backward(ImageData.inputs(b, DType.FLOAT32), ImageData.oneHot(b, DType.FLOAT32)),
          b.size());
      if (++done == steps) {
        break;
      }
    }
    double after = loss.get();
    assertTrue(after < ratio * before, "loss went from " + before + " to " + after);
  }

  @Test
  void seed000() {
    assertLossFalls(
        new DeepMlpManual(DeepMlpManual.SIZES, 1e-3, DType.FLOAT32, Generator.seeded(1)),
        32,
        300,
        0.6);
  }

  @Test
  void seed001() {
    assertLossFalls(
        new TwoLayerMlpManual(
            784,
            100,
            10,
            WeightInit.HE_NORMAL,
            new SgdUpdate(0.1, 1e-4),
            DType.FLOAT32,
            Generator.seeded(2)),
        128,
        200,
        0.6);
  }

  @Test
  void seed003() {
    assertLossFalls(
        new LayerObjectMlpManual(784, 100, 50, 10, 1e-3, DType.FLOAT32, Generator.seeded(3)),
        3,
        2000,
        0.8);
  }

  @Test
  void seed004() {
    assertLossFalls(
        new TwoLayerMlpManual(
            784,
            128,
            10,
            WeightInit.HE_NORMAL,
            new RmspropUpdate(1e-3, 0.99, 1e-8),
            DType.FLOAT32,
            Generator.seeded(4)),
        64,
        200,
        0.6);
  }
}
