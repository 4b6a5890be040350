package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.jgrad.data.DataLoader;
import dev.jgrad.data.TensorDataset;
import dev.jgrad.nn.Dropout;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small synthetic data and models that train in milliseconds. */
final class Fixtures {
  static final int FEATURES = 4;
  static final int CLASSES = 3;

  private Fixtures() {}

  /**
   * Returns {@code n} samples of three Gaussian blobs in four dimensions, labels in {@code [0, 3)}.
   */
  static TensorDataset blobs(int n, long seed) {
    Generator gen = Generator.seeded(seed);
    Tensor centers =
        Tensor.of(new float[] {2, 0, 0, 1, -2, 1, 0, -1, 0, -2, 2, 0}, CLASSES, FEATURES);
    Tensor labels = Tensor.randint(gen, 0, CLASSES, n);
    Tensor x = centers.indexSelect(0, labels).add(Tensor.randn(gen, n, FEATURES).mul(0.6));
    return new TensorDataset(x, labels);
  }

  /** Returns a 4-16-3 perceptron with dropout, its weights drawn from {@code seed}. */
  static Sequential mlp(long seed) {
    Generator gen = Generator.seeded(seed);
    return new Sequential(
        new Linear(FEATURES, 16, gen),
        new ReLU(),
        new Dropout(0.2, gen),
        new Linear(16, CLASSES, gen));
  }

  /** Returns a trainer builder of {@code model} over 48 shuffled blob samples in batches of 12. */
  static Trainer.Builder builder(Sequential model) {
    return Trainer.builder(model)
        .loss(Losses::crossEntropy)
        .optimizer(new Adam(model.parameters(), 0.01))
        .train(DataLoader.of(blobs(48, 1), 12).shuffle(5))
        .validate(DataLoader.of(blobs(24, 2), 8));
  }

  /** Returns copies of the model's state tensors. */
  static Map<String, float[]> weights(Sequential model) {
    Map<String, float[]> out = new LinkedHashMap<>();
    model.stateDict().forEach((k, t) -> out.put(k, t.toFloatArray()));
    return out;
  }

  /** Asserts that two weight maps are equal bit for bit. */
  static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
    List<String> keys = new ArrayList<>(expected.keySet());
    assertArrayEquals(keys.toArray(), actual.keySet().toArray());
    for (String k : keys) {
      int[] e = bits(expected.get(k));
      int[] a = bits(actual.get(k));
      assertArrayEquals(e, a, k);
    }
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }
}
