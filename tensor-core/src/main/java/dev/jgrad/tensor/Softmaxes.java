package dev.jgrad.tensor;

/**
 * Softmax and log-softmax as PyTorch's CPU kernels compute them: the row maximum {@code m} is
 * subtracted exactly first, then {@code softmax = exp(x - m) / sum(exp(x - m))} and {@code
 * log_softmax = (x - m) - log(sum(exp(x - m)))}. A row holding +inf or NaN is NaN throughout, as in
 * PyTorch.
 */
final class Softmaxes {
  private Softmaxes() {}

  static Tensor softmax(Tensor x, int dim) {
    Tensor e = shifted(x, dim).exp();
    return e.div(e.sum(dim, true));
  }

  static Tensor logSoftmax(Tensor x, int dim) {
    Tensor shifted = shifted(x, dim);
    return shifted.sub(shifted.exp().sum(dim, true).log());
  }

  private static Tensor shifted(Tensor x, int dim) {
    Tensor f = x.to(x.dtype().toFloating());
    return f.sub(f.numel() == 0 ? f.sum(dim, true) : f.max(dim, true));
  }
}
