package dev.jgrad.spark;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Estimator} that trains a jgrad classifier with {@link SparkTrainer}
 * (cross-entropy on class indices), so that jgrad fits into Spark ML pipelines. The network and the
 * optimizer are given as factories; everything else is a Spark ML {@code Param}.
 *
 * <pre>{@code
 * JgradClassifier clf = new JgradClassifier(() -> mlp(), params -> new Adam(params, 1e-3))
 *     .setGlobalBatch(256).setMicroBatches(8).setWorkers(2).setEpochs(5);
 * Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, clf});
 * PipelineModel fitted = pipeline.fit(train);
 * Dataset<Row> scored = fitted.transform(test);   // adds the "prediction" column
 * }</pre>
 */
public final class JgradClassifier extends Estimator<JgradClassificationModel> {
  private static final long serialVersionUID = 1L;

  /** The unique id. */
  private final String uid;

  /** Builds the network. */
  private final ModelFactory modelFactory;

  /** Builds the optimizer. */
  private final OptimizerFactory optimizerFactory;

  /** The features column. */
  private final Param<String> featuresCol;

  /** The label column. */
  private final Param<String> labelCol;

  /** The prediction column. */
  private final Param<String> predictionCol;

  /** Samples per optimizer step. */
  private final IntParam globalBatch;

  /** Micro-batches per global batch. */
  private final IntParam microBatches;

  /** Barrier tasks. */
  private final IntParam workers;

  /** Epochs to train. */
  private final IntParam epochs;

  /** The shuffle seed. */
  private final LongParam seed;

  /** The shape of one sample's features. */
  private final IntArrayParam inputShape;

  /** The per-epoch checkpoint folder. */
  private final Param<String> checkpointFolder;

  /** Kernel threads per task. */
  private final IntParam kernelThreads;

  /**
   * Creates the estimator with a random uid.
   *
   * @param modelFactory builds the network, whose output is one score per class
   * @param optimizerFactory builds the optimizer over the network's parameters
   */
  public JgradClassifier(ModelFactory modelFactory, OptimizerFactory optimizerFactory) {
    this(Identifiable$.MODULE$.randomUID("jgradClassifier"), modelFactory, optimizerFactory);
  }

  /**
   * Creates the estimator.
   *
   * @param uid its unique id
   * @param modelFactory builds the network, whose output is one score per class
   * @param optimizerFactory builds the optimizer over the network's parameters
   */
  public JgradClassifier(String uid, ModelFactory modelFactory, OptimizerFactory optimizerFactory) {
    this.uid = checkNotNull(uid, "JgradClassifier: uid is null");
    this.modelFactory = checkNotNull(modelFactory, "JgradClassifier: model factory is null");
    this.optimizerFactory =
        checkNotNull(optimizerFactory, "JgradClassifier: optimizer factory is null");
    featuresCol = new Param<>(this, "featuresCol", "features column: vector or numeric array");
    labelCol = new Param<>(this, "labelCol", "label column: class indices 0, 1, ...");
    predictionCol = new Param<>(this, "predictionCol", "prediction column (added)");
    globalBatch = new IntParam(this, "globalBatch", "samples per optimizer step, all workers");
    microBatches =
        new IntParam(this, "microBatches", "micro-batches per global batch (fixes the results)");
    workers = new IntParam(this, "workers", "barrier tasks that train together");
    epochs = new IntParam(this, "epochs", "epochs to train");
    seed = new LongParam(this, "seed", "shuffle seed");
    inputShape =
        new IntArrayParam(this, "inputShape", "shape of one sample's features (empty: a vector)");
    checkpointFolder =
        new Param<>(this, "checkpointFolder", "per-epoch checkpoint folder (empty: none)");
    kernelThreads = new IntParam(this, "kernelThreads", "kernel threads per task (0: unchanged)");
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(predictionCol, "prediction");
    setDefault(globalBatch, 64);
    setDefault(microBatches, 0);
    setDefault(workers, 1);
    setDefault(epochs, 1);
    setDefault(seed, 0L);
    setDefault(inputShape, new int[0]);
    setDefault(checkpointFolder, "");
    setDefault(kernelThreads, 0);
  }

  @Override
  public String uid() {
    return uid;
  }

  /**
   * Returns the features column's param.
   *
   * @return the param (default {@code features})
   */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /**
   * Returns the label column's param.
   *
   * @return the param (default {@code label})
   */
  public Param<String> labelCol() {
    return labelCol;
  }

  /**
   * Returns the prediction column's param.
   *
   * @return the param (default {@code prediction})
   */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /**
   * Returns the global batch's param.
   *
   * @return the param (default 64)
   */
  public IntParam globalBatch() {
    return globalBatch;
  }

  /**
   * Returns the micro-batches' param.
   *
   * @return the param (default 0: as many as workers)
   */
  public IntParam microBatches() {
    return microBatches;
  }

  /**
   * Returns the workers' param.
   *
   * @return the param (default 1)
   */
  public IntParam workers() {
    return workers;
  }

  /**
   * Returns the epochs' param.
   *
   * @return the param (default 1)
   */
  public IntParam epochs() {
    return epochs;
  }

  /**
   * Returns the seed's param.
   *
   * @return the param (default 0)
   */
  public LongParam seed() {
    return seed;
  }

  /**
   * Returns the input shape's param.
   *
   * @return the param (default empty: the features as a vector)
   */
  public IntArrayParam inputShape() {
    return inputShape;
  }

  /**
   * Returns the checkpoint folder's param.
   *
   * @return the param (default empty: no checkpoint)
   */
  public Param<String> checkpointFolder() {
    return checkpointFolder;
  }

  /**
   * Returns the kernel threads' param.
   *
   * @return the param (default 0: unchanged)
   */
  public IntParam kernelThreads() {
    return kernelThreads;
  }

  /**
   * Sets the features column.
   *
   * @param value a column of vectors or numeric arrays
   * @return this estimator
   */
  public JgradClassifier setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /**
   * Sets the label column.
   *
   * @param value a numeric column of class indices
   * @return this estimator
   */
  public JgradClassifier setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  /**
   * Sets the prediction column.
   *
   * @param value the name of the column the model adds
   * @return this estimator
   */
  public JgradClassifier setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /**
   * Sets the global batch.
   *
   * @param value samples per optimizer step
   * @return this estimator
   */
  public JgradClassifier setGlobalBatch(int value) {
    set(globalBatch, value);
    return this;
  }

  /**
   * Sets the micro-batches per global batch.
   *
   * @param value at least the workers
   * @return this estimator
   */
  public JgradClassifier setMicroBatches(int value) {
    set(microBatches, value);
    return this;
  }

  /**
   * Sets the workers.
   *
   * @param value barrier tasks, at most the cluster's task slots
   * @return this estimator
   */
  public JgradClassifier setWorkers(int value) {
    set(workers, value);
    return this;
  }

  /**
   * Sets the epochs.
   *
   * @param value at least 1
   * @return this estimator
   */
  public JgradClassifier setEpochs(int value) {
    set(epochs, value);
    return this;
  }

  /**
   * Sets the shuffle seed.
   *
   * @param value any value
   * @return this estimator
   */
  public JgradClassifier setSeed(long value) {
    set(seed, value);
    return this;
  }

  /**
   * Sets the shape of one sample's features.
   *
   * @param value the dimensions, such as {@code {1, 28, 28}}
   * @return this estimator
   */
  public JgradClassifier setInputShape(int[] value) {
    set(inputShape, value);
    return this;
  }

  /**
   * Sets the checkpoint folder.
   *
   * @param value a folder every executor sees
   * @return this estimator
   */
  public JgradClassifier setCheckpointFolder(String value) {
    set(checkpointFolder, value);
    return this;
  }

  /**
   * Sets the kernel threads per task.
   *
   * @param value at least 1
   * @return this estimator
   */
  public JgradClassifier setKernelThreads(int value) {
    set(kernelThreads, value);
    return this;
  }

  @Override
  public JgradClassificationModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    SparkTrainer.Builder b =
        SparkTrainer.builder()
            .model(modelFactory)
            .loss(dev.jgrad.nn.Losses::crossEntropy)
            .optimizer(optimizerFactory)
            .globalBatch(intValue(globalBatch))
            .workers(intValue(workers))
            .epochs(intValue(epochs))
            .seed((Long) getOrDefault(seed));
    int micro = intValue(microBatches);
    if (micro > 0) {
      b.microBatches(micro);
    }
    int[] shape = getOrDefault(inputShape);
    if (shape.length > 0) {
      b.inputShape(shape);
    }
    String folder = getOrDefault(checkpointFolder);
    if (!folder.isEmpty()) {
      b.checkpointFolder(Path.of(folder));
    }
    int threads = intValue(kernelThreads);
    if (threads > 0) {
      b.kernelThreads(threads);
    }
    FitResult r = b.build().fit(dataset.toDF(), getOrDefault(featuresCol), getOrDefault(labelCol));
    int[] modelShape =
        shape.length > 0
            ? shape
            : new int[] {
              SparkTrainer.featuresOf(
                      dataset.toDF().select(getOrDefault(featuresCol)).first().get(0))
                  .length
            };
    JgradClassificationModel model =
        new JgradClassificationModel(
            uid, modelFactory, StateBytes.encode(r.model().stateDict()), modelShape, r);
    model.setParent(this);
    return copyValues(model, extractParamMap());
  }

  private int intValue(IntParam param) {
    return (Integer) getOrDefault(param);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SparkTrainer.field(schema, getOrDefault(featuresCol));
    SparkTrainer.field(schema, getOrDefault(labelCol));
    return JgradClassificationModel.withPrediction(schema, getOrDefault(predictionCol));
  }

  @Override
  public JgradClassifier copy(ParamMap extra) {
    return copyValues(new JgradClassifier(uid, modelFactory, optimizerFactory), extra);
  }
}
