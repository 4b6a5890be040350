package dev.jgrad.nn;

/** How the pooling modules print a (height, width) pair, as PyTorch's repr of their arguments. */
final class PoolingText {
  private PoolingText() {}

  /** Returns {@code 2} for {@code {2, 2}} and {@code (2, 3)} for {@code {2, 3}}. */
  static String pair(int[] hw) {
    return hw[0] == hw[1] ? Integer.toString(hw[0]) : "(" + hw[0] + ", " + hw[1] + ")";
  }
}
