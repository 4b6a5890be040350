package dev.jgrad.bench;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.MaxPool2d;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * LeNet-5's two pooling layers, {@code MaxPool2d(2)} on the ReLU outputs of its convolutions
 * ({@code [64, 6, 28, 28]} and {@code [64, 16, 10, 10]}, float32, batch 64), through the public nn
 * and autograd API as a training step runs them: {@code forward} records the op (its output and
 * argmax indices), {@code backward} runs the op's backward pass through the engine on a retained
 * graph (the scatter of the output gradient into a new input gradient). {@link PoolReport} prints
 * the times with the bytes moved per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolBenchmark {
  /** The pooled activation, N x C x H x W. */
  @Param({"64x6x28x28", "64x16x10x10"})
  public String shape;

  /** Kernel threads. */
  @Param({"1", "2"})
  public int threads;

  private final MaxPool2d pool = new MaxPool2d(2);
  private Variable input;
  private Variable output;
  private Tensor gradOutput;

  /** Returns the sizes of a shape parameter such as {@code 64x6x28x28}. */
  static int[] parseShape(String shape) {
    String[] parts = shape.split("x", -1);
    int[] sizes = new int[parts.length];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = Integer.parseInt(parts[i]);
    }
    return sizes;
  }

  /** Creates a seeded post-ReLU activation and one recorded pooling for the backward pass. */
  @Setup(Level.Trial)
  public void setUp() {
    Parallelism.setThreads(threads);
    Generator gen = Generator.seeded(5);
    Tensor x = Tensor.randn(gen, Shape.of(parseShape(shape)), DType.FLOAT32).relu();
    input = new Variable(x).requiresGrad(true);
    output = pool.forward(input);
    gradOutput = Tensor.randn(gen, output.shape(), DType.FLOAT32);
  }

  /** The forward pass of a training step: maxima and indices, recorded for backward. */
  @Benchmark
  public Variable forward() {
    return pool.forward(input);
  }

  /** The backward pass: the output gradient scattered to the maxima's places. */
  @Benchmark
  public Tensor backward() {
    input.setGrad(null);
    output.backward(gradOutput, true);
    return input.grad();
  }
}
