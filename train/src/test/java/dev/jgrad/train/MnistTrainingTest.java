package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.DataLoader;
import dev.jgrad.data.DataLocator;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.data.ImageDataset;
import dev.jgrad.data.Subset;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import dev.jgrad.tensor.Generator;
import java.io.IOException;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One epoch of a small perceptron on real MNIST (the files committed in {@code data/mnist}). */
class MnistTrainingTest {
  private static final int TRAIN_SAMPLES = 20_000;
  private static final int TEST_SAMPLES = 5_000;

  @Test
  void oneEpochOfAnMlpReachesNinetyPercentTestAccuracy() throws IOException {
    DataLocator projectOnly = DataLocator.defaults().withEnvironment(Map.of()).offline();
    ImageDataset train = DatasetSpec.MNIST.train(projectOnly).normalize(0.1307, 0.3081);
    ImageDataset test = DatasetSpec.MNIST.test(projectOnly).normalize(0.1307, 0.3081);
    Generator gen = Generator.seeded(42);
    Sequential model =
        new Sequential(new Linear(784, 64, gen), new ReLU(), new Linear(64, 10, gen));
    ConfusionMatrix confusion = new ConfusionMatrix(10);
    Trainer trainer =
        Trainer.builder(model)
            .loss(Losses::crossEntropy)
            .optimizer(new Adam(model.parameters(), 2e-3))
            .train(
                DataLoader.of(Subset.of(train, IntStream.range(0, TRAIN_SAMPLES).toArray()), 64)
                    .shuffle(1))
            .metrics(new Accuracy(), new TopKAccuracy(3))
            .build();

    History h = trainer.fit(1);
    Evaluation e =
        trainer.evaluate(
            DataLoader.of(Subset.of(test, IntStream.range(0, TEST_SAMPLES).toArray()), 1000),
            confusion);

    assertEquals(1, h.size());
    assertTrue(e.get("accuracy") > 0.9, e.values().toString() + "\n" + confusion);
    assertTrue(e.get("top3_accuracy") > 0.97, e.values().toString());
    assertTrue(e.get("f1_macro") > 0.9, confusion.toString());
    assertEquals(TEST_SAMPLES, IntStream.range(0, 10).mapToLong(confusion::support).sum());
  }
}
