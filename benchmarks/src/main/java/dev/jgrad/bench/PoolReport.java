package dev.jgrad.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PoolBenchmark} through the JMH Runner API (one benchmark thread) and prints, per
 * layer, pass and kernel thread count, the median over all measurement iterations of all forks of
 * the time per call and of the bytes moved per second. Both passes move {@code 4 · (numel(input) +
 * 2 · numel(output))} bytes: the forward pass reads the input and writes the output and the
 * indices; the backward pass reads the output gradient and the indices and writes the input
 * gradient.
 *
 * <p>Arguments (all optional, in order): forks (default 2), warmup iterations (3), measurement
 * iterations (5), seconds per iteration (1), thread counts separated by commas (1,2).
 */
public final class PoolReport {
  private PoolReport() {}

  /**
   * Runs the benchmark and prints the table.
   *
   * @param args forks, warmup iterations, measurement iterations, seconds per iteration, threads
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    int forks = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int measurements = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    String threads = args.length > 4 ? args[4] : "1,2";
    Options options =
        new OptionsBuilder()
            .include(PoolBenchmark.class.getName())
            .param("threads", threads.split(","))
            .threads(1)
            .forks(forks)
            .warmupIterations(warmups)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(measurements)
            .measurementTime(TimeValue.seconds(seconds))
            .build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.printf(
        "%n%-12s %-9s %-7s %12s %8s%n", "input", "pass", "threads", "ns per call", "GB/s");
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      int[] in = PoolBenchmark.parseShape(params.getParam("shape"));
      long inputs = (long) in[0] * in[1] * in[2] * in[3];
      double bytes = 4.0 * (inputs + 2 * (inputs / 4));
      List<Double> nanos = new ArrayList<>();
      for (BenchmarkResult fork : result.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          nanos.add(iteration.getPrimaryResult().getScore());
        }
      }
      double ns = median(nanos);
      String pass = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      System.out.printf(
          "%-12s %-9s %-7s %12.0f %8.2f%n",
          params.getParam("shape"), pass, params.getParam("threads"), ns, bytes / ns);
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
