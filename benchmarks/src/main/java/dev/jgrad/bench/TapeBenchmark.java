package dev.jgrad.bench;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Autograd bookkeeping per op on tiny (one-element) tensors, where the arithmetic is negligible: a
 * chain of {@value #OPS} recorded ops, then its backward pass. The scores are per op: {@code
 * forward} records each op, {@code forwardBackward} also differentiates it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TapeBenchmark {
  /** Ops per chain. */
  static final int OPS = 100;

  private Variable x;
  private Variable y;

  /** Creates two one-element leaves that require grad. */
  @Setup
  public void setUp() {
    x = new Variable(Tensor.scalar(0.5)).requiresGrad(true);
    y = new Variable(Tensor.scalar(1.5)).requiresGrad(true);
  }

  private Variable chain() {
    Variable v = x;
    for (int i = 0; i < OPS / 2; i++) {
      v = v.mul(y).add(x);
    }
    return v;
  }

  /** Records a chain of ops. */
  @Benchmark
  @OperationsPerInvocation(OPS)
  public Variable forward() {
    return chain();
  }

  /** Records a chain of ops and runs its backward pass. */
  @Benchmark
  @OperationsPerInvocation(OPS)
  public Tensor forwardBackward() {
    x.setGrad(null);
    y.setGrad(null);
    chain().backward();
    return x.grad();
  }
}
