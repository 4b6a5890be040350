package dev.jgrad.examples;

import dev.jgrad.examples.Optimizers.Kind;
import java.util.List;

/**
 * The networks {@code jgrad train --network} knows, each with its settings: the custom MLP of the
 * main job, the seeds' networks and two convolutional networks ({@link Cnns}). This is the one
 * place where a seed's settings are written: the autograd versions ({@code jgrad train --network
 * SEED…}) and the hand-written twins' mains ({@link DeepMlp}, {@link RegularizedMlp}, …) both take
 * their defaults from here.
 *
 * @param hidden the hidden layer sizes of a perceptron; empty for a convolutional network
 * @param init how layers are drawn (a convolutional network draws its own, as {@link Cnns} says)
 * @param loss which loss is differentiated
 * @param optimizer the update rule
 * @param learningRate the learning rate as the seed writes it
 * @param rateOverBatch whether each step divides the learning rate by the batch size once more
 *     (seed 003's {@code Linear.backward}), so the effective rate is {@code learningRate /
 *     batchSize}
 * @param weightDecay the L2 coefficient on weights (not biases)
 * @param batchSize the batch size
 * @param epochs the number of epochs (at most, with {@code stopWhenTrainAccuracyDrops})
 * @param validationSplit the fraction held out at the end of the training set (Keras' rule)
 * @param cosine whether the learning rate decays along a cosine over the epochs
 * @param shuffle whether each epoch visits the training images in a new order; without it they are
 *     taken in the order of the files (seeds 002 and 003)
 * @param stopWhenTrainAccuracyDrops whether to stop after an epoch whose accuracy on the whole
 *     training set is below the previous epoch's (seed 001's rule)
 */
public record Preset(
    List<Integer> hidden,
    Initialization init,
    LossKind loss,
    Kind optimizer,
    double learningRate,
    boolean rateOverBatch,
    double weightDecay,
    int batchSize,
    int epochs,
    double validationSplit,
    boolean cosine,
    boolean shuffle,
    boolean stopWhenTrainAccuracyDrops) {

  /** The loss a network is trained on. */
  public enum LossKind {
    /** The batch mean of the cross-entropy from logits. */
    MEAN,
    /** The batch sum of the cross-entropy (seed 000: SGD on the summed gradient). */
    SUM,
    /** Seed 003's cross-entropy on probabilities with eps 1e-15 inside the logarithm. */
    PROBABILITIES
  }

  /**
   * Returns the learning rate each optimizer step uses.
   *
   * @return {@link #learningRate}, divided by the batch size if {@link #rateOverBatch}
   */
  public double stepRate() {
    return rateOverBatch ? learningRate / batchSize : learningRate;
  }

  /**
   * Returns the preset named {@code name}.
   *
   * @param name the network
   * @return its settings
   */
  public static Preset named(Name name) {
    return switch (name) {
      case MLP ->
          new Preset(
              List.of(128),
              Initialization.PYTORCH,
              LossKind.MEAN,
              Kind.ADAM,
              3e-3,
              false,
              0,
              128,
              5,
              0,
              true,
              true,
              false);
      case LENET5 ->
          new Preset(
              List.of(),
              Initialization.HE_UNIFORM,
              LossKind.MEAN,
              Kind.SGD_MOMENTUM,
              0.01,
              false,
              0,
              64,
              10,
              0,
              false,
              true,
              false);
      case CNN ->
          new Preset(
              List.of(),
              Initialization.PYTORCH,
              LossKind.MEAN,
              Kind.ADAM,
              2e-3,
              false,
              0,
              64,
              15,
              0,
              true,
              true,
              false);
      case SEED000 ->
          new Preset(
              List.of(128, 64, 32),
              Initialization.HE_NORMAL,
              LossKind.SUM,
              Kind.SGD,
              1e-3,
              false,
              0,
              32,
              100,
              0,
              false,
              true,
              false);
      case SEED000_PYTORCH ->
          new Preset(
              List.of(128, 64, 32),
              Initialization.PYTORCH,
              LossKind.MEAN,
              Kind.SGD,
              1e-3,
              false,
              0,
              32,
              100,
              0,
              false,
              true,
              false);
      case SEED001 ->
          new Preset(
              List.of(100),
              Initialization.HE_NORMAL,
              LossKind.MEAN,
              Kind.SGD,
              0.1,
              false,
              1e-4,
              128,
              100,
              0,
              false,
              true,
              true);
      case SEED002 ->
          new Preset(
              List.of(128),
              Initialization.UNSCALED_NORMAL,
              LossKind.MEAN,
              Kind.SGD,
              0.01,
              false,
              0,
              60_000,
              200,
              0,
              false,
              false,
              false);
      case SEED002_KERAS ->
          new Preset(
              List.of(128),
              Initialization.GLOROT_UNIFORM,
              LossKind.MEAN,
              Kind.SGD,
              0.01,
              false,
              0,
              32,
              200,
              0.2,
              false,
              true,
              false);
      case SEED003 ->
          new Preset(
              List.of(100, 50),
              Initialization.HE_NORMAL_BIASES_TOO,
              LossKind.PROBABILITIES,
              Kind.SGD,
              1e-3,
              true,
              0,
              3,
              100,
              0,
              false,
              false,
              false);
      case SEED004 ->
          new Preset(
              List.of(128),
              Initialization.HE_NORMAL,
              LossKind.MEAN,
              Kind.RMSPROP,
              1e-3,
              false,
              0,
              64,
              10,
              0,
              false,
              true,
              false);
    };
  }

  /** The names accepted by {@code --network}. */
  public enum Name {
    /**
     * A custom MLP, 784-128-10 unless {@code --hidden} says otherwise: Adam lr 3e-3 with cosine
     * decay, batch 128, 5 epochs.
     */
    MLP,
    /** Seed 000: 784-128-64-32-10, He-normal, SGD lr 1e-3 on the summed gradient, batch 32. */
    SEED000,
    /** Seed 000's PyTorch twin: PyTorch init, mean loss, SGD lr 1e-3, batch 32. */
    SEED000_PYTORCH,
    /**
     * Seed 001: 784-100-10, He-normal, SGD lr 0.1, L2 1e-4 on weights, batch 128, stopping when the
     * training accuracy drops.
     */
    SEED001,
    /** Seed 002: 784-128-10, unscaled randn, full-batch gradient descent lr 0.01. */
    SEED002,
    /** Seed 002's Keras twin: Glorot-uniform, SGD lr 0.01, batch 32, last 20 % held out. */
    SEED002_KERAS,
    /**
     * Seed 003: 784-100-50-10, cross-entropy on probabilities, lr 1e-3 divided by the batch of 3,
     * batches in order.
     */
    SEED003,
    /** Seed 004: 784-128-10, He-normal, RMSprop lr 1e-3, batch 64. */
    SEED004,
    /**
     * LeNet-5 as the peers' {@code lenet5} workload defines it ({@link Cnns#lenet5}): SGD lr 0.01
     * with momentum 0.9, batch 64, 10 epochs.
     */
    LENET5,
    /**
     * A two-conv network with BatchNorm and dropout, 105,962 parameters ({@link Cnns#cnn}): Adam lr
     * 2e-3 with cosine decay, batch 64, 15 epochs.
     */
    CNN;

    /**
     * Returns whether this network takes images as {@code [B, 1, 28, 28]}.
     *
     * @return true for {@link #LENET5} and {@link #CNN}
     */
    public boolean convolutional() {
      return this == LENET5 || this == CNN;
    }
  }
}
