package dev.jgrad.nn;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.RemovableHandle;
import dev.jgrad.autograd.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's hooks, and the one path every forward pass takes through them, as PyTorch's {@code
 * Module._call_impl}: the pre-hooks (each may replace the input), the backward hooks' wiring of the
 * input, the module's own computation, the forward hooks (each may replace the output), the
 * backward hooks' wiring of the output.
 */
final class ModuleHooks {
  final HookList<ForwardPreHook> pre = new HookList<>();
  final HookList<ForwardHook> forward = new HookList<>();
  final HookList<BackwardHook> backward = new HookList<>();

  /**
   * Hooks of one kind in registration order. The list is immutable and replaced whole when a hook
   * is added or removed, so forward passes on several threads read it without locks.
   */
  static final class HookList<T> {
    /** One registration; removed by identity, so a hook may be registered twice. */
    private static final class Entry<T> {
      final T hook;

      Entry(T hook) {
        this.hook = hook;
      }
    }

    private volatile List<Entry<T>> entries = List.of();

    synchronized RemovableHandle add(T hook) {
      Entry<T> e = new Entry<>(hook);
      List<Entry<T>> more = new ArrayList<>(entries);
      more.add(e);
      entries = List.copyOf(more);
      return () -> remove(e);
    }

    private synchronized void remove(Entry<T> e) {
      List<Entry<T>> fewer = new ArrayList<>(entries);
      fewer.removeIf(x -> x == e);
      entries = List.copyOf(fewer);
    }

    List<T> snapshot() {
      List<Entry<T>> current = entries;
      List<T> hooks = new ArrayList<>(current.size());
      current.forEach(e -> hooks.add(e.hook));
      return hooks;
    }

    boolean isEmpty() {
      return entries.isEmpty();
    }
  }

  /** Returns whether no hook of any kind is registered. */
  boolean isEmpty() {
    return pre.isEmpty() && forward.isEmpty() && backward.isEmpty();
  }

  /** Runs {@code module}'s forward pass on {@code input} through its hooks. */
  Variable call(Module module, Variable input) {
    if (isEmpty()) {
      return module.compute(input);
    }
    Variable x = input;
    for (ForwardPreHook hook : pre.snapshot()) {
      Variable replaced = hook.apply(module, x);
      x = replaced != null ? replaced : x;
    }
    List<BackwardHook> backwards = backward.snapshot();
    BackwardHookCall wiring =
        backwards.isEmpty() || !NoGrad.isGradEnabled()
            ? null
            : new BackwardHookCall(module, backwards);
    if (wiring != null) {
      x = wiring.wrapInput(x);
    }
    Variable out = module.compute(x);
    for (ForwardHook hook : forward.snapshot()) {
      Variable replaced = hook.apply(module, x, out);
      out = replaced != null ? replaced : out;
    }
    return wiring == null ? out : wiring.wrapOutput(out);
  }
}
