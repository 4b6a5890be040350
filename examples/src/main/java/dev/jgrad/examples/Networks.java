package dev.jgrad.examples;

import dev.jgrad.nn.Module;
import dev.jgrad.nn.Sequential;
import dev.jgrad.tensor.Generator;
import dev.jgrad.train.TrainingCheckpoint;
import java.nio.file.Path;

/**
 * Builds the network of a {@code jgrad train} run: a perceptron ({@link Mlps}) or a {@link Cnns}.
 */
final class Networks {
  private Networks() {}

  /**
   * Returns the run's network, drawn from a generator seeded with the run's seed.
   *
   * @param s the run's settings
   * @return a new network
   */
  static Sequential create(TrainSettings s) {
    Generator gen = Generator.seeded(s.seed());
    return switch (s.network()) {
      case LENET5 -> Cnns.lenet5(s.dtype(), gen);
      case CNN -> Cnns.cnn(s.dtype(), gen);
      default -> Mlps.create(s.sizes(), s.preset().init(), s.dtype(), gen);
    };
  }

  /**
   * Returns the network a checkpoint of {@code jgrad train} holds, rebuilt from its settings and
   * loaded strictly from its state dict, in evaluation mode.
   *
   * @param ckpt the checkpoint
   * @param option the option or parameter that named it, for messages
   * @param file its file, for messages
   * @return the network
   * @throws CommandFailure a usage error if its settings cannot be read
   * @throws IllegalArgumentException if its state dict does not fit the network
   */
  static Sequential fromCheckpoint(TrainingCheckpoint ckpt, String option, Path file)
      throws CommandFailure {
    Sequential model = create(TrainSettings.from(ckpt, option, file));
    model.loadStateDict(ckpt.modelState());
    model.eval();
    return model;
  }

  /**
   * Returns how a run's line names its network: the layer sizes of a perceptron, the parameter
   * count of a convolutional network.
   *
   * @param s the run's settings
   * @param model the network
   * @return {@code [784, 128, 10]} or {@code (61706 parameters)}
   */
  static String shape(TrainSettings s, Module model) {
    return s.network().convolutional()
        ? "(" + Cnns.parameterCount(model) + " parameters)"
        : s.sizes().toString();
  }
}
