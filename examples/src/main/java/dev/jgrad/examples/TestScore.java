package dev.jgrad.examples;

import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.Dataset;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Reduction;
import dev.jgrad.optim.SGD;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.train.Accuracy;
import dev.jgrad.train.Evaluation;
import dev.jgrad.train.Trainer;
import java.util.stream.IntStream;

/**
 * A classifier's figures on the test set, as the command line prints them.
 *
 * @param accuracy the fraction of test images classified correctly
 * @param loss the mean loss per test image
 */
record TestScore(double accuracy, double loss) {
  /** Images per forward pass: a convolutional network's activations stay within tens of MB. */
  static final int CHUNK = 1000;

  /**
   * Returns the accuracy and the mean cross-entropy {@code −mean log softmax(z)[label]} of the
   * logits the trainer's model predicts for every image of {@code test}, whatever loss it trains
   * on.
   *
   * @param trainer the trainer of a model whose output is the ten classes' logits
   * @param test the test set
   * @return the figures
   */
  static TestScore ofLogits(Trainer trainer, Dataset test) {
    Accuracy accuracy = new Accuracy();
    double lossSum = 0;
    for (int from = 0; from < test.size(); from += CHUNK) {
      Batch chunk =
          test.getBatch(IntStream.range(from, Math.min(test.size(), from + CHUNK)).toArray());
      Tensor logits = trainer.predict(chunk.input());
      accuracy.update(logits, chunk.target());
      lossSum += Losses.crossEntropy(new Variable(logits), chunk.target(), Reduction.SUM).item();
    }
    return new TestScore(accuracy.values().get("accuracy"), lossSum / test.size());
  }

  /**
   * Returns the figures of a model alone, such as one read from a checkpoint, through a trainer
   * that only predicts: its optimizer (plain SGD at rate 0) and training loader are never used.
   *
   * @param model a model whose output is the ten classes' logits
   * @param test the test set
   * @return the figures
   */
  static TestScore ofLogits(Module model, Dataset test) {
    Trainer predictor =
        Trainer.builder(model)
            .loss(Losses::crossEntropy)
            .optimizer(new SGD(model.parameters(), 0))
            .train(DataLoader.of(test, test.size()))
            .build();
    return ofLogits(predictor, test);
  }

  /**
   * Returns the figures of an evaluation that recorded {@code accuracy}.
   *
   * @param evaluation the trainer's evaluation, its loss by the trainer's loss function
   * @return the figures
   */
  static TestScore of(Evaluation evaluation) {
    return new TestScore(evaluation.get("accuracy"), evaluation.loss());
  }
}
