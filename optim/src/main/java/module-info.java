/**
 * jgrad's optimizers with PyTorch's exact update rules and typed hyperparameters, learning-rate
 * schedulers and gradient clipping.
 */
module dev.jgrad.optim {
  requires transitive dev.jgrad.autograd;
  requires com.google.common;

  exports dev.jgrad.optim;
}
