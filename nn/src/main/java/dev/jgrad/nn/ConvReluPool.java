package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import dev.jgrad.autograd.ops.ConvReluMaxPool;
import java.util.List;

/**
 * The one fusion {@link Sequential} makes: a {@link Conv2d}, a {@link ReLU} and a {@link MaxPool2d}
 * in a row, none with hooks, on a batched input, run as the single op {@link ConvReluMaxPool}. The
 * results, forward and backward, are those of the three modules bit for bit (the op's tests prove
 * it); what changes is that the convolution's and the relu's full-size results are never kept,
 * which halves the memory traffic of a LeNet-style block. Hooks on any of the three modules turn
 * the fusion off, so that each hook sees its own module's input and output.
 */
final class ConvReluPool {
  private ConvReluPool() {}

  /**
   * Returns whether layers {@code i}, {@code i + 1} and {@code i + 2} can run fused on {@code x}.
   */
  static boolean fits(List<Module> layers, int i, Variable x) {
    return i + 2 < layers.size()
        && layers.get(i) instanceof Conv2d conv
        && layers.get(i + 1) instanceof ReLU relu
        && layers.get(i + 2) instanceof MaxPool2d pool
        && x.dim() == 4
        && !conv.hasHooks()
        && !relu.hasHooks()
        && !pool.hasHooks();
  }

  /** Runs {@code pool(relu(conv(x)))} as one op; errors name the module they concern. */
  static Variable apply(Conv2d conv, MaxPool2d pool, Variable x) {
    Variable weight = conv.weight();
    Variable bias = conv.bias();
    dev.jgrad.autograd.ops.Conv2d convOp =
        conv.guard(() -> Convolutions.op(2, x, weight, bias, conv.options()));
    return pool.guard(
        () -> {
          ConvReluMaxPool op = new ConvReluMaxPool(convOp, pool.op());
          return bias == null ? op.apply(x, weight) : op.apply(x, weight, bias);
        });
  }
}
