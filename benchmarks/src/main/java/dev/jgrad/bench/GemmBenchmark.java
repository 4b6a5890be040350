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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Tensor#matmul} in single and double precision on the products of small-MLP
 * training, through the public API only: each call allocates its result, as NumPy's {@code A @ B}
 * does in {@code numpy_gemm.py}.
 *
 * <p>{@code shape} is MxKxN: C (M×N) = A (M×K) · B (K×N). {@code form} says which operands are read
 * transposed in place, as views made by {@link Tensor#t()}: NN (neither), NT (B, as in {@code dX =
 * dY·Wᵀ}) or TN (A, as in {@code dW = Xᵀ·dY}). {@code threads} is the thread count (1 for the
 * comparison with one-thread OpenBLAS). The forked JVM enables the Vector API, so the SIMD kernels
 * run. One operation is one product, so GFLOP/s = 2·M·K·N · ops/s / 1e9; {@link GflopsReport}
 * prints that table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

  /** The product's shape as MxKxN. */
  @Param({"32x784x128", "128x784x100", "784x32x128", "128x64x32", "512x512x512"})
  public String shape;

  /** Which operands are transposed: NN, NT or TN. */
  @Param({"NN", "NT", "TN"})
  public String form;

  /** Element type: f32 or f64. */
  @Param({"f32", "f64"})
  public String dtype;

  /** Threads the product may use ({@link Parallelism#setThreads}). */
  @Param({"1"})
  public int threads;

  private Tensor a;
  private Tensor b;

  /** Allocates seeded random operands laid out for the form. */
  @Setup
  public void setUp() {
    Parallelism.setThreads(threads);
    int[] dims = parseShape(shape);
    int m = dims[0];
    int k = dims[1];
    int n = dims[2];
    DType dt = dtype.equals("f32") ? DType.FLOAT32 : DType.FLOAT64;
    Generator gen = Generator.seeded(42);
    a =
        form.equals("TN")
            ? Tensor.rand(gen, Shape.of(k, m), dt).t()
            : Tensor.rand(gen, Shape.of(m, k), dt);
    b =
        form.equals("NT")
            ? Tensor.rand(gen, Shape.of(n, k), dt).t()
            : Tensor.rand(gen, Shape.of(k, n), dt);
  }

  /** Runs one product of the configured dtype and form and returns C. */
  @Benchmark
  public Tensor gemm() {
    return a.matmul(b);
  }

  /**
   * Parses an MxKxN shape into {M, K, N}.
   *
   * @throws IllegalArgumentException if the text is not three positive integers joined by 'x'
   */
  static int[] parseShape(String text) {
    String[] parts = text.split("x", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("GemmBenchmark: shape must be MxKxN, got " + text);
    }
    int[] dims = new int[3];
    for (int i = 0; i < 3; i++) {
      dims[i] = Integer.parseInt(parts[i]);
      if (dims[i] <= 0) {
        throw new IllegalArgumentException("GemmBenchmark: shape must be positive, got " + text);
      }
    }
    return dims;
  }
}
