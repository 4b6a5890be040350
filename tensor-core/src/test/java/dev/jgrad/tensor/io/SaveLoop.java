package dev.jgrad.tensor.io;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of {@link SafeTensorsKillTest}: saves a large checkpoint of twos to the given
 * file over and over, announcing each save on standard output, until it is killed.
 */
final class SaveLoop {
  private SaveLoop() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int elements = Integer.parseInt(args[1]);
    Map<String, Tensor> state =
        Map.of(
            "w", Tensor.full(Shape.of(elements), 2, DType.FLOAT32),
            "b", Tensor.full(Shape.of(elements / 4), 2, DType.FLOAT64));
    for (int i = 0; ; i++) {
      System.out.println("saving " + i);
      System.out.flush();
      SafeTensors.save(file, state);
      System.out.println("saved " + i);
      System.out.flush();
    }
  }
}
