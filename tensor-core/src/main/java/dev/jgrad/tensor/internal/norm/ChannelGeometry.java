package dev.jgrad.tensor.internal.norm;

/**
 * The shape of a dense batch-normalization operand seen as {@code [batch, channels, spatial]}:
 * element {@code (n, c, s)} is at index {@code (n * channels + c) * spatial + s}.
 *
 * @param batch the size of dimension 0
 * @param channels the size of dimension 1
 * @param spatial the product of the sizes after dimension 1 (1 for a 2-D operand)
 */
public record ChannelGeometry(int batch, int channels, int spatial) {
  /**
   * Returns the number of values per channel, {@code batch * spatial}.
   *
   * @return the count each channel's statistics are taken over
   */
  public long perChannel() {
    return (long) batch * spatial;
  }

  /**
   * Returns the index of element {@code (n, c, 0)}.
   *
   * @param n the batch index
   * @param c the channel
   * @return the index of the first spatial element of that (sample, channel) block
   */
  int block(int n, int c) {
    return (n * channels + c) * spatial;
  }
}
