package dev.jgrad.bench;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.ConvOptions;
import dev.jgrad.nn.Functional;
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
 * Throughput of the three passes of LeNet-5's convolutions at batch 64, through the public API
 * ({@link Functional#conv2d} and the backward pass), in the shapes of the {@code lenet5} workload:
 * {@code conv1} is 1→6 channels, 5×5, padding 2, on 28×28 images; {@code conv2} 6→16 channels, 5×5,
 * on 14×14.
 *
 * <p>{@code pass}: {@code forward} is one convolution with its bias, nothing recorded; {@code
 * inputGrad} one backward pass through a recorded convolution whose input alone requires grad (the
 * input gradient, as for conv2 in training); {@code weightGrad} one whose weight alone requires
 * grad (the weight gradient). The backward passes reuse one recorded graph ({@code retainGraph})
 * and clear the gradient first, so each operation is one kernel call plus the engine's bookkeeping.
 * Every pass is {@code N·OC·OH·OW·(C·kh·kw)} multiply-adds, so GFLOP/s = 2·that · ops/s / 1e9;
 * {@link ConvReport} prints that table beside the GEMM peak.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConvBenchmark {

  /** LeNet-5's layer: conv1 or conv2. */
  @Param({"conv1", "conv2"})
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

  /** Images per batch. */
  @Param({"64"})
  public int batch;

  private Variable input;
  private Variable weight;
  private Variable bias;
  private ConvOptions options;
  private Variable output;
  private Tensor gradOutput;
  private Variable differentiated;

  /** The layer's sizes: input channels, output channels, kernel, input size, padding. */
  record Layer(int in, int out, int kernel, int size, int padding) {
    /** Returns the output's height and width. */
    int outSize() {
      return size + 2 * padding - kernel + 1;
    }

    /** Returns the multiply-adds of one pass over {@code batch} images. */
    long multiplyAdds(int batch) {
      return (long) batch * out * outSize() * outSize() * in * kernel * kernel;
    }

    /** Returns LeNet-5's conv1 or conv2. */
    static Layer named(String name) {
      return switch (name) {
        case "conv1" -> new Layer(1, 6, 5, 28, 2);
        case "conv2" -> new Layer(6, 16, 5, 14, 0);
        default -> throw new IllegalArgumentException("ConvBenchmark: unknown layer " + name);
      };
    }
  }

  /** Allocates seeded operands and, for the backward passes, records the convolution once. */
  @Setup
  public void setUp() {
    Parallelism.setThreads(threads);
    Layer l = Layer.named(layer);
    DType dt = dtype.equals("f32") ? DType.FLOAT32 : DType.FLOAT64;
    Generator gen = Generator.seeded(42);
    input = new Variable(Tensor.rand(gen, Shape.of(batch, l.in(), l.size(), l.size()), dt));
    weight = new Variable(Tensor.rand(gen, Shape.of(l.out(), l.in(), l.kernel(), l.kernel()), dt));
    bias = new Variable(Tensor.rand(gen, Shape.of(l.out()), dt));
    options = ConvOptions.defaults().padding(l.padding());
    if (pass.equals("inputGrad")) {
      differentiated = input.requiresGrad(true);
    } else if (pass.equals("weightGrad")) {
      differentiated = weight.requiresGrad(true);
    } else if (!pass.equals("forward")) {
      throw new IllegalArgumentException("ConvBenchmark: unknown pass " + pass);
    }
    if (differentiated != null) {
      output = Functional.conv2d(input, weight, bias, options);
      gradOutput = Tensor.rand(gen, output.shape(), dt);
    }
  }

  /** Runs the configured pass and returns its result. */
  @Benchmark
  public Tensor run() {
    if (differentiated == null) {
      return Functional.conv2d(input, weight, bias, options).data();
    }
    differentiated.setGrad(null);
    output.backward(gradOutput, true);
    return differentiated.grad();
  }
}
