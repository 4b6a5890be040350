package dev.jgrad.bench;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.BatchNorm2d;
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
 * Time per call of a float32 {@link BatchNorm2d} in training mode, through the public API as a
 * training step runs it: the forward pass alone (batch statistics, the transform, the running
 * update), forward and backward together (the input's, weight's and bias's gradients), and the
 * evaluation-mode forward pass. Shapes: {@code [64, 16, 10, 10]} and {@code [64, 32, 14, 14]}, the
 * activations of a small two-conv network on MNIST at batch 64. Each element is read about three
 * times forward and three times backward, so the figures are bounded by memory traffic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchNormBenchmark {

  /** N x C x H x W of the input. */
  @Param({"64x16x10x10", "64x32x14x14"})
  public String shape;

  /** Kernel threads. */
  @Param({"1"})
  public int threads;

  private BatchNorm2d train;
  private BatchNorm2d eval;
  private Tensor input;
  private Tensor gradOutput;

  /** Creates seeded operands and the two layers. */
  @Setup
  public void setUp() {
    Parallelism.setThreads(threads);
    String[] dims = shape.split("x", -1);
    Shape s =
        Shape.of(
            Integer.parseInt(dims[0]),
            Integer.parseInt(dims[1]),
            Integer.parseInt(dims[2]),
            Integer.parseInt(dims[3]));
    Generator gen = Generator.seeded(3);
    input = Tensor.randn(gen, s, DType.FLOAT32);
    gradOutput = Tensor.randn(gen, s, DType.FLOAT32);
    train = new BatchNorm2d(s.size(1));
    eval = new BatchNorm2d(s.size(1));
    eval.eval();
  }

  /** The training-mode forward pass, nothing recorded. */
  @Benchmark
  public Tensor forward() {
    return train.forward(input);
  }

  /** The training-mode forward pass recorded, then the backward pass to input, weight and bias. */
  @Benchmark
  public Tensor forwardBackward() {
    Variable x = new Variable(input).requiresGrad(true);
    train.zeroGrad();
    train.forward(x).backward(gradOutput);
    return x.grad();
  }

  /** The evaluation-mode forward pass (running statistics). */
  @Benchmark
  public Tensor evalForward() {
    return eval.forward(input);
  }
}
