package dev.jgrad.bench;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.data.ImageDataset;
import dev.jgrad.data.ImageLayout;
import dev.jgrad.nn.Conv2d;
import dev.jgrad.nn.Flatten;
import dev.jgrad.nn.Init;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.MaxPool2d;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.ParamGroup;
import dev.jgrad.optim.SGD;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The workloads of {@code ../shared/peers/run.sh}, the seed MLPs and the LeNet-5 CNN, trained with
 * jgrad's public API ({@code nn.Linear}, {@code nn.Conv2d}, {@code Losses.crossEntropy}, {@code
 * optim.SGD}) so that jgrad and its peers are timed by the same definition.
 *
 * <table>
 *   <caption>Workloads</caption>
 *   <tr><th>workload</th><th>network</th><th>batch</th><th>update</th></tr>
 *   <tr><td>seed000</td><td>784-128-64-32-10, ReLU</td><td>32</td><td>SGD lr 0.032 on the mean
 *       cross-entropy</td></tr>
 *   <tr><td>seed001</td><td>784-100-10, ReLU</td><td>128</td><td>SGD lr 0.1 on the mean
 *       cross-entropy, weight decay 1e-4 on weights only</td></tr>
 *   <tr><td>lenet5</td><td>Conv(1→6, 5×5, pad 2)–ReLU–MaxPool 2–Conv(6→16, 5×5)–ReLU–MaxPool
 *       2–400-120-84-10, ReLU; He-uniform weights</td><td>64</td><td>SGD lr 0.01, momentum 0.9, on
 *       the mean cross-entropy</td></tr>
 * </table>
 *
 * <p>He-normal weights for the MLPs, zero biases, float32, pixels scaled to [0, 1] (images {@code
 * [B, 1, 28, 28]} for LeNet-5), reshuffled every epoch, the last partial batch kept. An epoch's
 * time covers the training loop alone (batch gather included, loading and evaluation excluded).
 * Prints {@code epoch E train_s S test_acc A} per epoch, then {@code peer=jgrad workload=W
 * epoch_s=<median of epochs 2..E> acc=<last test accuracy> threads=N}. Test accuracy is computed in
 * chunks of 1,000 images.
 *
 * <p>Usage: {@code SeedWorkload DATA_DIR {seed000|seed001|lenet5} EPOCHS}; the thread count comes
 * from {@link Parallelism} (system property {@code jgrad.threads}). With {@code
 * -Djgrad.bench.phases=true} each epoch also prints its steps' time by phase ({@link StepPhases}).
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
          "usage: SeedWorkload DATA_DIR {seed000|seed001|lenet5} EPOCHS, got "
              + Arrays.toString(args));
    }
    Path data = Path.of(args[0]);
    String workload = args[1];
    int epochs = Integer.parseInt(args[2]);
    boolean deep = workload.equals("seed000");
    boolean lenet = workload.equals("lenet5");
    if (!deep && !lenet && !workload.equals("seed001")) {
      throw new IllegalArgumentException("unknown workload " + workload);
    }
    int batch = deep ? 32 : lenet ? 64 : 128;
    double lr = deep ? 0.032 : lenet ? 0.01 : 0.1;
    double weightDecay = deep || lenet ? 0 : 1e-4;

    ImageLayout layout = lenet ? ImageLayout.NCHW : ImageLayout.FLAT;
    ImageDataset train = DatasetSpec.MNIST.train(data).layout(layout);
    ImageDataset test = DatasetSpec.MNIST.test(data).layout(layout);
    Generator gen = Generator.seeded(0);
    Sequential model =
        lenet
            ? lenet5(gen)
            : network(deep ? new int[] {784, 128, 64, 32, 10} : new int[] {784, 100, 10}, gen);
    List<Variable> weights = new ArrayList<>();
    List<Variable> biases = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      (p.dim() >= 2 ? weights : biases).add(p);
    }
    SGD opt =
        new SGD(
            List.of(
                ParamGroup.of(weights).set(SGD.WEIGHT_DECAY, weightDecay),
                ParamGroup.of(biases).set(SGD.WEIGHT_DECAY, 0.0)),
            lr);
    if (lenet) {
      opt.momentum(0.9);
    }
    DataLoader loader = DataLoader.of(train, batch).shuffle(gen);

    double[] seconds = new double[epochs];
    double acc = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      long t0 = System.nanoTime();
      StepPhases phases = new StepPhases();
      phases.start();
      for (Batch b : loader.epoch(epoch)) {
        phases.end(0);
        Variable loss = Losses.crossEntropy(model.forward(new Variable(b.input())), b.target());
        phases.end(1);
        opt.zeroGrad();
        loss.backward();
        phases.end(2);
        opt.step();
        phases.end(3);
      }
      seconds[epoch] = (System.nanoTime() - t0) / 1e9;
      if (Boolean.getBoolean("jgrad.bench.phases")) {
        System.out.println(phases.line(epoch + 1));
      }
      acc = accuracy(model, test);
      System.out.printf(
          Locale.ROOT, "epoch %d train_s %.3f test_acc %.4f%n", epoch + 1, seconds[epoch], acc);
    }
    System.out.printf(
        Locale.ROOT,
        "peer=jgrad workload=%s epoch_s=%.3f acc=%.4f threads=%d weights=%08x%n",
        workload,
        medianAfterFirst(seconds),
        acc,
        Parallelism.threads(),
        weightsChecksum(model));
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

  /**
   * Returns LeNet-5 as the peers' {@code lenet5} workload defines it: He-uniform weights ({@code
   * kaiming_uniform_(w, nonlinearity="relu")}) and zero biases.
   */
  static Sequential lenet5(Generator gen) {
    Sequential model =
        new Sequential(
            Conv2d.builder(1, 6, 5).padding(2).generator(gen).build(),
            new ReLU(),
            new MaxPool2d(2),
            Conv2d.builder(6, 16, 5).generator(gen).build(),
            new ReLU(),
            new MaxPool2d(2),
            new Flatten(),
            new Linear(400, 120, gen),
            new ReLU(),
            new Linear(120, 84, gen),
            new ReLU(),
            new Linear(84, 10, gen));
    for (Parameter p : model.parameters()) {
      if (p.dim() >= 2) {
        Init.kaimingUniform(p.data(), 0, Init.FanMode.FAN_IN, Init.Nonlinearity.RELU, gen);
      } else {
        p.data().zero();
      }
    }
    return model;
  }

  private static double accuracy(Module model, ImageDataset test) {
    int ok = 0;
    try (NoGrad scope = NoGrad.enter()) {
      for (int from = 0; from < test.size(); from += 1000) {
        int[] indices = new int[Math.min(1000, test.size() - from)];
        int start = from;
        Arrays.setAll(indices, i -> start + i);
        Batch chunk = test.getBatch(indices);
        Tensor predicted = model.forward(new Variable(chunk.input())).data().argmax(1, false);
        int[] p = predicted.toIntArray();
        int[] y = chunk.target().toIntArray();
        for (int i = 0; i < p.length; i++) {
          ok += p[i] == y[i] ? 1 : 0;
        }
      }
    }
    return ok / (double) test.size();
  }

  /**
   * Returns a CRC-32 of every parameter's values in float64 bits, in the model's order: equal
   * checksums from runs with different thread counts show that they trained the same weights.
   */
  static long weightsChecksum(Module model) {
    CRC32 crc = new CRC32();
    ByteBuffer bits = ByteBuffer.allocate(Long.BYTES);
    for (Parameter p : model.parameters()) {
      for (double v : p.data().toDoubleArray()) {
        bits.clear();
        bits.putLong(Double.doubleToRawLongBits(v));
        crc.update(bits.array());
      }
    }
    return crc.getValue();
  }

  /** Returns the median of epochs 2..E (all epochs when there is only one). */
  static double medianAfterFirst(double[] seconds) {
    double[] t = Arrays.copyOfRange(seconds, Math.min(1, seconds.length - 1), seconds.length);
    Arrays.sort(t);
    int m = t.length;
    return m % 2 == 1 ? t[m / 2] : (t[m / 2 - 1] + t[m / 2]) / 2;
  }
}
