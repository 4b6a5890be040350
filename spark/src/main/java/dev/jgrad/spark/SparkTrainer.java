package dev.jgrad.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.jgrad.nn.Module;
import dev.jgrad.train.EpochLog;
import dev.jgrad.train.History;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Trains a jgrad model on a Spark cluster by synchronous data parallelism, with results
 * bit-identical to training in one process.
 *
 * <pre>{@code
 * FitResult fit = SparkTrainer.builder()
 *     .model(() -> lenet5())                          // a ModelFactory
 *     .loss(Losses::crossEntropy)                     // a SparkLoss
 *     .optimizer(params -> new SGD(params, 0.01).momentum(0.9))
 *     .globalBatch(256).microBatches(8).workers(2)
 *     .inputShape(1, 28, 28).epochs(5).seed(42)
 *     .checkpointFolder(Path.of("/shared/run1"))
 *     .build()
 *     .fit(trainingFrame, "features", "label");
 * Module trained = fit.model();
 * }</pre>
 *
 * <p><b>The algorithm.</b> The data is partitioned once, by {@link ShardPlan}'s layout: sample
 * {@code i} goes to shard {@code i mod S} ({@code S} = the micro-batches per global batch) and
 * every shard to one worker. Epoch {@code e} visits the samples in the order of {@code
 * Generator.seeded(seed, e).permutation(n)}; every step, each shard gives one micro-batch of {@code
 * B / S} samples, each worker computes the gradients of its micro-batches, and the workers sum them
 * in shard order ({@link GradientRing}: a chain of sockets between the tasks) so that every worker
 * holds the same sum and takes the same optimizer step. A barrier stage ({@code RDD.barrier()})
 * starts all the workers together.
 *
 * <p><b>Guarantees.</b> The micro-batches and the order of every addition depend on the seed, the
 * global batch and the number of micro-batches, never on the number of workers or on timing:
 *
 * <ul>
 *   <li>with one micro-batch (and so one worker), training equals {@link dev.jgrad.train.Trainer}
 *       with {@code DataLoader.of(data, globalBatch).shuffle(seed)}, bit for bit;
 *   <li>with {@code S} micro-batches and any number of workers up to {@code S}, it equals one
 *       process that accumulates the micro-batches' gradients in {@code .grad} in shard order, bit
 *       for bit;
 *   <li>compared with one process that takes the same global batch in one piece, it differs only by
 *       the rounding of the sums over samples, taken in another order (a relative 1e-10 or less in
 *       float64 over a few epochs).
 * </ul>
 *
 * <p><b>Failures.</b> If a task fails, Spark retries the whole barrier stage (up to {@code
 * spark.stage.maxConsecutiveAttempts} times; in local mode the master must allow task retries, as
 * {@code local[2,4]} does), and training resumes from the last per-epoch checkpoint of the {@link
 * Builder#checkpointFolder} (which every executor must see) to the same final weights as an
 * unbroken run. A worker that fails makes every other one stop within the exchange timeout, and
 * {@link #fit} throws a {@link SparkTrainingException} naming the first error.
 *
 * <p>Limits: class-index labels only (the estimator's case); no learning-rate scheduler; models
 * with dropout draw their masks on each worker independently, which breaks the guarantees.
 */
public final class SparkTrainer {
  private final Builder b;

  private SparkTrainer(Builder b) {
    this.b = b;
  }

  /**
   * Starts building a trainer.
   *
   * @return a builder; model, loss, optimizer and global batch are required
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects a {@link SparkTrainer}'s settings; {@link #build()} checks them. */
  public static final class Builder {
    private ModelFactory model;
    private SparkLoss loss;
    private OptimizerFactory optimizer;
    private int globalBatch;
    private int microBatches;
    private int workers = 1;
    private int epochs = 1;
    private long seed;
    private int[] inputShape;
    private Path checkpointFolder;
    private Duration timeout = Duration.ofMinutes(10);
    private int kernelThreads;
    private FaultPlan fault;

    private Builder() {}

    /**
     * Sets the model factory (required).
     *
     * @param factory builds the model, on the driver and on every worker
     * @return this builder
     */
    public Builder model(ModelFactory factory) {
      this.model = checkNotNull(factory, "SparkTrainer: model factory is null");
      return this;
    }

    /**
     * Sets the loss (required), a mean over the samples, such as {@code Losses::crossEntropy}.
     *
     * @param loss the loss
     * @return this builder
     */
    public Builder loss(SparkLoss loss) {
      this.loss = checkNotNull(loss, "SparkTrainer: loss is null");
      return this;
    }

    /**
     * Sets the optimizer factory (required).
     *
     * @param factory builds the optimizer over a model's parameters
     * @return this builder
     */
    public Builder optimizer(OptimizerFactory factory) {
      this.optimizer = checkNotNull(factory, "SparkTrainer: optimizer factory is null");
      return this;
    }

    /**
     * Sets the global batch size (required): the samples of one optimizer step over all workers.
     *
     * @param size at least 1, a multiple of the micro-batches
     * @return this builder
     */
    public Builder globalBatch(int size) {
      checkArgument(size >= 1, "SparkTrainer: global batch is %s, expected >= 1", size);
      this.globalBatch = size;
      return this;
    }

    /**
     * Sets the number of micro-batches each global batch is split into (default: the number of
     * workers). It fixes the results: runs with the same micro-batches give the same weights with
     * any number of workers, so keep it when the worker count changes.
     *
     * @param count at least the number of workers
     * @return this builder
     */
    public Builder microBatches(int count) {
      checkArgument(count >= 1, "SparkTrainer: micro-batches is %s, expected >= 1", count);
      this.microBatches = count;
      return this;
    }

    /**
     * Sets the number of workers (default 1): barrier tasks that run at the same time, so the
     * cluster needs as many free task slots.
     *
     * @param count at least 1
     * @return this builder
     */
    public Builder workers(int count) {
      checkArgument(count >= 1, "SparkTrainer: workers is %s, expected >= 1", count);
      this.workers = count;
      return this;
    }

    /**
     * Sets the number of epochs to reach (default 1), counting those restored from a checkpoint.
     *
     * @param count at least 1
     * @return this builder
     */
    public Builder epochs(int count) {
      checkArgument(count >= 1, "SparkTrainer: epochs is %s, expected >= 1", count);
      this.epochs = count;
      return this;
    }

    /**
     * Sets the shuffle seed (default 0).
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the shape one sample's features are reshaped to (default: a vector of all of them), for
     * example {@code 1, 28, 28} for a CNN on MNIST.
     *
     * @param shape the dimensions, each at least 1
     * @return this builder
     */
    public Builder inputShape(int... shape) {
      checkArgument(shape.length >= 1, "SparkTrainer: input shape is empty");
      for (int d : shape) {
        checkArgument(d >= 1, "SparkTrainer: input shape %s", Arrays.toString(shape));
      }
      this.inputShape = shape.clone();
      return this;
    }

    /**
     * Sets the folder of the per-epoch checkpoint (default: none), on a file system every executor
     * sees. A run finds the checkpoint there and resumes from it.
     *
     * @param folder an existing folder
     * @return this builder
     */
    public Builder checkpointFolder(Path folder) {
      this.checkpointFolder = checkNotNull(folder, "SparkTrainer: checkpoint folder is null");
      return this;
    }

    /**
     * Sets how long a worker waits for another (default 10 minutes): longer than a step's compute
     * and an epoch's checkpoint. Workers that lose a peer stop at once; the timeout bounds the wait
     * for a peer that hangs.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder exchangeTimeout(Duration timeout) {
      checkArgument(
          timeout != null && !timeout.isNegative() && !timeout.isZero(),
          "SparkTrainer: exchange timeout must be positive, got %s",
          timeout);
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the kernel threads of each task (default: left as the executor has them); {@code 1} with
     * one task per core.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder kernelThreads(int threads) {
      checkArgument(threads >= 1, "SparkTrainer: kernel threads is %s, expected >= 1", threads);
      this.kernelThreads = threads;
      return this;
    }

    Builder fault(FaultPlan plan) {
      this.fault = plan;
      return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     * @throws IllegalStateException if the model, loss, optimizer or global batch is missing
     * @throws IllegalArgumentException if a factory or the loss cannot be serialized, there are
     *     fewer micro-batches than workers, or the global batch is not a multiple of them
     */
    public SparkTrainer build() {
      checkState(model != null, "SparkTrainer: no model factory given (call model(...))");
      checkState(loss != null, "SparkTrainer: no loss given (call loss(...))");
      checkState(
          optimizer != null, "SparkTrainer: no optimizer factory given (call optimizer(...))");
      checkState(globalBatch >= 1, "SparkTrainer: no global batch given (call globalBatch(...))");
      if (microBatches == 0) {
        microBatches = workers;
      }
      checkArgument(
          microBatches >= workers,
          "SparkTrainer: %s micro-batches cannot keep %s workers busy; give at least one"
              + " micro-batch per worker",
          microBatches,
          workers);
      checkArgument(
          globalBatch % microBatches == 0,
          "SparkTrainer: the global batch %s is not a multiple of the %s micro-batches",
          globalBatch,
          microBatches);
      checkSerializable("model factory", model);
      checkSerializable("loss", loss);
      checkSerializable("optimizer factory", optimizer);
      return new SparkTrainer(this);
    }
  }

  private static void checkSerializable(String what, Object o) {
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "SparkTrainer: the "
              + what
              + " cannot be serialized, so Spark cannot send it to the workers ("
              + e
              + "); write it as a lambda or class that captures only serializable values",
          e);
    }
  }

  /**
   * Trains on the samples of a DataFrame.
   *
   * @param data the samples
   * @param featuresCol a column of Spark ML vectors or of numeric arrays
   * @param labelCol a numeric column of class indices
   * @return the trained model, its history and the time split
   * @throws IllegalArgumentException if a column is missing or of another type, the data is empty,
   *     or the cluster has fewer task slots than workers
   * @throws SparkTrainingException if training fails on the workers
   */
  public FitResult fit(Dataset<Row> data, String featuresCol, String labelCol) {
    checkNotNull(data, "SparkTrainer.fit: data is null");
    StructType schema = data.schema();
    DataType features = field(schema, featuresCol).dataType();
    checkArgument(
        features.typeName().equals("vector")
            || (features instanceof ArrayType a && a.elementType() instanceof NumericType),
        "SparkTrainer.fit: features column '%s' is %s, expected a vector or an array of numbers",
        featuresCol,
        features.simpleString());
    DataType label = field(schema, labelCol).dataType();
    checkArgument(
        label instanceof NumericType,
        "SparkTrainer.fit: label column '%s' is %s, expected a number",
        labelCol,
        label.simpleString());
    JavaRDD<Sample> samples =
        data.select(featuresCol, labelCol).javaRDD().map(SparkTrainer::sampleOf);
    return fit(samples);
  }

  static StructField field(StructType schema, String name) {
    checkNotNull(name, "SparkTrainer.fit: column name is null");
    checkArgument(
        Arrays.asList(schema.fieldNames()).contains(name),
        "SparkTrainer.fit: no column '%s' in %s",
        name,
        schema.simpleString());
    return schema.apply(name);
  }

  /** Converts a row of features and label to a sample. */
  static Sample sampleOf(Row row) {
    return new Sample(featuresOf(row.get(0)), ((Number) row.get(1)).doubleValue());
  }

  /** Returns the values of a Spark ML vector or a numeric array. */
  static double[] featuresOf(Object value) {
    if (value instanceof Vector v) {
      return v.toArray();
    }
    checkArgument(value != null, "SparkTrainer: a features value is null");
    checkArgument(
        value instanceof scala.collection.Seq<?>,
        "SparkTrainer: a features value is a %s, expected a vector or an array",
        value.getClass().getName());
    List<?> list = CollectionConverters.asJava((scala.collection.Seq<?>) value);
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).doubleValue();
    }
    return out;
  }

  /**
   * Trains on an RDD of samples. Its order must be the same every time it is computed (an RDD read
   * from files or made by {@code parallelize} is; cache one that comes out of a shuffle).
   *
   * @param data the samples, in their order
   * @return the trained model, its history and the time split
   * @throws IllegalArgumentException if the data is empty, or the cluster has fewer task slots than
   *     workers
   * @throws SparkTrainingException if training fails on the workers
   */
  public FitResult fit(JavaRDD<Sample> data) {
    checkNotNull(data, "SparkTrainer.fit: data is null");
    SparkContext sc = data.context();
    int slots = sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
    checkArgument(
        b.workers <= slots,
        "SparkTrainer.fit: %s workers need %s task slots at once (barrier execution mode starts"
            + " them together), but the cluster (master %s) has %s; use at most %s workers or"
            + " give the cluster more cores",
        b.workers,
        b.workers,
        sc.master(),
        slots,
        slots);
    long count = data.count();
    checkArgument(count >= 1, "SparkTrainer.fit: the data has no samples");
    checkArgument(count <= Integer.MAX_VALUE, "SparkTrainer.fit: %s samples are too many", count);
    ShardPlan plan = new ShardPlan((int) count, b.globalBatch, b.microBatches);
    int[] inputShape = b.inputShape;
    if (inputShape == null) {
      inputShape = new int[] {data.first().features().length};
    }
    Module model = b.model.create();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("samples", Long.toString(count));
    settings.put("global_batch", Integer.toString(b.globalBatch));
    settings.put("micro_batches", Integer.toString(b.microBatches));
    settings.put("seed", Long.toString(b.seed));
    settings.put("input_shape", Arrays.toString(inputShape));
    WorkerSpec spec =
        new WorkerSpec(
            b.model,
            b.optimizer,
            b.loss,
            StateBytes.encode(model.stateDict()),
            plan,
            inputShape,
            b.epochs,
            b.seed,
            b.checkpointFolder == null ? null : b.checkpointFolder.toString(),
            b.timeout,
            b.kernelThreads,
            settings,
            b.fault);
    int workers = b.workers;
    ClassTag<IndexedSample> sampleTag = ClassTag$.MODULE$.apply(IndexedSample.class);
    ClassTag<WorkerResult> resultTag = ClassTag$.MODULE$.apply(WorkerResult.class);
    JavaRDD<IndexedSample> partitioned =
        data.zipWithIndex()
            .mapToPair(
                t -> {
                  int owner = plan.ownerOf(plan.shardOf(t._2()), workers);
                  return new Tuple2<>(owner, new IndexedSample(t._2(), t._1()));
                })
            .partitionBy(new HashPartitioner(workers))
            .values();
    List<WorkerResult> results;
    try {
      JavaRDD<WorkerResult> trained =
          JavaRDD.fromRDD(
              partitioned.rdd().barrier().mapPartitions(new Worker(spec), false, resultTag),
              resultTag);
      // A shuffle after the barrier stage makes it a map stage, which Spark retries as a whole
      // when a task fails (a failed barrier result stage is not retried).
      results =
          trained
              .mapToPair(r -> new Tuple2<>(0, r))
              .partitionBy(new HashPartitioner(1))
              .values()
              .collect();
    } catch (Exception e) { // Spark's SparkException is checked, though Scala does not declare it
      throw new SparkTrainingException(
          "SparkTrainer.fit: training failed on the workers: " + firstLines(e.getMessage()), e);
    }
    checkState(results.size() == 1, "SparkTrainer.fit: %s results from worker 0", results.size());
    WorkerResult r = results.get(0);
    model.loadStateDict(StateBytes.decode(r.state()));
    List<EpochLog> epochs = new ArrayList<>();
    for (int e = 0; e < r.losses().length; e++) {
      Map<String, Double> logs = new LinkedHashMap<>();
      logs.put("loss", r.losses()[e]);
      logs.put("lr", r.lrs()[e]);
      epochs.add(new EpochLog(e, logs));
    }
    return new FitResult(
        model,
        History.of(epochs),
        new TrainingTimes(r.steps(), r.computeSeconds(), r.exchangeSeconds()));
  }

  private static String firstLines(String message) {
    if (message == null) {
      return "(no message)";
    }
    String[] lines = message.split("\n");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, 4); i++) {
      out.append(i == 0 ? "" : "\n").append(lines[i]);
    }
    return out.toString();
  }
}
