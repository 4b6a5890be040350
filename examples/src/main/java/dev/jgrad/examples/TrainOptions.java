package dev.jgrad.examples;

import dev.jgrad.examples.Optimizers.Kind;
import dev.jgrad.tensor.DType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The options of {@code jgrad train} that define a run, each null when not given: a new run takes
 * the network's preset for those, a resumed run the checkpoint's.
 *
 * @param network {@code --network}
 * @param dataset {@code --dataset}
 * @param hidden {@code --hidden}
 * @param optimizer {@code --optimizer}
 * @param learningRate {@code --lr}
 * @param weightDecay {@code --weight-decay}
 * @param cosine {@code --[no-]cosine}
 * @param batchSize {@code --batch-size}
 * @param epochs {@code --epochs}
 * @param seed {@code --seed}
 * @param dtype {@code --dtype}
 */
record TrainOptions(
    Preset.Name network,
    DatasetName dataset,
    List<Integer> hidden,
    Kind optimizer,
    Double learningRate,
    Double weightDecay,
    Boolean cosine,
    Integer batchSize,
    Integer epochs,
    Long seed,
    DType dtype) {

  /**
   * Checks the ranges of the values given.
   *
   * @throws CommandFailure a usage error naming the first option out of range
   */
  void check() throws CommandFailure {
    if (epochs != null && epochs < 1) {
      throw CommandFailure.usage("--epochs", epochs, "no epoch to train", "expected 1 or more");
    }
    if (batchSize != null && batchSize < 1) {
      throw CommandFailure.usage(
          "--batch-size", batchSize, "a batch holds no image", "expected 1 or more");
    }
    if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
      throw CommandFailure.usage(
          "--lr", learningRate, "not a usable learning rate", "expected a finite number > 0");
    }
    if (weightDecay != null && !(weightDecay >= 0 && Double.isFinite(weightDecay))) {
      throw CommandFailure.usage(
          "--weight-decay",
          weightDecay,
          "not a usable L2 coefficient",
          "expected a finite number >= 0");
    }
    if (hidden != null && network != null && network.convolutional()) {
      throw CommandFailure.usage(
          "--hidden",
          hiddenText(),
          network + " is a convolutional network with fixed layers",
          "drop --hidden, or use --network MLP");
    }
    if (hidden != null && (hidden.isEmpty() || hidden.stream().anyMatch(n -> n == null || n < 1))) {
      throw CommandFailure.usage(
          "--hidden",
          hiddenText(),
          "a layer needs at least one unit",
          "expected sizes of 1 or more separated by commas, such as 128,64");
    }
  }

  /**
   * Returns {@code --hidden} as it was given.
   *
   * @return the sizes joined by commas
   */
  String hiddenText() {
    return hidden.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
