package dev.jgrad.spark;

import static dev.jgrad.spark.Fixtures.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.DType;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The guarantees in {@code local[2]} (task retries allowed: {@code local[2,4]}). */
class SparkTrainerLocal2Test {
  private static final List<Sample> DATA = Fixtures.samples(203);
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = Fixtures.session("local[2,4]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest
  @EnumSource(Fixtures.Opt.class)
  void oneWorkerEqualsTrainerBitForBit(Fixtures.Opt opt) {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      FitResult fit =
          Fixtures.trainer(dtype, opt, 32, 1, 1)
              .epochs(2)
              .build()
              .fit(Fixtures.rdd(spark, DATA, 3));
      Fixtures.Trained expected = Fixtures.trainer(DATA, dtype, opt, 32, 2);
      assertBitIdentical(expected.model(), fit.model());
      assertEquals(expected.history().epochs(), fit.history().epochs());
    }
  }

  @ParameterizedTest
  @EnumSource(Fixtures.Opt.class)
  void twoWorkersEqualAccumulationBitForBit(Fixtures.Opt opt) {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      // 203 samples in 5 shards of 41 or 40, micro-batches of 8: the shards end at different
      // steps, the last global batch is partial, and the workers own 2 and 3 shards.
      FitResult fit =
          Fixtures.trainer(dtype, opt, 40, 5, 2)
              .epochs(2)
              .build()
              .fit(Fixtures.rdd(spark, DATA, 3));
      assertBitIdentical(Fixtures.reference(DATA, dtype, opt, 40, 5, 2, true), fit.model());
    }
  }

  @Test
  void twoWorkersMatchOneBatchPerStepToOneInTenBillion() {
    FitResult fit =
        Fixtures.trainer(DType.FLOAT64, Fixtures.Opt.ADAM, 40, 4, 2)
            .epochs(3)
            .build()
            .fit(Fixtures.rdd(spark, DATA, 2));
    double worst =
        Fixtures.maxRelativeDifference(
            Fixtures.reference(DATA, DType.FLOAT64, Fixtures.Opt.ADAM, 40, 4, 3, false),
            fit.model());
    assertTrue(worst <= 1e-10, "max relative difference " + worst);
    assertTrue(worst > 0, "expected rounding differences, found none");
  }
}
