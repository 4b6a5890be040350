package dev.jgrad.bench;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per call of the elementwise and reduction kernels of a training step, on the activation and
 * weight shapes of the seed networks: same-shape add, bias-row add, relu, relu's backward mask, the
 * column sum of a bias gradient, and the in-place SGD update {@code w += -lr·g}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ElementwiseBenchmark {

  /** Rows x columns of the operands. */
  @Param({"32x128", "128x784"})
  public String shape;

  /** Element type. */
  @Param({"FLOAT32", "FLOAT64"})
  public String dtype;

  private Tensor a;
  private Tensor b;
  private Tensor row;
  private Tensor weight;

  /** Creates seeded operands on one thread. */
  @Setup
  public void setUp() {
    Parallelism.setThreads(1);
    String[] dims = shape.split("x", -1);
    Shape s = Shape.of(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]));
    DType dt = DType.valueOf(dtype);
    Generator gen = Generator.seeded(1);
    a = Tensor.randn(gen, s, dt);
    b = Tensor.randn(gen, s, dt);
    row = Tensor.randn(gen, Shape.of(s.size(1)), dt);
    weight = Tensor.randn(gen, s, dt);
  }

  /** Same-shape add. */
  @Benchmark
  public Tensor add() {
    return a.add(b);
  }

  /** Add of a bias row broadcast over the rows. */
  @Benchmark
  public Tensor addBias() {
    return a.add(row);
  }

  /** ReLU. */
  @Benchmark
  public Tensor relu() {
    return a.relu();
  }

  /**
   * ReLU's backward pass written with public ops, {@code grad * (result > 0)}: the values
   * autograd's {@code Relu} op computes with its fused kernel, here with the mask built as a
   * temporary.
   */
  @Benchmark
  public Tensor reluBackward() {
    return b.mul(a.gt(0));
  }

  /** Column sums (the bias gradient). */
  @Benchmark
  public Tensor sumRows() {
    return a.sum(0, false);
  }

  /** The plain SGD update of a weight, in place. */
  @Benchmark
  public Tensor sgdUpdate() {
    return weight.addInPlace(b, -1e-6);
  }
}
