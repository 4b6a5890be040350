package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts of (true class, predicted class) pairs, with the per-class precision, recall and F1 score
 * derived from them, as scikit-learn's {@code confusion_matrix} and {@code classification_report}.
 *
 * <p>The prediction is the class of the largest score (ties to the lowest index). Targets are
 * {@code [B]} integer class indices or {@code [B, C]} class scores. For class {@code c}: precision
 * = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2 · precision · recall / (precision + recall); a
 * ratio whose denominator is 0 is 0, as scikit-learn's {@code zero_division=0}.
 *
 * <p>{@link #values()} holds the macro averages (the unweighted mean over classes) as {@code
 * precision_macro}, {@code recall_macro} and {@code f1_macro}; the per-class figures and the matrix
 * come from this object, which keeps the counts of the last pass until the next {@link #reset()}.
 *
 * <pre>{@code
 * ConfusionMatrix cm = new ConfusionMatrix(10);
 * trainer.evaluate(test, cm);
 * System.out.println(cm);           // the matrix and the per-class report
 * double recallOf7 = cm.recall(7);
 * }</pre>
 */
public final class ConfusionMatrix implements Metric {
  private final long[][] counts;

  /**
   * Creates the metric.
   *
   * @param numClasses the number of classes, at least 1
   * @throws IllegalArgumentException if {@code numClasses < 1}
   */
  public ConfusionMatrix(int numClasses) {
    checkArgument(
        numClasses >= 1, "ConfusionMatrix: number of classes is %s, expected >= 1", numClasses);
    counts = new long[numClasses][numClasses];
  }

  /**
   * Returns the number of classes.
   *
   * @return the size of each side of the matrix
   */
  public int numClasses() {
    return counts.length;
  }

  @Override
  public void reset() {
    for (long[] row : counts) {
      Arrays.fill(row, 0);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the output does not have {@link #numClasses()} columns
   */
  @Override
  public void update(Tensor output, Tensor target) {
    checkArgument(
        output.dim() == 2 && output.size(1) == counts.length,
        "confusion_matrix: expected output [B, %s] for %s classes, got %s",
        counts.length,
        counts.length,
        output.shape());
    int[] labels = Labels.of("confusion_matrix", output, target);
    int[] predicted = output.argmax(1, false).toIntArray();
    for (int i = 0; i < labels.length; i++) {
      counts[labels[i]][predicted[i]]++;
    }
  }

  /**
   * Returns the counts.
   *
   * @return a copy, {@code [true class][predicted class]}
   */
  public long[][] matrix() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /**
   * Returns the number of samples of a class.
   *
   * @param c the class
   * @return the samples whose true class is {@code c}
   */
  public long support(int c) {
    long n = 0;
    for (long v : row(c)) {
      n += v;
    }
    return n;
  }

  /**
   * Returns a class's precision, TP / (TP + FP).
   *
   * @param c the class
   * @return the precision, 0 if the class was never predicted
   * @throws IllegalArgumentException if {@code c} is not a class
   */
  public double precision(int c) {
    checkClass(c);
    long predicted = 0;
    for (long[] row : counts) {
      predicted += row[c];
    }
    return ratio(counts[c][c], predicted);
  }

  /**
   * Returns a class's recall, TP / (TP + FN).
   *
   * @param c the class
   * @return the recall, 0 if the class has no samples
   * @throws IllegalArgumentException if {@code c} is not a class
   */
  public double recall(int c) {
    return ratio(row(c)[c], support(c));
  }

  /**
   * Returns a class's F1 score, the harmonic mean of its precision and recall.
   *
   * @param c the class
   * @return the F1 score, 0 if precision and recall are both 0
   * @throws IllegalArgumentException if {@code c} is not a class
   */
  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: the macro averages {@code precision_macro}, {@code recall_macro} and {@code f1_macro},
   * NaN before any sample.
   */
  @Override
  public Map<String, Double> values() {
    Map<String, Double> out = new LinkedHashMap<>();
    boolean empty = total() == 0;
    double p = 0;
    double r = 0;
    double f = 0;
    for (int c = 0; c < counts.length; c++) {
      p += precision(c);
      r += recall(c);
      f += f1(c);
    }
    out.put("precision_macro", empty ? Double.NaN : p / counts.length);
    out.put("recall_macro", empty ? Double.NaN : r / counts.length);
    out.put("f1_macro", empty ? Double.NaN : f / counts.length);
    return out;
  }

  /**
   * Returns the matrix and a per-class report of precision, recall, F1 and support.
   *
   * @return a multi-line table
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%9s", "true\\pred"));
    for (int c = 0; c < counts.length; c++) {
      sb.append(String.format(Locale.ROOT, " %6d", c));
    }
    sb.append('\n');
    for (int i = 0; i < counts.length; i++) {
      sb.append(String.format(Locale.ROOT, "%9d", i));
      for (long v : counts[i]) {
        sb.append(String.format(Locale.ROOT, " %6d", v));
      }
      sb.append('\n');
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%n%6s %9s %9s %9s %9s%n",
            "class",
            "precision",
            "recall",
            "f1",
            "support"));
    for (int c = 0; c < counts.length; c++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%6d %9.4f %9.4f %9.4f %9d%n",
              c,
              precision(c),
              recall(c),
              f1(c),
              support(c)));
    }
    Map<String, Double> macro = values();
    sb.append(
        String.format(
            Locale.ROOT,
            "%6s %9.4f %9.4f %9.4f %9d%n",
            "macro",
            macro.get("precision_macro"),
            macro.get("recall_macro"),
            macro.get("f1_macro"),
            total()));
    return sb.toString();
  }

  private long total() {
    long n = 0;
    for (int c = 0; c < counts.length; c++) {
      n += support(c);
    }
    return n;
  }

  private long[] row(int c) {
    checkClass(c);
    return counts[c];
  }

  private void checkClass(int c) {
    checkArgument(
        c >= 0 && c < counts.length, "ConfusionMatrix: no class %s of %s", c, counts.length);
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
