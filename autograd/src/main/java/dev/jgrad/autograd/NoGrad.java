package dev.jgrad.autograd;

/**
 * A scope in which operations are not recorded for differentiation, as PyTorch's {@code
 * torch.no_grad()}: results do not require grad, nothing is saved for a backward pass, and leaves
 * that require grad may be modified in place (an optimizer's update).
 *
 * <pre>{@code
 * try (NoGrad g = NoGrad.enter()) {
 *   weight.addInPlace(weight.grad(), -lr);
 * }
 * }</pre>
 *
 * <p>The scope belongs to the thread that entered it: other threads keep recording, and it must be
 * closed on the same thread, innermost scope first (try-with-resources does both).
 */
public final class NoGrad implements AutoCloseable {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private final Thread owner;
  private final int depth;
  private boolean closed;

  private NoGrad(Thread owner, int depth) {
    this.owner = owner;
    this.depth = depth;
  }

  /**
   * Disables graph recording on the current thread until the returned scope is closed.
   *
   * @return the scope; close it on this thread, best with try-with-resources
   */
  public static NoGrad enter() {
    int[] d = DEPTH.get();
    d[0]++;
    return new NoGrad(Thread.currentThread(), d[0]);
  }

  /**
   * Returns whether operations on the current thread are recorded (no open {@code NoGrad}).
   *
   * @return true when no {@code NoGrad} scope is open on this thread
   */
  public static boolean isGradEnabled() {
    return DEPTH.get()[0] == 0;
  }

  /**
   * Sets whether operations on this thread are recorded, for the duration of a backward pass
   * (recording exactly when it creates a graph), and returns the state to give to {@link
   * #restoreMode}. Scopes entered and closed inside keep nesting as usual.
   */
  static int setGradEnabled(boolean enabled) {
    int[] d = DEPTH.get();
    int previous = d[0];
    d[0] = enabled ? 0 : previous + 1;
    return previous;
  }

  /** Restores the state {@link #setGradEnabled} returned. */
  static void restoreMode(int previous) {
    DEPTH.get()[0] = previous;
  }

  /**
   * Ends this scope, restoring recording unless an enclosing scope is still open.
   *
   * @throws IllegalStateException if called on another thread than the one that entered the scope,
   *     if the scope is already closed, or if a scope nested inside it is still open
   */
  @Override
  public void close() {
    Thread current = Thread.currentThread();
    if (current != owner) {
      throw new IllegalStateException(
          String.format(
              "NoGrad: closed on thread '%s' but entered on thread '%s'; a NoGrad scope is confined"
                  + " to the thread that entered it",
              current.getName(), owner.getName()));
    }
    if (closed) {
      throw new IllegalStateException("NoGrad: this scope is already closed");
    }
    int[] d = DEPTH.get();
    if (d[0] != depth) {
      throw new IllegalStateException(
          String.format(
              "NoGrad: closed out of order: this scope is at depth %s but %s scopes are open;"
                  + " close the innermost scope first",
              depth, d[0]));
    }
    d[0]--;
    closed = true;
  }
}
