package dev.jgrad.spark;

import static dev.jgrad.spark.Fixtures.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.nn.Module;
import dev.jgrad.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures in {@code local[2,4]}: clear errors, no hang, and a retried stage that resumes. */
class SparkTrainerFailureTest {
  private static final List<Sample> DATA = Fixtures.samples(150);
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = Fixtures.session("local[2,4]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void moreWorkersThanSlotsIsRefusedNamingTheSlots() {
    SparkTrainer trainer = Fixtures.trainer(DType.FLOAT32, Fixtures.Opt.ADAM, 30, 3, 3).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> trainer.fit(Fixtures.rdd(spark, DATA, 2)));
    assertTrue(
        e.getMessage().contains("3 workers need 3 task slots at once")
            && e.getMessage().contains("(master local[2,4]) has 2"),
        e.getMessage());
  }

  @Test
  void unserializableModelFactoryIsRefusedBeforeAnyJob() {
    Thread notSerializable = Thread.currentThread();
    ModelFactory factory =
        () -> {
          notSerializable.getName();
          return Fixtures.mlp(DType.FLOAT32);
        };
    SparkTrainer.Builder b =
        Fixtures.trainer(DType.FLOAT32, Fixtures.Opt.ADAM, 30, 2, 2).model(factory);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertTrue(
        e.getMessage().contains("the model factory cannot be serialized")
            && e.getMessage().contains("java.lang.Thread"),
        e.getMessage());
  }

  @Test
  void failingWorkerStopsTheOthersAndTheFirstErrorIsNamed() {
    SparkTrainer trainer =
        Fixtures.trainer(DType.FLOAT32, Fixtures.Opt.ADAM, 30, 2, 2)
            .epochs(2)
            .exchangeTimeout(Duration.ofSeconds(20))
            .fault(new FaultPlan(1, 0, 1, false, null))
            .build();
    long start = System.nanoTime();
    SparkTrainingException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                assertThrows(
                    SparkTrainingException.class, () -> trainer.fit(Fixtures.rdd(spark, DATA, 2))));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(
        e.getMessage().contains("injected failure on worker 1 at epoch 0 step 1"), e.getMessage());
    // Spark tries the stage 4 times; each attempt ends as soon as the error reaches worker 0,
    // far within the 20 s exchange timeout.
    assertTrue(seconds < 20, "took " + seconds + " s");
  }

  @Test
  void taskKilledMidEpochIsRetriedAndResumesFromTheCheckpoint(@TempDir Path dir) throws Exception {
    Path broken = Files.createDirectory(dir.resolve("broken"));
    Path unbroken = Files.createDirectory(dir.resolve("unbroken"));
    Path victim = dir.resolve("victim");
    // Worker 1 stops at epoch 1, step 2 of the first attempt, after epoch 1's checkpoint, and
    // waits there; the test kills its task as Spark kills any task.
    SparkTrainer trainer =
        Fixtures.trainer(DType.FLOAT64, Fixtures.Opt.ADAM, 30, 2, 2)
            .epochs(3)
            .checkpointFolder(broken)
            .fault(new FaultPlan(1, 1, 2, true, victim.toString()))
            .build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<FitResult> running = pool.submit(() -> trainer.fit(Fixtures.rdd(spark, DATA, 2)));
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!Files.exists(victim)) {
        assertTrue(System.nanoTime() < deadline, "worker 1 never reached the kill point");
        Thread.sleep(20);
      }
      long task = Long.parseLong(Files.readString(victim));
      assertTrue(spark.sparkContext().killTaskAttempt(task, true, "killed by the test"));
      FitResult resumed = running.get(60, TimeUnit.SECONDS);
      FitResult whole =
          Fixtures.trainer(DType.FLOAT64, Fixtures.Opt.ADAM, 30, 2, 2)
              .epochs(3)
              .checkpointFolder(unbroken)
              .build()
              .fit(Fixtures.rdd(spark, DATA, 2));
      Module expected = whole.model();
      assertBitIdentical(expected, resumed.model());
      assertEquals(whole.history().epochs(), resumed.history().epochs());
      // The retried attempt restored epoch 1's checkpoint and trained epochs 1 and 2 only.
      assertEquals(2 * 5, resumed.times().steps());
      assertEquals(3 * 5, whole.times().steps());
    } finally {
      pool.shutdownNow();
    }
  }
}
