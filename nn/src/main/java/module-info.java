/**
 * jgrad's neural-network building blocks: {@link dev.jgrad.nn.Module} with parameters and state
 * dicts, layers, activations, losses and initialization schemes.
 */
module dev.jgrad.nn {
  requires transitive dev.jgrad.autograd;
  requires com.google.common;

  exports dev.jgrad.nn;
}
