package dev.jgrad.bench;

import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.data.ImageDataset;
import dev.jgrad.data.ImageLayout;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Module;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.SGD;
import dev.jgrad.spark.FitResult;
import dev.jgrad.spark.ModelFactory;
import dev.jgrad.spark.OptimizerFactory;
import dev.jgrad.spark.Sample;
import dev.jgrad.spark.SparkTrainer;
import dev.jgrad.spark.TrainingTimes;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Measures {@code jgrad-spark} against single-process training on one machine, and estimates larger
 * clusters from the measurements (not a JMH benchmark: a Spark job is timed as a whole).
 *
 * <ul>
 *   <li>LeNet-5 (the peers' {@code lenet5} network, SGD lr 0.01 momentum 0.9) at global batch 256,
 *       also with one worker to show Spark's own overhead: one process with one kernel thread, then
 *       {@code local[2]} with 2 workers of one kernel thread each; samples per second (epochs 2..E
 *       for the process; all steps' compute and exchange time on worker 0 for Spark) and the
 *       exchange's share of the step time;
 *   <li>the seed000 MLP (784-128-64-32-10, batch 32, SGD lr 0.032): the same two, per step, and the
 *       break-even step time below which two workers cannot beat one process (twice the exchange
 *       time per step);
 *   <li>the exchange alone, with a linear model of LeNet-5's size that computes next to nothing;
 *   <li>a table for 8 to 64 workers, for LeNet-5 and for a CNN ten times larger (ten times the
 *       FLOPs and the parameters), from the measured compute time per sample and the chain's
 *       exchange model with the network stated in the output.
 * </ul>
 *
 * <p>Usage: {@code SparkScaling MNIST_DIR [EPOCHS]} (default 3), run with the {@code --add-opens}
 * options of Spark on Java 17 (README, "Training on Spark").
 */
public final class SparkScaling {
  private static final int LENET_BATCH = 256;
  private static final int SEED_BATCH = 32;

  private SparkScaling() {}

  /**
   * Runs the measurements and prints them.
   *
   * @param args the MNIST folder and optionally the number of epochs
   * @throws Exception if MNIST cannot be read
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException(
          "usage: SparkScaling MNIST_DIR [EPOCHS], got " + Arrays.toString(args));
    }
    Path data = Path.of(args[0]);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Parallelism.setThreads(1);
    ImageDataset images = DatasetSpec.MNIST.train(data).layout(ImageLayout.NCHW);
    List<Sample> samples = samples(images);

    ModelFactory lenet = () -> SeedWorkload.lenet5(Generator.seeded(0));
    OptimizerFactory lenetSgd = params -> new SGD(params, 0.01).momentum(0.9);
    ModelFactory seed000 =
        () -> SeedWorkload.network(new int[] {784, 128, 64, 32, 10}, Generator.seeded(0));
    OptimizerFactory seedSgd = params -> new SGD(params, 0.032);

    double lenetSingle = singleProcess(lenet, lenetSgd, images, LENET_BATCH, epochs);
    double seedSingle =
        singleProcess(seed000, seedSgd, images.layout(ImageLayout.FLAT), SEED_BATCH, 2);

    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("jgrad-spark-scaling")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    JavaRDD<Sample> rdd =
        new JavaSparkContext(spark.sparkContext()).parallelize(samples, 2).cache();
    rdd.count();
    long t0 = System.nanoTime();
    FitResult lenetFit = spark(lenet, lenetSgd, rdd, LENET_BATCH, epochs, 2, 1, 28, 28);
    double lenetWall = (System.nanoTime() - t0) / 1e9;
    FitResult lenetOne = spark(lenet, lenetSgd, rdd, LENET_BATCH, 1, 1, 1, 28, 28);
    FitResult seedFit = spark(seed000, seedSgd, rdd, SEED_BATCH, 1, 2, 784);
    // The exchange alone: a 784-78 linear model has 61,308 parameters, about LeNet-5's 61,706,
    // and one sample per worker and step costs next to nothing to compute.
    ModelFactory linear = () -> new Linear(784, 78, Generator.seeded(0));
    JavaRDD<Sample> small =
        new JavaSparkContext(spark.sparkContext()).parallelize(samples.subList(0, 2000), 2);
    FitResult exchangeFit = spark(linear, seedSgd, small, 2, 1, 2, 784);
    spark.stop();
    double lenetAfter = singleProcess(lenet, lenetSgd, images, LENET_BATCH, 2);
    System.out.printf(
        Locale.ROOT,
        "lenet5 batch %d: single process 1 thread again, after the Spark runs: %.0f samples/s%n",
        LENET_BATCH,
        lenetAfter);
    TrainingTimes xt = exchangeFit.times();
    System.out.printf(
        Locale.ROOT,
        "exchange alone (784-78 linear, 61,308 parameters, 1 sample per worker): %.3f ms/step over"
            + " %d steps, compute %.3f ms/step%n",
        xt.exchangeSeconds() / xt.steps() * 1e3,
        xt.steps(),
        xt.computeSeconds() / xt.steps() * 1e3);

    TrainingTimes lt = lenetFit.times();
    double lenetStep = (lt.computeSeconds() + lt.exchangeSeconds()) / lt.steps();
    double lenetSpark =
        samples.size() * (double) epochs / (lt.computeSeconds() + lt.exchangeSeconds());
    System.out.printf(
        Locale.ROOT,
        "lenet5 batch %d: single process 1 thread %.0f samples/s; local[2] 2 workers x 1 thread"
            + " %.0f samples/s (%.2fx), step %.2f ms, exchange %.1f %% of the step; fit wall"
            + " %.1f s for %d epochs%n",
        LENET_BATCH,
        lenetSingle,
        lenetSpark,
        lenetSpark / lenetSingle,
        lenetStep * 1e3,
        100 * lt.exchangeFraction(),
        lenetWall,
        epochs);
    TrainingTimes one = lenetOne.times();
    System.out.printf(
        Locale.ROOT,
        "lenet5 batch %d: local[2] 1 worker x 1 thread %.0f samples/s (Spark's own overhead on one"
            + " task, against the single process)%n",
        LENET_BATCH,
        samples.size() / (one.computeSeconds() + one.exchangeSeconds()));
    TrainingTimes st = seedFit.times();
    double seedStep = (st.computeSeconds() + st.exchangeSeconds()) / st.steps();
    double seedExchange = st.exchangeSeconds() / st.steps();
    double seedSingleStep = SEED_BATCH / seedSingle;
    System.out.printf(
        Locale.ROOT,
        "seed000 batch %d: single process %.3f ms/step; local[2] 2 workers %.3f ms/step, exchange"
            + " %.3f ms/step (%.1f %%); break-even step time (2 x exchange) %.3f ms%n",
        SEED_BATCH,
        seedSingleStep * 1e3,
        seedStep * 1e3,
        seedExchange * 1e3,
        100 * st.exchangeFraction(),
        2 * seedExchange * 1e3);
    double lenetExchange = lt.exchangeSeconds() / lt.steps();
    System.out.printf(
        Locale.ROOT,
        "lenet5: exchange %.3f ms/step, break-even step time %.3f ms%n",
        lenetExchange * 1e3,
        2 * lenetExchange * 1e3);

    double computePerSample = lt.computeSeconds() / lt.steps() / (LENET_BATCH / 2.0);
    table("lenet5", computePerSample, 61_706);
    table("lenet5 x10", 10 * computePerSample, 617_060);
  }

  /** Prints the estimate for 8 to 64 workers (see the class notes). */
  private static void table(String name, double computePerSample, long parameters) {
    double latency = 50e-6; // per hop, a 10 Gb/s network inside a rack
    double bandwidth = 1.25e9; // bytes per second
    double chunk = 256 * 1024; // bytes, GradientRing's chunk
    double message = parameters * 4.0;
    System.out.printf(
        Locale.ROOT,
        "%s: %d float32 parameters (%.2f MB), compute %.1f us/sample/worker; network: %.0f us per"
            + " hop, %.2f GB/s%n",
        name,
        parameters,
        message / 1e6,
        computePerSample * 1e6,
        latency * 1e6,
        bandwidth / 1e9);
    System.out.println("workers  global_batch  compute_ms  exchange_ms  samples_per_s  speedup");
    double one = 1 / computePerSample;
    for (int workers : new int[] {8, 16, 32, 64}) {
      for (int perWorker : new int[] {LENET_BATCH / workers, LENET_BATCH}) {
        int global = perWorker * workers;
        double compute = perWorker * computePerSample;
        double chunks = Math.ceil(message / chunk);
        double exchange =
            2
                * ((workers - 1) * (latency + Math.min(message, chunk) / bandwidth)
                    + (chunks - 1) * chunk / bandwidth);
        double rate = global / (compute + exchange);
        System.out.printf(
            Locale.ROOT,
            "%7d  %12d  %10.2f  %11.2f  %13.0f  %7.1f%n",
            workers,
            global,
            compute * 1e3,
            exchange * 1e3,
            rate,
            rate / one);
      }
    }
  }

  private static List<Sample> samples(ImageDataset images) {
    Batch all = images.layout(ImageLayout.FLAT).all();
    float[] x = all.input().toFloatArray();
    int[] y = all.target().toIntArray();
    List<Sample> out = new ArrayList<>(y.length);
    for (int i = 0; i < y.length; i++) {
      double[] f = new double[784];
      for (int j = 0; j < 784; j++) {
        f[j] = x[i * 784 + j];
      }
      out.add(new Sample(f, y[i]));
    }
    return out;
  }

  /** Trains in one process; returns samples per second over epochs 2..E. */
  private static double singleProcess(
      ModelFactory factory, OptimizerFactory opt, ImageDataset data, int batch, int epochs) {
    Module model = factory.create();
    Optimizer optimizer = opt.create(model.parameters());
    DataLoader loader = DataLoader.of(data, batch).shuffle(3);
    double[] seconds = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      long t0 = System.nanoTime();
      for (Batch b : loader.epoch(e)) {
        Variable loss = Losses.crossEntropy(model.forward(new Variable(b.input())), b.target());
        model.zeroGrad();
        loss.backward();
        optimizer.step();
      }
      seconds[e] = (System.nanoTime() - t0) / 1e9;
    }
    return data.size() / SeedWorkload.medianAfterFirst(seconds);
  }

  private static FitResult spark(
      ModelFactory factory,
      OptimizerFactory opt,
      JavaRDD<Sample> rdd,
      int batch,
      int epochs,
      int workers,
      int... shape) {
    return SparkTrainer.builder()
        .model(factory)
        .loss(Losses::crossEntropy)
        .optimizer(opt)
        .globalBatch(batch)
        .microBatches(workers)
        .workers(workers)
        .kernelThreads(1)
        .inputShape(shape)
        .epochs(epochs)
        .seed(3)
        .build()
        .fit(rdd);
  }
}
