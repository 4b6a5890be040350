package dev.jgrad.examples;

import dev.jgrad.nn.BatchNorm2d;
import dev.jgrad.nn.Conv2d;
import dev.jgrad.nn.Dropout;
import dev.jgrad.nn.Flatten;
import dev.jgrad.nn.Init;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.MaxPool2d;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;

/**
 * The convolutional networks of {@code jgrad train}, built from library modules only. Both take
 * images as {@code [B, 1, 28, 28]} and return 10 logits per image; their state dicts use the keys
 * of the same {@code nn.Sequential} in PyTorch ({@code "0.weight"}, {@code "0.bias"}, …).
 */
public final class Cnns {
  private Cnns() {}

  /**
   * Returns LeNet-5 as {@code ../shared/peers} defines its {@code lenet5} workload: Conv(1→6, 5×5,
   * pad 2)–ReLU–MaxPool 2–Conv(6→16, 5×5)–ReLU–MaxPool 2–Flatten–400→120→84→10 with ReLU, 61,706
   * parameters, He-uniform weights ({@code kaiming_uniform_(w, nonlinearity="relu")},
   * U(±√(6/fan_in))) and zero biases.
   *
   * @param dtype the dtype of its parameters
   * @param gen the generator the weights are drawn from, layer by layer
   * @return the network
   */
  public static Sequential lenet5(DType dtype, Generator gen) {
    Sequential net =
        new Sequential(
            Conv2d.builder(1, 6, 5).padding(2).generator(gen).build(),
            new ReLU(),
            new MaxPool2d(2),
            Conv2d.builder(6, 16, 5).generator(gen).build(),
            new ReLU(),
            new MaxPool2d(2),
            new Flatten(),
            Linear.builder(400, 120).generator(gen).build(),
            new ReLU(),
            Linear.builder(120, 84).generator(gen).build(),
            new ReLU(),
            Linear.builder(84, 10).generator(gen).build());
    for (var p : net.namedParameters().entrySet()) {
      Parameter param = p.getValue();
      if (p.getKey().endsWith(".weight")) {
        Init.kaimingUniform(param.data(), 0, Init.FanMode.FAN_IN, Init.Nonlinearity.RELU, gen);
      } else {
        param.data().zero();
      }
    }
    net.to(dtype);
    return net;
  }

  /**
   * Returns the small convolutional network of {@code --network CNN}: two blocks of Conv 3×3 (pad
   * 1)–BatchNorm–ReLU–MaxPool 2 with 16 and 32 channels, then Flatten–Dropout 0.25–1568→64–ReLU–
   * Dropout 0.25–64→10; 105,962 parameters, PyTorch's default initialization.
   *
   * @param dtype the dtype of its parameters
   * @param gen the generator the weights and the dropout masks are drawn from
   * @return the network
   */
  public static Sequential cnn(DType dtype, Generator gen) {
    Sequential net =
        new Sequential(
            Conv2d.builder(1, 16, 3).padding(1).generator(gen).build(),
            new BatchNorm2d(16),
            new ReLU(),
            new MaxPool2d(2),
            Conv2d.builder(16, 32, 3).padding(1).generator(gen).build(),
            new BatchNorm2d(32),
            new ReLU(),
            new MaxPool2d(2),
            new Flatten(),
            new Dropout(0.25, gen),
            Linear.builder(32 * 7 * 7, 64).generator(gen).build(),
            new ReLU(),
            new Dropout(0.25, gen),
            Linear.builder(64, 10).generator(gen).build());
    net.to(dtype);
    return net;
  }

  /**
   * Returns the number of trained values of a network.
   *
   * @param model the network
   * @return the sum of its parameters' element counts
   */
  public static long parameterCount(Module model) {
    return model.parameters().stream().mapToLong(Parameter::numel).sum();
  }
}
