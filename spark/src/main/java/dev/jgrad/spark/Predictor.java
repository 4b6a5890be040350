package dev.jgrad.spark;

import dev.jgrad.nn.Module;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Adds the predicted class to every row of a partition: the model is built once per partition from
 * its factory and the trained weights, and run in evaluation mode on chunks of rows.
 */
final class Predictor implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final int CHUNK = 512;

  private final ModelFactory factory;
  private final byte[] state;
  private final int[] inputShape;
  private final int featuresIndex;

  Predictor(ModelFactory factory, byte[] state, int[] inputShape, int featuresIndex) {
    this.factory = factory;
    this.state = state;
    this.inputShape = inputShape;
    this.featuresIndex = featuresIndex;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Module model = factory.create();
    model.loadStateDict(StateBytes.decode(state));
    model.eval();
    DType dtype = FlatGradients.dtypeOf(model.parameters());
    int features = 1;
    for (int d : inputShape) {
      features *= d;
    }
    int width = features;
    return new Iterator<>() {
      private final List<Row> ready = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < ready.size()) {
          return true;
        }
        ready.clear();
        next = 0;
        List<Row> chunk = new ArrayList<>();
        while (rows.hasNext() && chunk.size() < CHUNK) {
          chunk.add(rows.next());
        }
        if (chunk.isEmpty()) {
          return false;
        }
        double[] x = new double[chunk.size() * width];
        for (int i = 0; i < chunk.size(); i++) {
          double[] f = SparkTrainer.featuresOf(chunk.get(i).get(featuresIndex));
          if (f.length != width) {
            throw new IllegalArgumentException(
                String.format(
                    "JgradClassificationModel: a row has %d features, expected %d",
                    f.length, width));
          }
          System.arraycopy(f, 0, x, i * width, width);
        }
        int[] shape = new int[inputShape.length + 1];
        shape[0] = chunk.size();
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        Tensor classes = model.forward(Tensor.of(x, shape).to(dtype)).argmax(1, false);
        double[] predicted = classes.to(DType.FLOAT64).toDoubleArray();
        for (int i = 0; i < chunk.size(); i++) {
          Row row = chunk.get(i);
          Object[] values = new Object[row.size() + 1];
          for (int c = 0; c < row.size(); c++) {
            values[c] = row.get(c);
          }
          values[row.size()] = predicted[i];
          ready.add(RowFactory.create(values));
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException("no more rows");
        }
        return ready.get(next++);
      }
    };
  }
}
