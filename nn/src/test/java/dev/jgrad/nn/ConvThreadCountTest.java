package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A convolutional network trains to bit-identical weights on one, two and three threads. */
class ConvThreadCountTest {
  private final int initial = Parallelism.threads();

  @AfterEach
  void restoreThreads() {
    Parallelism.setThreads(initial);
  }

  /** Trains LeNet-5's convolutions (pooling left out) for a few SGD steps; returns the weights. */
  private static List<float[]> train(int threads) {
    Parallelism.setThreads(threads);
    Generator gen = Generator.seeded(0);
    Sequential model =
        new Sequential(
            Conv2d.builder(1, 6, 5).padding(2).generator(gen).build(),
            new ReLU(),
            Conv2d.builder(6, 16, 5).stride(2).generator(gen).build(),
            new ReLU(),
            new Conv2d(16, 8, 3, gen),
            new Flatten(),
            new Linear(8 * 10 * 10, 10, gen));
    for (int step = 0; step < 3; step++) {
      Tensor x = Tensor.rand(gen, 40, 1, 28, 28);
      Tensor y = Tensor.randint(gen, 0, 10, 40);
      Variable loss = Losses.crossEntropy(model.forward(new Variable(x)), y);
      model.zeroGrad();
      loss.backward();
      for (Parameter p : model.parameters()) {
        p.data().addInPlace(p.grad(), -0.05);
      }
    }
    List<float[]> values = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      values.add(p.data().toFloatArray());
    }
    return values;
  }

  @Test
  void oneTwoAndThreeThreadsTrainToBitIdenticalWeights() {
    List<float[]> one = train(1);
    for (int threads = 2; threads <= 3; threads++) {
      List<float[]> other = train(threads);
      assertEquals(one.size(), other.size());
      for (int i = 0; i < one.size(); i++) {
        assertArrayEquals(one.get(i), other.get(i), "parameter " + i + ", " + threads + " threads");
      }
    }
  }
}
