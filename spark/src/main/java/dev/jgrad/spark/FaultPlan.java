package dev.jgrad.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.TaskContext;

/**
 * A failure to inject into a run, for the tests of failure handling: at the start of step {@code
 * step} of epoch {@code epoch}, worker {@code worker} throws, or (if {@code waitFile} is given)
 * writes its task attempt id to that file and waits until Spark kills it; in every stage attempt or
 * only in the first.
 *
 * @param worker the worker that fails
 * @param epoch the epoch
 * @param step the step within the epoch
 * @param firstAttemptOnly whether a retried stage runs through
 * @param waitFile where to write the task attempt id before waiting to be killed, or null to throw
 */
record FaultPlan(int worker, int epoch, int step, boolean firstAttemptOnly, String waitFile)
    implements Serializable {
  /** Throws, or waits to be killed, if this plan says so for the given place. */
  void check(int w, int e, int k, TaskContext context) {
    int attempt = context.stageAttemptNumber();
    if (w != worker || e != epoch || k != step || (firstAttemptOnly && attempt != 0)) {
      return;
    }
    if (waitFile == null) {
      throw new IllegalStateException(
          String.format(
              "injected failure on worker %d at epoch %d step %d (stage attempt %d)",
              w, e, k, attempt));
    }
    try {
      Path file = Path.of(waitFile);
      Files.writeString(
          file.resolveSibling(file.getFileName() + ".tmp"), Long.toString(context.taskAttemptId()));
      Files.move(file.resolveSibling(file.getFileName() + ".tmp"), file);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    while (true) {
      context.killTaskIfInterrupted();
      try {
        Thread.sleep(10);
      } catch (InterruptedException ex) {
        context.killTaskIfInterrupted();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted without a kill", ex);
      }
    }
  }
}
