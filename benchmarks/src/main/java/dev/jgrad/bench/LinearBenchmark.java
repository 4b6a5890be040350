package dev.jgrad.bench;

import dev.jgrad.autograd.Variable;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per pass of LeNet-5's fully connected layers at batch 64, through the public API ({@link
 * Variable#linear} and the backward pass), in the shapes of the {@code lenet5} workload: {@code
 * fc1} is 400→120, {@code fc2} 120→84, {@code fc3} 84→10.
 *
 * <p>{@code pass}: {@code forward} is one {@code x·Wᵀ + b}, nothing recorded (an NT product whose
 * chains start from the bias); {@code inputGrad} one backward pass through a recorded layer whose
 * input alone requires grad ({@code dY·W}, NN); {@code weightGrad} one whose weight alone requires
 * grad ({@code dYᵀ·X}, TN). The backward passes reuse one recorded graph ({@code retainGraph}) and
 * clear the gradient first, so each operation is one product, its fresh result and the engine's
 * bookkeeping. Every pass is {@code batch·in·out} multiply-adds, so GFLOP/s = 2·that / 1e3 / (µs
 * per op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LinearBenchmark {

  /** LeNet-5's layer: fc1, fc2 or fc3. */
  @Param({"fc1", "fc2", "fc3"})
  public String layer;

  /** The pass: forward, inputGrad or weightGrad. */
  @Param({"forward", "inputGrad", "weightGrad"})
  public String pass;

  /** Element type: f32 or f64. */
  @Param({"f32"})
  public String dtype;

  /** Threads the kernels may use ({@link Parallelism#setThreads}). */
  @Param({"1"})
  public int threads;

  /** Rows per batch. */
  @Param({"64"})
  public int batch;

  private Variable input;
  private Variable weight;
  private Variable bias;
  private Variable output;
  private Tensor gradOutput;
  private Variable differentiated;

  /** Allocates seeded operands and, for the backward passes, records the layer once. */
  @Setup
  public void setUp() {
    Parallelism.setThreads(threads);
    int[] sizes =
        switch (layer) {
          case "fc1" -> new int[] {400, 120};
          case "fc2" -> new int[] {120, 84};
          case "fc3" -> new int[] {84, 10};
          default -> throw new IllegalArgumentException("LinearBenchmark: unknown layer " + layer);
        };
    DType dt = dtype.equals("f32") ? DType.FLOAT32 : DType.FLOAT64;
    Generator gen = Generator.seeded(42);
    input = new Variable(Tensor.rand(gen, Shape.of(batch, sizes[0]), dt));
    weight = new Variable(Tensor.rand(gen, Shape.of(sizes[1], sizes[0]), dt));
    bias = new Variable(Tensor.rand(gen, Shape.of(sizes[1]), dt));
    if (pass.equals("inputGrad")) {
      differentiated = input.requiresGrad(true);
    } else if (pass.equals("weightGrad")) {
      differentiated = weight.requiresGrad(true);
    } else if (!pass.equals("forward")) {
      throw new IllegalArgumentException("LinearBenchmark: unknown pass " + pass);
    }
    if (differentiated != null) {
      output = input.linear(weight, bias);
      gradOutput = Tensor.rand(gen, output.shape(), dt);
    }
  }

  /** Runs the configured pass and returns its result. */
  @Benchmark
  public Tensor run() {
    if (differentiated == null) {
      return input.linear(weight, bias).data();
    }
    differentiated.setGrad(null);
    output.backward(gradOutput, true);
    return differentiated.grad();
  }
}
