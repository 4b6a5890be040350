package dev.jgrad.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.TensorDataset;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.train.EpochLog;
import dev.jgrad.train.History;
import dev.jgrad.train.TrainingCheckpoint;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The training loop of one barrier task: it gathers its shards, builds the model from the driver's
 * weights, resumes from the last per-epoch checkpoint if there is one, and trains, exchanging every
 * step's gradients with the other workers through a {@link GradientRing}. Worker 0 writes the
 * checkpoint after every epoch and returns the trained weights.
 */
final class Worker extends AbstractFunction1<Iterator<IndexedSample>, Iterator<WorkerResult>>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The checkpoint file's name in the checkpoint folder. */
  static final String CHECKPOINT = "checkpoint.safetensors";

  private final WorkerSpec spec;

  Worker(WorkerSpec spec) {
    this.spec = spec;
  }

  @Override
  public Iterator<WorkerResult> apply(Iterator<IndexedSample> rows) {
    BarrierTaskContext context = BarrierTaskContext.get();
    int w = context.partitionId();
    GradientRing ring = null;
    try {
      if (spec.kernelThreads() > 0) {
        Parallelism.setThreads(spec.kernelThreads());
      }
      ring = GradientRing.connect(context, spec.timeout());
      WorkerResult result = train(context, ring, CollectionConverters.asJava(rows));
      List<WorkerResult> out = w == 0 ? List.of(result) : List.of();
      return CollectionConverters.asScala(out.iterator());
    } catch (PeerFailureException e) {
      if (ring != null) {
        ring.abort(e.origin());
      }
      throw e;
    } catch (RuntimeException | Error e) {
      if (ring != null) {
        ring.abort("worker " + w + ": " + e);
      }
      throw e;
    } finally {
      if (ring != null) {
        ring.close();
      }
    }
  }

  private WorkerResult train(
      BarrierTaskContext context, GradientRing ring, java.util.Iterator<IndexedSample> rows) {
    int w = context.partitionId();
    int workers = context.numPartitions();
    ShardPlan plan = spec.plan();
    int from = plan.firstShard(w, workers);
    int to = plan.firstShard(w + 1, workers);
    Module model = spec.modelFactory().create();
    model.loadStateDict(StateBytes.decode(spec.initialState()));
    List<Parameter> params = model.parameters();
    DType dtype = FlatGradients.dtypeOf(params);
    TensorDataset[] shards = shards(rows, plan, from, to, dtype);
    Optimizer optimizer = spec.optimizerFactory().create(params);
    List<EpochLog> history = new ArrayList<>();
    int start = resume(model, optimizer, history);
    FlatGradients like = FlatGradients.zeros(dtype, FlatGradients.lengthOf(params));
    long steps = 0;
    long computeNanos = 0;
    long exchangeNanos = 0;
    for (int epoch = start; epoch < spec.epochs(); epoch++) {
      model.train();
      int[][] orders = plan.epochOrder(spec.seed(), epoch, from, to);
      double lr = optimizer.paramGroups().get(0).lr();
      double lossSum = 0;
      long count = 0;
      for (int step = 0; step < plan.steps(); step++) {
        if (spec.fault() != null) {
          spec.fault().check(w, epoch, step, context);
        }
        ((TaskContext) context).killTaskIfInterrupted();
        long t0 = System.nanoTime();
        int stepSize = plan.stepSize(step);
        List<Contribution> mine = new ArrayList<>();
        for (int s = from; s < to; s++) {
          int n = plan.microBatchSize(s, step);
          if (n > 0) {
            int first = plan.microBatchStart(step);
            Batch b =
                shards[s - from].getBatch(Arrays.copyOfRange(orders[s - from], first, first + n));
            mine.add(microBatch(model, params, b, (double) n / stepSize));
          }
        }
        long t1 = System.nanoTime();
        GradientRing.Total total = ring.allReduce(mine, like);
        long t2 = System.nanoTime();
        total.gradients().assignTo(params);
        optimizer.step();
        long t3 = System.nanoTime();
        lossSum += total.lossSum();
        count += stepSize;
        steps++;
        computeNanos += (t1 - t0) + (t3 - t2);
        exchangeNanos += t2 - t1;
      }
      Map<String, Double> logs = new LinkedHashMap<>();
      logs.put("loss", lossSum / count);
      logs.put("lr", lr);
      history.add(new EpochLog(epoch, logs));
      if (w == 0 && spec.checkpointFolder() != null) {
        save(model, optimizer, epoch + 1, history);
      }
    }
    double[] losses = new double[history.size()];
    double[] lrs = new double[history.size()];
    for (int i = 0; i < losses.length; i++) {
      losses[i] = history.get(i).get("loss");
      lrs[i] = history.get(i).get("lr");
    }
    byte[] state = w == 0 ? StateBytes.encode(model.stateDict()) : new byte[0];
    return new WorkerResult(state, losses, lrs, steps, computeNanos / 1e9, exchangeNanos / 1e9);
  }

  /**
   * Computes one micro-batch's gradient of its mean loss times {@code share}, its part of the
   * global batch, as a single process accumulating micro-batches in {@code .grad} does.
   */
  private Contribution microBatch(Module model, List<Parameter> params, Batch b, double share) {
    model.zeroGrad();
    Variable output = model.forward(new Variable(b.input()));
    Variable value = spec.loss().apply(output, b.target());
    checkArgument(
        value.numel() == 1,
        "SparkTrainer: the loss returned shape %s, expected a scalar (use the mean reduction)",
        value.shape());
    double loss = value.item();
    value.mul(share).backward();
    return new Contribution(FlatGradients.of(params), loss * b.size());
  }

  /** Gathers this worker's samples into one dataset per shard, in index order. */
  private TensorDataset[] shards(
      java.util.Iterator<IndexedSample> rows, ShardPlan plan, int from, int to, DType dtype) {
    List<List<IndexedSample>> byShard = new ArrayList<>();
    for (int s = from; s < to; s++) {
      byShard.add(new ArrayList<>());
    }
    while (rows.hasNext()) {
      IndexedSample r = rows.next();
      int s = plan.shardOf(r.index());
      checkArgument(
          s >= from && s < to,
          "SparkTrainer: sample %s of shard %s reached the worker of shards [%s, %s)",
          r.index(),
          s,
          from,
          to);
      byShard.get(s - from).add(r);
    }
    int features = 1;
    for (int d : spec.inputShape()) {
      features *= d;
    }
    TensorDataset[] out = new TensorDataset[to - from];
    for (int s = from; s < to; s++) {
      List<IndexedSample> list = byShard.get(s - from);
      list.sort(Comparator.comparingLong(IndexedSample::index));
      checkArgument(
          list.size() == plan.shardSize(s),
          "SparkTrainer: shard %s holds %s samples, expected %s; the input must give the same"
              + " samples in the same order every time it is computed (cache or sort it)",
          s,
          list.size(),
          plan.shardSize(s));
      double[] x = new double[list.size() * features];
      int[] y = new int[list.size()];
      for (int i = 0; i < list.size(); i++) {
        Sample sample = list.get(i).sample();
        checkArgument(
            sample.features().length == features,
            "SparkTrainer: sample %s has %s features, expected %s (input shape %s)",
            list.get(i).index(),
            sample.features().length,
            features,
            Arrays.toString(spec.inputShape()));
        System.arraycopy(sample.features(), 0, x, i * features, features);
        y[i] = classIndex(sample.label(), list.get(i).index());
      }
      int[] shape = new int[spec.inputShape().length + 1];
      shape[0] = list.size();
      System.arraycopy(spec.inputShape(), 0, shape, 1, spec.inputShape().length);
      out[s - from] = new TensorDataset(Tensor.of(x, shape).to(dtype), Tensor.of(y, list.size()));
    }
    return out;
  }

  private static int classIndex(double label, long index) {
    checkArgument(
        label >= 0 && label == Math.rint(label) && label <= Integer.MAX_VALUE,
        "SparkTrainer: sample %s has label %s, expected a class index (a whole number >= 0)",
        (Object) index,
        label);
    return (int) label;
  }

  /** Restores the checkpoint if there is one; returns the first epoch to train. */
  private int resume(Module model, Optimizer optimizer, List<EpochLog> history) {
    if (spec.checkpointFolder() == null) {
      return 0;
    }
    Path file = Path.of(spec.checkpointFolder(), CHECKPOINT);
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      TrainingCheckpoint ckpt = TrainingCheckpoint.load(file);
      for (Map.Entry<String, String> e : spec.settings().entrySet()) {
        String saved = ckpt.settings().get(e.getKey());
        checkArgument(
            e.getValue().equals(saved),
            "SparkTrainer: the checkpoint %s was written by a run with %s=%s, this run has %s;"
                + " use another checkpoint folder",
            file,
            e.getKey(),
            saved,
            e.getValue());
      }
      ckpt.restore(model.stateDict(), optimizer, null);
      history.addAll(ckpt.history().epochs());
      return ckpt.epoch();
    } catch (IOException e) {
      throw new UncheckedIOException("SparkTrainer: cannot read the checkpoint " + file, e);
    }
  }

  private void save(Module model, Optimizer optimizer, int completed, List<EpochLog> history) {
    Path file = Path.of(spec.checkpointFolder(), CHECKPOINT);
    try {
      TrainingCheckpoint.builder(model.stateDict(), optimizer)
          .epoch(completed)
          .plannedEpochs(spec.epochs())
          .generator(Generator.seeded(spec.seed()))
          .history(History.of(history))
          .settings(spec.settings())
          .build()
          .save(file);
    } catch (IOException e) {
      throw new UncheckedIOException("SparkTrainer: cannot write the checkpoint " + file, e);
    }
  }
}
