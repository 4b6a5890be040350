package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.DataLoader;
import dev.jgrad.data.TensorDataset;
import dev.jgrad.nn.Losses;
import dev.jgrad.optim.Adam;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.train.Accuracy;
import dev.jgrad.train.Evaluation;
import dev.jgrad.train.Trainer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The custom network trains with jgrad's Trainer, as a user's own model would. */
class SwishMlpTrainingTest {
  @Test
  void learnsWhichHalfAPointLiesIn() throws IOException {
    Generator gen = Generator.seeded(3);
    Tensor x = Tensor.randn(gen, Shape.of(512, 2), DType.FLOAT32);
    Tensor labels = x.select(1, 0).gt(0).to(DType.INT32);
    SwishMlp model = new SwishMlp(2, 16, 2, DType.FLOAT32, gen);
    Trainer trainer =
        Trainer.builder(model)
            .loss(Losses::crossEntropy)
            .optimizer(new Adam(model.parameters(), 1e-2))
            .train(DataLoader.of(new TensorDataset(x, labels), 32).shuffle(3))
            .metrics(new Accuracy())
            .build();
    trainer.fit(5);
    Evaluation eval = trainer.evaluate(DataLoader.of(new TensorDataset(x, labels), 128));
    assertTrue(eval.get("accuracy") > 0.95, "accuracy " + eval.get("accuracy"));
  }
}
