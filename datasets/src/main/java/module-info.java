/**
 * jgrad's datasets: the IDX reader, MNIST and Fashion-MNIST found, verified and cached, {@link
 * dev.jgrad.data.Dataset}s and the seeded {@link dev.jgrad.data.DataLoader}.
 */
module dev.jgrad.data {
  requires transitive dev.jgrad.tensor;
  requires com.google.common;
  requires java.net.http;

  exports dev.jgrad.data;
}
