package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkState;

import dev.jgrad.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One backward pass: walks the graph of {@link Function}s from a root in topological order, without
 * recursion, so that a chain of any depth fits in the Java stack.
 *
 * <p>A first walk counts, for every function reachable from the root, how many edges lead into it
 * (and refuses a graph whose saved tensors were freed before doing any work). The second walk is
 * Kahn's algorithm: a function runs once every consumer of its result has added its gradient
 * contribution, so a value used twice receives both contributions before it is differentiated. This
 * per-pass state lives in the engine, one {@code Node} per function, never on the functions;
 * intermediate gradients are dropped once used, and leaves accumulate into {@link Variable#grad()}.
 *
 * <p>A leaf's first gradient is adopted without a copy when no other tensor of the graph can reach
 * its storage: when it shares storage with neither the gradient passed to that backward pass, nor a
 * tensor the function saved, nor an input's data, nor the gradient it returned for another input.
 * Any other first gradient (for example {@code add}'s, which is its incoming gradient, or a view of
 * it) is copied, so no two {@link Variable#grad()}s alias each other or the graph.
 */
final class Engine {
  /** A function's state during one pass. */
  private static final class Node {
    /** Edges from consumers whose gradient has not arrived yet. */
    int pending;

    /** The sum of the gradients received so far. */
    Tensor grad;

    /** The function's result, when it retains its gradient. */
    Variable retained;
  }

  private final Map<Function, Node> nodes = new IdentityHashMap<>();
  private final boolean retainGraph;

  private Engine(boolean retainGraph) {
    this.retainGraph = retainGraph;
  }

  /** Back-propagates {@code seed}, the gradient with respect to {@code root}, a non-leaf. */
  static void run(Variable root, Tensor seed, boolean retainGraph) {
    new Engine(retainGraph).backward(root, seed);
  }

  private void backward(Variable root, Tensor seed) {
    countDependencies(root);
    nodes.get(root.gradFn()).grad = seed;
    ArrayDeque<Function> ready = new ArrayDeque<>();
    ready.push(root.gradFn());
    while (!ready.isEmpty()) {
      Function f = ready.pop();
      Node node = nodes.get(f);
      Tensor grad = node.grad;
      node.grad = null;
      if (node.retained != null && grad != null) {
        node.retained.accumulateGrad(grad, false);
      }
      Tensor[] grads = grad == null ? null : gradients(f, grad);
      Variable[] inputs = f.inputs();
      for (int i = 0; i < inputs.length; i++) {
        Variable v = inputs[i];
        Tensor g = grads == null ? null : grads[i];
        Function p = v.gradFn();
        if (p == null) {
          if (g != null && v.requiresGrad()) {
            v.accumulateGrad(g, adoptable(f, grad, grads, i));
          }
          continue;
        }
        Node producer = nodes.get(p);
        if (g != null) {
          producer.grad = producer.grad == null ? g : producer.grad.add(g);
        }
        if (--producer.pending == 0) {
          ready.push(p);
        }
      }
      if (!retainGraph) {
        f.release();
      }
    }
  }

  private void countDependencies(Variable root) {
    ArrayDeque<Function> stack = new ArrayDeque<>();
    visit(root);
    stack.push(root.gradFn());
    while (!stack.isEmpty()) {
      Function f = stack.pop();
      if (f.isReleased()) {
        throw new IllegalStateException(f.freedMessage());
      }
      for (Variable v : f.inputs()) {
        Function p = v.gradFn();
        if (p == null) {
          continue;
        }
        Node node = nodes.get(p);
        if (node == null) {
          visit(v).pending = 1;
          stack.push(p);
        } else {
          node.pending++;
        }
      }
    }
  }

  private Node visit(Variable result) {
    Node node = new Node();
    node.retained = result.retainsGrad() ? result : null;
    nodes.put(result.gradFn(), node);
    return node;
  }

  /** Runs {@code f}'s backward pass and checks that it returned one gradient per input. */
  private static Tensor[] gradients(Function f, Tensor grad) {
    Variable[] inputs = f.inputs();
    Tensor[] grads = f.backward(grad);
    checkState(
        grads != null && grads.length == inputs.length,
        "%s: backward returned %s gradients, expected %s (one per input)",
        f.name(),
        grads == null ? "null instead of" : grads.length,
        inputs.length);
    for (int i = 0; i < grads.length; i++) {
      Tensor g = grads[i];
      if (g == null) {
        continue;
      }
      Tensor x = inputs[i].data();
      if (!g.shape().equals(x.shape())) {
        throw new IllegalStateException(
            String.format(
                "%s: backward returned a gradient of shape %s for input %s of shape %s",
                f.name(), g.shape(), i, x.shape()));
      }
      if (g.dtype() != x.dtype()) {
        grads[i] = g.to(x.dtype());
      }
    }
    return grads;
  }

  /**
   * Returns whether {@code grads[i]}, computed by {@code f} from {@code grad}, shares storage with
   * nothing else the graph holds, so that a leaf may keep it without a copy.
   */
  private static boolean adoptable(Function f, Tensor grad, Tensor[] grads, int i) {
    Tensor g = grads[i];
    if (g.sharesStorageWith(grad) || f.sharesStorageWithSaved(g)) {
      return false;
    }
    Variable[] inputs = f.inputs();
    for (int j = 0; j < grads.length; j++) {
      if (g.sharesStorageWith(inputs[j].data())
          || (j != i && grads[j] != null && g.sharesStorageWith(grads[j]))) {
        return false;
      }
    }
    return true;
  }
}
