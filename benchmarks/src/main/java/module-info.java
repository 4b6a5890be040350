/**
 * jgrad's JMH benchmarks and the seed workloads that {@code peers.sh} compares with other
 * frameworks. A module of its own so that the compiler holds the benchmarks to jgrad's exported
 * API, as users see it; JMH reaches the benchmark classes reflectively, hence {@code open}.
 */
open module dev.jgrad.bench {
  requires dev.jgrad.nn;
  requires dev.jgrad.optim;
  requires dev.jgrad.data;
  requires jmh.core;
}
