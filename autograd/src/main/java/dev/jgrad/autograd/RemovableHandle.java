package dev.jgrad.autograd;

/**
 * Removes a hook it was returned for, as PyTorch's {@code torch.utils.hooks.RemovableHandle}: from
 * {@link Variable#registerHook} and from {@code nn}'s module hooks.
 *
 * <p>Removing twice does nothing. A handle also closes in try-with-resources, so that a hook is in
 * place for one block only:
 *
 * <pre>{@code
 * try (RemovableHandle h = w.registerHook(g -> g.clamp(-1, 1))) {
 *   loss.backward();             // w's gradient is clipped on its way into w.grad()
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RemovableHandle extends AutoCloseable {
  /** Removes the hook, if it is still registered; later passes no longer call it. */
  void remove();

  /** Removes the hook; see {@link #remove()}. */
  @Override
  default void close() {
    remove();
  }
}
