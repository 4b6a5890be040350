package dev.jgrad.spark;

import static dev.jgrad.spark.Fixtures.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.nn.Module;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark ML estimator, alone and in a pipeline. */
class JgradClassifierTest {
  private static final List<Sample> DATA = Fixtures.samples(240);
  private static SparkSession spark;
  private static Dataset<Row> frame;

  @BeforeAll
  static void start() {
    spark = Fixtures.session("local[2,4]");
    StructType schema = new StructType();
    for (int j = 0; j < Fixtures.FEATURES; j++) {
      schema = schema.add("x" + j, DataTypes.DoubleType);
    }
    schema = schema.add("label", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (Sample s : DATA) {
      Object[] values = new Object[Fixtures.FEATURES + 1];
      for (int j = 0; j < Fixtures.FEATURES; j++) {
        values[j] = s.features()[j];
      }
      values[Fixtures.FEATURES] = s.label();
      rows.add(RowFactory.create(values));
    }
    frame = spark.createDataFrame(rows, schema).repartition(1).cache();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static JgradClassifier classifier() {
    return new JgradClassifier(Fixtures.factory(DType.FLOAT32), Fixtures.Opt.ADAM.factory)
        .setGlobalBatch(24)
        .setMicroBatches(4)
        .setWorkers(2)
        .setEpochs(8)
        .setSeed(3);
  }

  @Test
  void pipelineAddsPredictionsOfTheTrainedNetwork() {
    String[] inputs = new String[Fixtures.FEATURES];
    for (int j = 0; j < inputs.length; j++) {
      inputs[j] = "x" + j;
    }
    VectorAssembler assembler = new VectorAssembler().setInputCols(inputs).setOutputCol("features");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, classifier()});
    PipelineModel fitted = pipeline.fit(frame);
    Dataset<Row> scored = fitted.transform(frame);
    assertEquals(DataTypes.DoubleType, scored.schema().apply("prediction").dataType());
    List<Row> rows = scored.select("features", "label", "prediction").collectAsList();
    assertEquals(DATA.size(), rows.size());

    JgradClassificationModel model = (JgradClassificationModel) fitted.stages()[1];
    assertEquals(8, model.history().size());
    Module network = model.network();
    // The same training by SparkTrainer directly gives the same network, bit for bit.
    FitResult direct =
        Fixtures.trainer(DType.FLOAT32, Fixtures.Opt.ADAM, 24, 4, 2)
            .epochs(8)
            .build()
            .fit(assembler.transform(frame), "features", "label");
    assertBitIdentical(direct.model(), network);

    int correct = 0;
    for (Row r : rows) {
      double[] x = SparkTrainer.featuresOf(r.get(0));
      Tensor scores = network.forward(Tensor.of(x, 1, x.length).to(DType.FLOAT32));
      double expected = scores.argmax(1, false).to(DType.FLOAT64).toDoubleArray()[0];
      assertEquals(expected, r.getDouble(2));
      correct += r.getDouble(2) == r.getDouble(1) ? 1 : 0;
    }
    assertTrue(correct >= 0.8 * rows.size(), correct + " of " + rows.size() + " correct");
  }

  @Test
  void paramsAreSparkMlParams() {
    JgradClassifier c = classifier();
    assertTrue(c.explainParams().contains("globalBatch: samples per optimizer step"));
    assertEquals(24, c.getOrDefault(c.globalBatch()));
    assertEquals("features", c.getOrDefault(c.featuresCol()));
    JgradClassifier copy = c.copy(new ParamMap().put(c.epochs(), 3));
    assertEquals(3, copy.getOrDefault(copy.epochs()));
    assertEquals(8, c.getOrDefault(c.epochs()));
    assertEquals(c.uid(), copy.uid());
  }

  @Test
  void missingColumnsAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> classifier().fit(frame));
    assertTrue(e.getMessage().contains("no column 'features'"), e.getMessage());
  }
}
