package dev.jgrad.bench;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.data.ImageDataset;
import dev.jgrad.nn.Init;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.ParamGroup;
import dev.jgrad.optim.SGD;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seed MLP workloads of {@code ../shared/peers/run.sh}, trained with jgrad's public API ({@code
 * nn.Linear}, {@code Losses.crossEntropy}, {@code optim.SGD}) so that jgrad and its peers are timed
 * by the same definition.
 *
 * <table>
 *   <caption>Workloads</caption>
 *   <tr><th>workload</th><th>network</th><th>batch</th><th>update</th></tr>
 *   <tr><td>seed000</td><td>784-128-64-32-10, ReLU</td><td>32</td><td>SGD lr 0.032 on the mean
 *       cross-entropy</td></tr>
 *   <tr><td>seed001</td><td>784-100-10, ReLU</td><td>128</td><td>SGD lr 0.1 on the mean
 *       cross-entropy, weight decay 1e-4 on weights only</td></tr>
 * </table>
 *
 * <p>He-normal weights, zero biases, float32, pixels scaled to [0, 1], reshuffled every epoch. An
 * epoch's time covers the training loop alone (batch gather included, loading and evaluation
 * excluded). Prints {@code epoch E train_s S test_acc A} per epoch, then {@code peer=jgrad
 * workload=W epoch_s=<median of epochs 2..E> acc=<last test accuracy> threads=N}.
 *
 * <p>Usage: {@code SeedWorkload DATA_DIR {seed000|seed001} EPOCHS}; the thread count comes from
 * {@link Parallelism} (system property {@code jgrad.threads}).
 */
public final class SeedWorkload {
  private SeedWorkload() {}

  /**
   * Trains the workload and prints its timings.
   *
   * @param args the MNIST folder, the workload name and the number of epochs
   * @throws Exception if the data cannot be loaded
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: SeedWorkload DATA_DIR {seed000|seed001} EPOCHS, got " + Arrays.toString(args));
    }
    Path data = Path.of(args[0]);
    String workload = args[1];
    int epochs = Integer.parseInt(args[2]);
    boolean deep = workload.equals("seed000");
    if (!deep && !workload.equals("seed001")) {
      throw new IllegalArgumentException("unknown workload " + workload);
    }
    int[] sizes = deep ? new int[] {784, 128, 64, 32, 10} : new int[] {784, 100, 10};
    int batch = deep ? 32 : 128;
    double lr = deep ? 0.032 : 0.1;
    double weightDecay = deep ? 0 : 1e-4;

    ImageDataset train = DatasetSpec.MNIST.train(data);
    ImageDataset test = DatasetSpec.MNIST.test(data);
    Generator gen = Generator.seeded(0);
    Sequential model = network(sizes, gen);
    List<Variable> weights = new ArrayList<>();
    List<Variable> biases = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      (p.dim() == 2 ? weights : biases).add(p);
    }
    SGD opt =
        new SGD(
            List.of(
                ParamGroup.of(weights).set(SGD.WEIGHT_DECAY, weightDecay),
                ParamGroup.of(biases).set(SGD.WEIGHT_DECAY, 0.0)),
            lr);
    DataLoader loader = DataLoader.of(train, batch).shuffle(gen);
    Batch all = test.getBatch(range(test.size()));

    double[] seconds = new double[epochs];
    double acc = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      long t0 = System.nanoTime();
      for (Batch b : loader.epoch(epoch)) {
        Variable loss = Losses.crossEntropy(model.forward(new Variable(b.input())), b.target());
        opt.zeroGrad();
        loss.backward();
        opt.step();
      }
      seconds[epoch] = (System.nanoTime() - t0) / 1e9;
      acc = accuracy(model, all);
      System.out.printf(
          Locale.ROOT, "epoch %d train_s %.3f test_acc %.4f%n", epoch + 1, seconds[epoch], acc);
    }
    System.out.printf(
        Locale.ROOT,
        "peer=jgrad workload=%s epoch_s=%.3f acc=%.4f threads=%d%n",
        workload,
        medianAfterFirst(seconds),
        acc,
        Parallelism.threads());
  }

  /** Returns the MLP with the given layer sizes, He-normal weights and zero biases. */
  static Sequential network(int[] sizes, Generator gen) {
    List<Module> layers = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      Linear linear = new Linear(sizes[l], sizes[l + 1], gen);
      Init.heNormal(linear.weight().data(), gen);
      linear.bias().data().zero();
      layers.add(linear);
      if (l + 2 < sizes.length) {
        layers.add(new ReLU());
      }
    }
    return new Sequential(layers.toArray(new Module[0]));
  }

  private static double accuracy(Module model, Batch all) {
    try (NoGrad scope = NoGrad.enter()) {
      Tensor predicted = model.forward(new Variable(all.input())).data().argmax(1, false);
      int[] p = predicted.toIntArray();
      int[] y = all.target().toIntArray();
      int ok = 0;
      for (int i = 0; i < p.length; i++) {
        ok += p[i] == y[i] ? 1 : 0;
      }
      return ok / (double) p.length;
    }
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    Arrays.setAll(r, i -> i);
    return r;
  }

  /** Returns the median of epochs 2..E (all epochs when there is only one). */
  static double medianAfterFirst(double[] seconds) {
    double[] t = Arrays.copyOfRange(seconds, Math.min(1, seconds.length - 1), seconds.length);
    Arrays.sort(t);
    int m = t.length;
    return m % 2 == 1 ? t[m / 2] : (t[m / 2 - 1] + t[m / 2]) / 2;
  }
}
