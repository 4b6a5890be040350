package dev.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.TensorDataset;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.RMSprop;
import dev.jgrad.optim.SGD;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.train.History;
import dev.jgrad.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** A small classification problem, its model, and the single-process references. */
final class Fixtures {
  static final int FEATURES = 6;
  static final int CLASSES = 3;

  private Fixtures() {}

  /** The optimizers of the guarantees, as serializable factories. */
  enum Opt {
    SGD_MOMENTUM(params -> new SGD(params, 0.05).momentum(0.9)),
    RMSPROP(params -> new RMSprop(params, 0.01)),
    ADAM(params -> new Adam(params, 0.01));

    final OptimizerFactory factory;

    Opt(OptimizerFactory factory) {
      this.factory = factory;
    }
  }

  static SparkSession session(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("jgrad-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.barrier.sync.timeout", "60")
        .getOrCreate();
  }

  /** A 6-16-3 MLP with seeded weights, in {@code dtype}. */
  static Module mlp(DType dtype) {
    Generator gen = Generator.seeded(11);
    return new Sequential(new Linear(FEATURES, 16, gen), new ReLU(), new Linear(16, CLASSES, gen))
        .to(dtype);
  }

  static ModelFactory factory(DType dtype) {
    return () -> mlp(dtype);
  }

  /** {@code n} samples of three noisy clusters. */
  static List<Sample> samples(int n) {
    Generator gen = Generator.seeded(5);
    double[] noise = Tensor.randn(gen, n, FEATURES).toDoubleArray();
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = i % CLASSES;
      double[] x = new double[FEATURES];
      for (int j = 0; j < FEATURES; j++) {
        x[j] = noise[i * FEATURES + j] + (j % CLASSES == label ? 1.5 : 0);
      }
      out.add(new Sample(x, label));
    }
    return out;
  }

  static JavaRDD<Sample> rdd(SparkSession spark, List<Sample> samples, int partitions) {
    return new JavaSparkContext(spark.sparkContext()).parallelize(samples, partitions);
  }

  static Tensor inputs(List<Sample> samples, DType dtype) {
    double[] flat = new double[samples.size() * FEATURES];
    for (int i = 0; i < samples.size(); i++) {
      System.arraycopy(samples.get(i).features(), 0, flat, i * FEATURES, FEATURES);
    }
    return Tensor.of(flat, samples.size(), FEATURES).to(dtype);
  }

  static Tensor labels(List<Sample> samples) {
    int[] y = new int[samples.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) samples.get(i).label();
    }
    return Tensor.of(y, y.length);
  }

  static SparkTrainer.Builder trainer(DType dtype, Opt opt, int batch, int micro, int workers) {
    return SparkTrainer.builder()
        .model(factory(dtype))
        .loss(Losses::crossEntropy)
        .optimizer(opt.factory)
        .globalBatch(batch)
        .microBatches(micro)
        .workers(workers)
        .seed(3)
        .exchangeTimeout(java.time.Duration.ofSeconds(30));
  }

  /** Trains with {@link Trainer} on {@code DataLoader.of(data, batch).shuffle(3)}. */
  static Trained trainer(List<Sample> data, DType dtype, Opt opt, int batch, int epochs) {
    Module model = mlp(dtype);
    Optimizer optimizer = opt.factory.create(model.parameters());
    try {
      History h =
          Trainer.builder(model)
              .loss(Losses::crossEntropy)
              .optimizer(optimizer)
              .train(
                  DataLoader.of(new TensorDataset(inputs(data, DType.FLOAT64), labels(data)), batch)
                      .shuffle(3))
              .build()
              .fit(epochs);
      return new Trained(model, h);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Trains in one process over the micro-batches of the shard layout (sample i in shard i mod S,
   * each shard in the order of the epoch's permutation): with {@code accumulate}, one backward per
   * micro-batch accumulating in {@code .grad}, in shard order; otherwise one backward over the
   * whole global batch.
   */
  static Module reference(
      List<Sample> data,
      DType dtype,
      Opt opt,
      int batch,
      int micro,
      int epochs,
      boolean accumulate) {
    Module model = mlp(dtype);
    Optimizer optimizer = opt.factory.create(model.parameters());
    Tensor x = inputs(data, dtype);
    Tensor y = labels(data);
    int n = data.size();
    int m = batch / micro;
    for (int e = 0; e < epochs; e++) {
      int[] permutation = Generator.seeded(3, e).permutation(n);
      List<List<Integer>> shards = new ArrayList<>();
      for (int s = 0; s < micro; s++) {
        shards.add(new ArrayList<>());
      }
      for (int i : permutation) {
        shards.get(i % micro).add(i);
      }
      int steps = (shards.get(0).size() + m - 1) / m;
      for (int k = 0; k < steps; k++) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        for (int s = 0; s < micro; s++) {
          List<Integer> shard = shards.get(s);
          int from = Math.min(shard.size(), k * m);
          int to = Math.min(shard.size(), k * m + m);
          int[] idx = shard.subList(from, to).stream().mapToInt(Integer::intValue).toArray();
          parts.add(idx);
          total += idx.length;
        }
        model.zeroGrad();
        if (accumulate) {
          for (int[] idx : parts) {
            if (idx.length > 0) {
              Variable loss = loss(model, x, y, idx);
              loss.mul((double) idx.length / total).backward();
            }
          }
        } else {
          int[] all = parts.stream().flatMapToInt(java.util.Arrays::stream).toArray();
          loss(model, x, y, all).backward();
        }
        optimizer.step();
      }
    }
    return model;
  }

  private static Variable loss(Module model, Tensor x, Tensor y, int[] idx) {
    Tensor index = Tensor.of(idx, idx.length);
    return Losses.crossEntropy(
        model.forward(new Variable(x.indexSelect(0, index))), y.indexSelect(0, index));
  }

  /** A model trained in one process, with its history. */
  record Trained(Module model, History history) {}

  static void assertBitIdentical(Module expected, Module actual) {
    Map<String, Tensor> e = expected.stateDict();
    Map<String, Tensor> a = actual.stateDict();
    assertEquals(e.keySet(), a.keySet());
    for (String k : e.keySet()) {
      Tensor te = e.get(k);
      Tensor ta = a.get(k);
      assertEquals(te.dtype(), ta.dtype(), k);
      if (te.dtype() == DType.FLOAT32) {
        assertArrayEquals(te.toFloatArray(), ta.toFloatArray(), 0f, k);
        float[] fe = te.toFloatArray();
        float[] fa = ta.toFloatArray();
        for (int i = 0; i < fe.length; i++) {
          assertEquals(
              Float.floatToRawIntBits(fe[i]), Float.floatToRawIntBits(fa[i]), k + "[" + i + "]");
        }
      } else {
        double[] de = te.toDoubleArray();
        double[] da = ta.toDoubleArray();
        for (int i = 0; i < de.length; i++) {
          assertEquals(
              Double.doubleToRawLongBits(de[i]),
              Double.doubleToRawLongBits(da[i]),
              k + "[" + i + "]");
        }
      }
    }
  }

  /** Returns the largest relative difference over all weights, |a - e| / max(|e|, 1e-3). */
  static double maxRelativeDifference(Module expected, Module actual) {
    double worst = 0;
    Map<String, Tensor> a = actual.stateDict();
    for (Map.Entry<String, Tensor> en : expected.stateDict().entrySet()) {
      double[] de = en.getValue().toDoubleArray();
      double[] da = a.get(en.getKey()).toDoubleArray();
      for (int i = 0; i < de.length; i++) {
        worst = Math.max(worst, Math.abs(da[i] - de[i]) / Math.max(Math.abs(de[i]), 1e-3));
      }
    }
    assertTrue(Double.isFinite(worst));
    return worst;
  }
}
