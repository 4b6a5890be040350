package dev.jgrad.examples;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.train.EpochLog;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of a training run, drawn with XChart: the loss and accuracy curves per epoch, and a
 * grid of test images with each one's prediction and a histogram of its ten logits (as seed 004
 * shows). Drawing needs no display: {@code java.awt.headless} is set before the first chart.
 */
public final class Plots {
  private static final int CELL_WIDTH = 230;
  private static final int IMAGE_SIZE = 112;
  private static final int CHART_HEIGHT = 150;
  private static final int CELL_HEIGHT = IMAGE_SIZE + 24 + CHART_HEIGHT;

  private Plots() {}

  /**
   * Returns a PNG with the training loss (left) and the train and test accuracy (right) per epoch:
   * the {@code loss}, {@code accuracy} and {@code val_accuracy} of each epoch's log.
   *
   * @param history the epochs, each with those three values
   * @param title the name of the run
   * @return the PNG's bytes
   * @throws IllegalArgumentException if {@code history} is empty or an epoch lacks a value
   */
  public static byte[] curves(List<EpochLog> history, String title) {
    checkArgument(!history.isEmpty(), "Plots.curves: no epochs to plot");
    System.setProperty("java.awt.headless", "true");
    double[] epochs = history.stream().mapToDouble(e -> e.epoch() + 1).toArray();
    XYChart loss =
        new XYChartBuilder()
            .width(600)
            .height(420)
            .title(title + ": training loss")
            .xAxisTitle("epoch")
            .yAxisTitle("loss")
            .build();
    double[] losses = history.stream().mapToDouble(e -> e.get("loss")).toArray();
    boolean dense = history.size() > 30;
    loss.addSeries("loss", epochs, losses)
        .setMarker(dense ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    loss.getStyler().setLegendVisible(false);
    double min = Arrays.stream(losses).min().orElse(1);
    double max = Arrays.stream(losses).max().orElse(1);
    if (min > 0 && max / min > 100) {
      loss.getStyler().setYAxisLogarithmic(true);
      loss.setYAxisTitle("loss (log scale)");
    }
    XYChart accuracy =
        new XYChartBuilder()
            .width(600)
            .height(420)
            .title(title + ": accuracy")
            .xAxisTitle("epoch")
            .yAxisTitle("accuracy (%)")
            .build();
    accuracy
        .addSeries(
            "train", epochs, history.stream().mapToDouble(e -> 100 * e.get("accuracy")).toArray())
        .setMarker(dense ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    accuracy
        .addSeries(
            "test",
            epochs,
            history.stream().mapToDouble(e -> 100 * e.get("val_accuracy")).toArray())
        .setMarker(dense ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
    accuracy.getStyler().setLegendPosition(LegendPosition.InsideSE);
    BufferedImage image = new BufferedImage(1200, 420, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    loss.paint(g, 600, 420);
    g.translate(600, 0);
    accuracy.paint(g, 600, 420);
    g.dispose();
    return png(image);
  }

  /**
   * Returns a PNG grid of images, each with its predicted and true label (red when wrong) and a bar
   * chart of its logits.
   *
   * @param images {@code [N, 784]} or {@code [N, 1, 28, 28]} pixels in {@code [0, 1]}
   * @param logits {@code [N, C]} the network's scores before the softmax
   * @param labels {@code [N]} INT32 true labels
   * @param classNames the name of each class, such as {@code "7"} or {@code "Sneaker"}
   * @param columns the number of cells per row
   * @return the PNG file's bytes
   * @throws IllegalArgumentException if the shapes disagree
   */
  public static byte[] predictionGrid(
      Tensor images, Tensor logits, Tensor labels, List<String> classNames, int columns) {
    int n = images.size(0);
    checkArgument(
        images.numel() == (long) n * ImageData.PIXELS
            && logits.dim() == 2
            && logits.size(1) == classNames.size()
            && logits.size(0) == n
            && labels.dim() == 1
            && labels.size(0) == n
            && n > 0
            && columns > 0,
        "Plots.predictionGrid: expected images [N, 784] or [N, 1, 28, 28], logits [N, C] for %s"
            + " class names, labels [N] and columns > 0, got %s, %s, %s and %s",
        classNames.size(),
        images.shape(),
        logits.shape(),
        labels.shape(),
        columns);
    System.setProperty("java.awt.headless", "true");
    int rows = (n + columns - 1) / columns;
    BufferedImage out =
        new BufferedImage(columns * CELL_WIDTH, rows * CELL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    double[] pixels = images.toDoubleArray();
    double[] scores = logits.toDoubleArray();
    int classes = logits.size(1);
    int[] predicted = logits.argmax(1, false).toIntArray();
    int[] truth = labels.toIntArray();
    for (int i = 0; i < n; i++) {
      Graphics2D cell =
          (Graphics2D)
              g.create(
                  (i % columns) * CELL_WIDTH, (i / columns) * CELL_HEIGHT, CELL_WIDTH, CELL_HEIGHT);
      drawDigit(cell, pixels, i * ImageData.PIXELS, (CELL_WIDTH - IMAGE_SIZE) / 2);
      cell.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      cell.setColor(predicted[i] == truth[i] ? new Color(0, 110, 0) : Color.RED);
      cell.drawString(
          predicted[i] == truth[i]
              ? classNames.get(truth[i])
              : classNames.get(predicted[i]) + " (true: " + classNames.get(truth[i]) + ")",
          8,
          IMAGE_SIZE + 18);
      cell.translate(0, IMAGE_SIZE + 24);
      double[] row = new double[classes];
      System.arraycopy(scores, i * classes, row, 0, classes);
      logitChart(row, classNames).paint(cell, CELL_WIDTH, CHART_HEIGHT);
      cell.dispose();
    }
    g.dispose();
    return png(out);
  }

  private static void drawDigit(Graphics2D g, double[] pixels, int start, int left) {
    int scale = IMAGE_SIZE / 28;
    for (int r = 0; r < 28; r++) {
      for (int c = 0; c < 28; c++) {
        int v = 255 - (int) Math.round(255 * Math.max(0, Math.min(1, pixels[start + r * 28 + c])));
        g.setColor(new Color(v, v, v));
        g.fillRect(left + c * scale, r * scale, scale, scale);
      }
    }
  }

  private static CategoryChart logitChart(double[] logits, List<String> classNames) {
    CategoryChart chart = new CategoryChartBuilder().width(CELL_WIDTH).height(CHART_HEIGHT).build();
    List<String> classes = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int k = 0; k < logits.length; k++) {
      classes.add(shortName(classNames.get(k)));
      values.add(logits[k]);
    }
    chart.addSeries("logits", classes, values);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartTitleVisible(false);
    chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    if (classes.stream().anyMatch(c -> c.length() > 1)) {
      chart.getStyler().setXAxisLabelRotation(90);
    }
    chart.getStyler().setChartPadding(4);
    return chart;
  }

  /** Returns a class name short enough for an axis label: its first word, at most 7 letters. */
  private static String shortName(String name) {
    String word = name.split("[ /]")[0];
    return word.length() <= 7 ? word : word.substring(0, 7);
  }

  private static byte[] png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Plots: could not encode a PNG in memory", e);
    }
    return bytes.toByteArray();
  }
}
