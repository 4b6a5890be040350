package dev.jgrad.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.nn.Module;
import dev.jgrad.train.History;
import java.util.Arrays;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The model a {@link JgradClassifier} fits: its {@link #transform} adds a prediction column, the
 * index of the highest score of the trained network (a double, as Spark ML's classifiers give it).
 * The network runs on the executors, built once per partition from its factory and the trained
 * weights.
 */
public final class JgradClassificationModel extends Model<JgradClassificationModel> {
  private static final long serialVersionUID = 1L;

  /** The unique id. */
  private final String uid;

  /** Builds the network. */
  private final ModelFactory factory;

  /** The trained weights, safetensors bytes. */
  private final byte[] state;

  /** The shape of one sample's features. */
  private final int[] inputShape;

  private final transient FitResult fit;

  /** The features column. */
  private final Param<String> featuresCol;

  /** The prediction column. */
  private final Param<String> predictionCol;

  JgradClassificationModel(
      String uid, ModelFactory factory, byte[] state, int[] inputShape, FitResult fit) {
    this.uid = uid;
    this.factory = factory;
    this.state = state;
    this.inputShape = inputShape;
    this.fit = fit;
    featuresCol = new Param<>(this, "featuresCol", "features column: vector or numeric array");
    predictionCol = new Param<>(this, "predictionCol", "prediction column (added)");
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
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
   * Returns the prediction column's param.
   *
   * @return the param (default {@code prediction})
   */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /**
   * Sets the prediction column.
   *
   * @param value the name of the column {@link #transform} adds
   * @return this model
   */
  public JgradClassificationModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /**
   * Returns the trained network, on the driver.
   *
   * @return the network with the trained weights
   */
  public Module network() {
    Module m = factory.create();
    m.loadStateDict(StateBytes.decode(state));
    return m;
  }

  /**
   * Returns the training history.
   *
   * @return the mean loss and learning rate of every epoch, empty for a copy made by Spark
   */
  public History history() {
    return fit == null ? History.empty() : fit.history();
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    int index = dataset.schema().fieldIndex(getOrDefault(featuresCol));
    Predictor predictor = new Predictor(factory, state, inputShape, index);
    return dataset.toDF().mapPartitions(predictor, Encoders.row(out));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SparkTrainer.field(schema, getOrDefault(featuresCol));
    return withPrediction(schema, getOrDefault(predictionCol));
  }

  static StructType withPrediction(StructType schema, String column) {
    checkArgument(
        !Arrays.asList(schema.fieldNames()).contains(column),
        "JgradClassifier: the prediction column '%s' exists already in %s",
        column,
        schema.simpleString());
    return schema.add(column, DataTypes.DoubleType, false);
  }

  @Override
  public JgradClassificationModel copy(ParamMap extra) {
    JgradClassificationModel copy =
        new JgradClassificationModel(uid, factory, state, inputShape, fit);
    copy.setParent(parent());
    return copyValues(copy, extra);
  }
}
