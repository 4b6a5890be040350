package dev.jgrad.bench;

import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.internal.Gemm;
import dev.jgrad.tensor.internal.Matrix;
import java.util.SplittableRandom;
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
 * Throughput of {@link Gemm#multiply} in single and double precision on the products of small-MLP
 * training.
 *
 * <p>{@code shape} is MxKxN: C (M×N) = A (M×K) · B (K×N). {@code form} says which operands are read
 * transposed in place: NN (neither), NT (B, as in {@code dX = dY·Wᵀ}) or TN (A, as in {@code dW =
 * Xᵀ·dY}). {@code threads} is the thread count (1 for the comparison with one-thread OpenBLAS). The
 * forked JVM enables the Vector API, so the SIMD kernels run. One operation is one product, so
 * GFLOP/s = 2·M·K·N · ops/s / 1e9; {@link GflopsReport} prints that table.
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

  private int m;
  private int k;
  private int n;
  private int aRowStride;
  private int aColStride;
  private int bRowStride;
  private int bColStride;
  private Object a;
  private Object b;
  private Object c;

  /** Allocates seeded random operands laid out for the form. */
  @Setup
  public void setUp() {
    Parallelism.setThreads(threads);
    int[] dims = parseShape(shape);
    m = dims[0];
    k = dims[1];
    n = dims[2];
    boolean transposeA = form.equals("TN");
    boolean transposeB = form.equals("NT");
    aRowStride = transposeA ? 1 : k;
    aColStride = transposeA ? m : 1;
    bRowStride = transposeB ? 1 : n;
    bColStride = transposeB ? k : 1;
    SplittableRandom rnd = new SplittableRandom(42);
    float[] af = new float[m * k];
    float[] bf = new float[k * n];
    double[] ad = new double[m * k];
    double[] bd = new double[k * n];
    for (int i = 0; i < af.length; i++) {
      af[i] = (float) rnd.nextDouble();
      ad[i] = af[i];
    }
    for (int i = 0; i < bf.length; i++) {
      bf[i] = (float) rnd.nextDouble();
      bd[i] = bf[i];
    }
    boolean f32 = dtype.equals("f32");
    a = f32 ? af : ad;
    b = f32 ? bf : bd;
    c = f32 ? new float[m * n] : new double[m * n];
  }

  /**
   * Runs one product of the configured dtype, with its operand views made per call as {@code
   * Tensor.matmul} makes them, and returns C so that it is not dead code.
   */
  @Benchmark
  public Object gemm() {
    Gemm.multiply(
        new Matrix<>(a, 0, m, k, aRowStride, aColStride),
        new Matrix<>(b, 0, k, n, bRowStride, bColStride),
        new Matrix<>(c, 0, m, n, n, 1),
        false);
    return c;
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
