package dev.jgrad.examples;

import dev.jgrad.examples.Optimizers.Kind;
import dev.jgrad.tensor.DType;
import java.util.List;
import java.util.Locale;

/**
 * Checks, before a network is built, that it fits: no weight has more elements than a tensor holds,
 * and its parameters, gradients, optimizer state and one batch's activations fit in the memory the
 * JVM has left.
 */
final class NetworkSize {
  /** Activations kept per unit and sample: the layer's output, its ReLU and their gradients. */
  private static final int ACTIVATION_COPIES = 4;

  private NetworkSize() {}

  /**
   * Checks a perceptron of the given layer sizes.
   *
   * @param sizes the layer sizes, input first
   * @param dtype its dtype
   * @param optimizer the optimizer, whose state is counted
   * @param batchSize the batch size, for the activations
   * @param option the option that chose the sizes, for the message ({@code --hidden})
   * @param value its value
   * @throws CommandFailure a usage error saying how large the network would be
   */
  static void check(
      List<Integer> sizes, DType dtype, Kind optimizer, int batchSize, String option, Object value)
      throws CommandFailure {
    long parameters = 0;
    long units = 0;
    for (int i = 0; i + 1 < sizes.size(); i++) {
      long in = sizes.get(i);
      long out = sizes.get(i + 1);
      if (in * out > Integer.MAX_VALUE) {
        throw CommandFailure.usage(
            option,
            value,
            String.format(
                Locale.ROOT,
                "a weight of %d × %d = %,d elements is more than a tensor holds (%,d)",
                out,
                in,
                in * out,
                Integer.MAX_VALUE),
            "use smaller layers");
      }
      parameters += in * out + out;
      units += out;
    }
    int copies = 2 + stateCopies(optimizer);
    double bytes =
        ((double) parameters * copies
                + (double) batchSize * (sizes.get(0) + ACTIVATION_COPIES * units))
            * dtype.byteSize();
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes > free) {
      throw CommandFailure.usage(
          option,
          value,
          String.format(
              Locale.ROOT,
              "the network would need about %s (%,d %s parameters, with their gradients%s and the"
                  + " activations of a batch of %d), but this JVM has %s left",
              Bytes.format(bytes),
              parameters,
              dtype,
              stateText(optimizer),
              batchSize,
              Bytes.format(free)),
          "use smaller layers or batches, or give Java more memory with -Xmx");
    }
  }

  private static int stateCopies(Kind optimizer) {
    return switch (optimizer) {
      case SGD -> 0;
      case RMSPROP, SGD_MOMENTUM -> 1;
      case ADAM -> 2;
    };
  }

  private static String stateText(Kind optimizer) {
    return switch (optimizer) {
      case SGD -> "";
      case RMSPROP -> ", RMSprop's square averages";
      case SGD_MOMENTUM -> ", SGD's momentum buffers";
      case ADAM -> ", Adam's two moments";
    };
  }
}
