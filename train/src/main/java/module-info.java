/**
 * jgrad's training layer: {@link dev.jgrad.train.Trainer} with {@code fit}, {@code evaluate} and
 * {@code predict}, callbacks, streaming metrics, a model summary and the one resumable training
 * checkpoint.
 */
module dev.jgrad.train {
  requires transitive dev.jgrad.nn;
  requires transitive dev.jgrad.optim;
  requires transitive dev.jgrad.data;
  requires com.google.common;

  exports dev.jgrad.train;
}
