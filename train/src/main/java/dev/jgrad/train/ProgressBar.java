package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Shows training progress, as Keras' progress bar with {@code verbose=1} on a terminal and {@code
 * verbose=2} when redirected.
 *
 * <p>On a terminal it redraws one line per epoch as the batches go ({@code epoch 3/10 [=====> ]
 * 120/469 - loss: 0.3124 - 41.2 batches/s}), at most ten times a second; redirected to a file or a
 * pipe it prints nothing during an epoch. Either way it prints one line per completed epoch with
 * its duration and every value of its log ({@code epoch 3/10 - 4.2s - loss: 0.3124 - accuracy:
 * 0.9012 - val_loss: 0.2871 - lr: 0.0010}), and a last line if the run stopped early or diverged,
 * with the reason.
 *
 * <p>{@link #barOnly} draws the bar and prints nothing else, for a program that prints its own
 * per-epoch lines with another callback.
 */
public final class ProgressBar implements Callback {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final boolean interactive;
  private final LongSupplier clock;
  private final boolean lines;
  private final Mean loss = new Mean();
  private long epochStart;
  private long lastDraw;
  private int drawnWidth;

  /**
   * Creates a progress display that draws the bar only if the JVM has a console ({@code
   * System.console() != null}), that is when the output is a terminal.
   *
   * @param out where to print, such as {@code System.out}
   */
  public ProgressBar(PrintStream out) {
    this(out, System.console() != null, System::nanoTime);
  }

  /**
   * Returns a progress display that draws the bar during epochs, as on a terminal, wherever the
   * output goes.
   *
   * @param out where to print
   * @return a new progress display
   */
  public static ProgressBar interactive(PrintStream out) {
    return new ProgressBar(out, true, System::nanoTime);
  }

  /**
   * Returns a progress display that prints only the per-epoch lines, as when the output is a file
   * or a pipe, wherever the output goes.
   *
   * @param out where to print
   * @return a new progress display
   */
  public static ProgressBar plain(PrintStream out) {
    return new ProgressBar(out, false, System::nanoTime);
  }

  ProgressBar(PrintStream out, boolean interactive, LongSupplier clock) {
    this(out, interactive, clock, true);
  }

  private ProgressBar(PrintStream out, boolean interactive, LongSupplier clock, boolean lines) {
    this.out = checkNotNull(out, "ProgressBar: out is null");
    this.interactive = interactive;
    this.clock = clock;
    this.lines = lines;
  }

  /**
   * Returns a progress display that draws the bar during epochs if the JVM has a console ({@code
   * System.console() != null}) and prints nothing else: no per-epoch lines and no stop line, which
   * the program prints itself.
   *
   * @param out where to draw, such as {@code System.out}
   * @return the callback
   */
  public static ProgressBar barOnly(PrintStream out) {
    return barOnly(out, System.console() != null);
  }

  /** {@link #barOnly(PrintStream)} with the terminal decided by the caller, for tests. */
  static ProgressBar barOnly(PrintStream out, boolean interactive) {
    return new ProgressBar(out, interactive, System::nanoTime, false);
  }

  @Override
  public void onEpochStart(TrainContext context) {
    epochStart = clock.getAsLong();
    lastDraw = epochStart;
    loss.reset();
    drawnWidth = 0;
    if (interactive) {
      draw(context, 0);
    }
  }

  @Override
  public void onBatchEnd(TrainContext context, BatchResult batch) {
    loss.add(batch.loss(), batch.size());
    long now = clock.getAsLong();
    if (interactive && (now - lastDraw >= REDRAW_NANOS || batch.step() + 1 == batch.numBatches())) {
      lastDraw = now;
      draw(context, batch.step() + 1);
    }
  }

  @Override
  public void onEpochEnd(TrainContext context, EpochLog log) {
    clear();
    if (!lines) {
      out.flush();
      return;
    }
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "epoch %d/%d - %.1fs",
                log.epoch() + 1,
                context.epochs(),
                (clock.getAsLong() - epochStart) / 1e9));
    for (Map.Entry<String, Double> e : log.metrics().entrySet()) {
      line.append(" - ").append(e.getKey()).append(": ").append(format(e.getValue()));
    }
    out.println(line);
    out.flush();
  }

  @Override
  public void onFitEnd(TrainContext context, History history) {
    clear();
    if (!lines) {
      out.flush();
      return;
    }
    history
        .stopReason()
        .ifPresent(
            reason -> out.println((history.diverged() ? "diverged: " : "stopped: ") + reason));
    out.flush();
  }

  private void draw(TrainContext context, int done) {
    int total = context.numBatches();
    int filled = (int) ((long) BAR_WIDTH * done / total);
    String bar =
        "=".repeat(filled)
            + (filled < BAR_WIDTH ? ">" : "")
            + " ".repeat(Math.max(0, BAR_WIDTH - filled - 1));
    double seconds = (clock.getAsLong() - epochStart) / 1e9;
    String text =
        String.format(
            Locale.ROOT,
            "epoch %d/%d [%s] %d/%d - loss: %s - %.1f batches/s",
            context.epoch() + 1,
            context.epochs(),
            bar,
            done,
            total,
            format(loss.value()),
            seconds > 0 ? done / seconds : 0.0);
    out.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
    out.flush();
    drawnWidth = text.length();
  }

  /** Erases the bar, if one is drawn. */
  private void clear() {
    if (drawnWidth > 0) {
      out.print("\r" + " ".repeat(drawnWidth) + "\r");
      drawnWidth = 0;
    }
  }

  /** Formats a value with four decimals, or in scientific notation if it is very small or large. */
  static String format(double v) {
    double a = Math.abs(v);
    if (a == 0 || !Double.isFinite(v) || (a >= 1e-3 && a < 1e5)) {
      return String.format(Locale.ROOT, "%.4f", v);
    }
    return String.format(Locale.ROOT, "%.3e", v);
  }
}
