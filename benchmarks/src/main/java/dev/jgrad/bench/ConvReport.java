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
 * Runs {@link ConvBenchmark} (LeNet-5's conv1 and conv2 at batch 64, forward, input gradient and
 * weight gradient) and, as the peak to compare with, {@link GemmBenchmark}'s 512×512×512 product,
 * in single precision on one thread, and prints per layer and pass the median over all measurement
 * iterations of 2·multiply-adds · ops/s / 1e9 and its share of the GEMM peak.
 *
 * <p>Arguments (all optional, in order): forks (default 1), warmup iterations (3), measurement
 * iterations (5), seconds per iteration (1), threads (1).
 */
public final class ConvReport {

  private ConvReport() {}

  /**
   * Runs the benchmarks and prints the table.
   *
   * @param args forks, warmup iterations, measurement iterations, seconds per iteration, threads
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    int forks = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int measurements = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    String threads = args.length > 4 ? args[4] : "1";
    Options options =
        new OptionsBuilder()
            .include(GemmBenchmark.class.getName() + ".gemm")
            .include(ConvBenchmark.class.getName() + ".run")
            .param("shape", "512x512x512")
            .param("form", "NN")
            .param("dtype", "f32")
            .param("threads", threads)
            .threads(1)
            .forks(forks)
            .warmupIterations(warmups)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(measurements)
            .measurementTime(TimeValue.seconds(seconds))
            .build();
    Collection<RunResult> results = new Runner(options).run();
    double peak = 0;
    List<Row> rows = new ArrayList<>();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      if (params.getBenchmark().endsWith(".gemm")) {
        peak = median(rates(result, 2.0 * 512 * 512 * 512));
        continue;
      }
      int batch = Integer.parseInt(params.getParam("batch"));
      double flops = 2.0 * ConvBenchmark.Layer.named(params.getParam("layer")).multiplyAdds(batch);
      double rate = median(rates(result, flops));
      rows.add(
          new Row(params.getParam("layer"), params.getParam("pass"), rate, flops / rate / 1e6));
    }
    System.out.printf(
        "%nf32, %s thread(s); GEMM 512x512x512 NN peak: %.1f GFLOP/s%n", threads, peak);
    System.out.printf("%-6s %-11s %8s %7s %8s%n", "layer", "pass", "GFLOP/s", "ms/op", "of peak");
    for (Row r : rows) {
      System.out.printf(
          "%-6s %-11s %8.1f %7.3f %7.0f %%%n",
          r.layer, r.pass, r.rate, r.millis, 100 * r.rate / peak);
    }
  }

  /** One line of the table. */
  private record Row(String layer, String pass, double rate, double millis) {}

  private static List<Double> rates(RunResult result, double flops) {
    List<Double> rates = new ArrayList<>();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        rates.add(iteration.getPrimaryResult().getScore() * flops / 1e9);
      }
    }
    return rates;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
