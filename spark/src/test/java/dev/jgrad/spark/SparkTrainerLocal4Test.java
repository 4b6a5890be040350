package dev.jgrad.spark;

import static dev.jgrad.spark.Fixtures.assertBitIdentical;

import dev.jgrad.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The guarantees in {@code local[4]}: more workers, uneven shards, empty partitions. */
class SparkTrainerLocal4Test {
  private static final List<Sample> DATA = Fixtures.samples(203);
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = Fixtures.session("local[4,4]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest
  @EnumSource(Fixtures.Opt.class)
  void fourWorkersEqualAccumulationBitForBit(Fixtures.Opt opt) {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      FitResult fit =
          Fixtures.trainer(dtype, opt, 48, 6, 4)
              .epochs(2)
              .build()
              .fit(Fixtures.rdd(spark, DATA, 5));
      assertBitIdentical(Fixtures.reference(DATA, dtype, opt, 48, 6, 2, true), fit.model());
    }
  }

  @Test
  void resultsDoNotDependOnTheWorkerCount() {
    List<FitResult> fits = new ArrayList<>();
    for (int workers = 1; workers <= 4; workers++) {
      fits.add(
          Fixtures.trainer(DType.FLOAT32, Fixtures.Opt.SGD_MOMENTUM, 32, 4, workers)
              .epochs(2)
              .build()
              .fit(Fixtures.rdd(spark, DATA, 3)));
    }
    for (FitResult f : fits) {
      assertBitIdentical(fits.get(0).model(), f.model());
    }
  }

  @Test
  void emptyPartitionsAndEmptyShardsAreTrainedThrough() {
    // 7 samples in 12 input partitions (5 empty), and 8 shards of which one is empty.
    List<Sample> few = DATA.subList(0, 7);
    FitResult fit =
        Fixtures.trainer(DType.FLOAT64, Fixtures.Opt.RMSPROP, 8, 8, 4)
            .epochs(3)
            .build()
            .fit(Fixtures.rdd(spark, few, 12));
    assertBitIdentical(
        Fixtures.reference(few, DType.FLOAT64, Fixtures.Opt.RMSPROP, 8, 8, 3, true), fit.model());
  }

  @Test
  void dataFrameOfVectorsOrArraysTrainsAsTheRdd() {
    List<Row> vectors = new ArrayList<>();
    List<Row> arrays = new ArrayList<>();
    for (Sample s : DATA) {
      vectors.add(RowFactory.create(Vectors.dense(s.features()), s.label()));
      Double[] boxed = new Double[s.features().length];
      for (int i = 0; i < boxed.length; i++) {
        boxed[i] = s.features()[i];
      }
      arrays.add(RowFactory.create(boxed, (int) s.label()));
    }
    StructType vectorSchema =
        new StructType()
            .add("features", SQLDataTypes.VectorType())
            .add("label", DataTypes.DoubleType);
    StructType arraySchema =
        new StructType()
            .add("x", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("y", DataTypes.IntegerType);
    Dataset<Row> vectorFrame = spark.createDataFrame(vectors, vectorSchema).repartition(1);
    Dataset<Row> arrayFrame = spark.createDataFrame(arrays, arraySchema);
    SparkTrainer trainer =
        Fixtures.trainer(DType.FLOAT32, Fixtures.Opt.ADAM, 32, 4, 3).epochs(2).build();
    FitResult fromRdd = trainer.fit(Fixtures.rdd(spark, DATA, 2));
    assertBitIdentical(fromRdd.model(), trainer.fit(vectorFrame, "features", "label").model());
    assertBitIdentical(fromRdd.model(), trainer.fit(arrayFrame, "x", "y").model());
  }
}
