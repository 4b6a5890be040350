package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkState;

import dev.jgrad.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One backward pass: walks the graph from its roots in topological order, without recursion, so
 * that a chain of any depth fits in the Java stack.
 *
 * <p>A first walk counts, for every variable reachable from the roots that requires grad, how many
 * edges lead into it (and refuses a graph whose saved tensors were freed before doing any work).
 * The second walk is Kahn's algorithm: a variable's gradient is complete once every consumer has
 * added its contribution, so a value used twice receives both before anything reads it. Then its
 * {@linkplain Variable#registerHook hooks} run once on the sum; a leaf accumulates the result into
 * {@link Variable#grad()}, a result of an op hands it to that op's backward pass. This per-pass
 * state lives in the engine, one {@code Node} per variable, never on the variables or functions;
 * intermediate gradients are dropped once used.
 *
 * <p>In the mode of {@link Autograd#grad} the pass captures the gradients of its target variables
 * instead of accumulating into any {@link Variable#grad()}, and runs only the backward passes of
 * ops that lead to a target (and so only the hooks of variables whose gradient it computes).
 *
 * <p>Gradients travel as {@link Variable}s: each op's {@link Function#backward(Variable)} is run
 * with recording off ({@link NoGrad}), so they are thin wrappers of tensors, unless the pass
 * creates a graph ({@code createGraph}), when recording is on and the gradients are the results of
 * recorded ops, differentiable again.
 *
 * <p>A leaf's gradient is adopted without a copy when no other tensor of the graph can reach its
 * storage: a sum of contributions is new; a single contribution must share storage with neither the
 * gradient passed to its op's backward pass, nor a tensor the op saved, nor an input's data, nor
 * the gradient it returned for another input, and must not come from a hook. Any other gradient
 * (for example {@code add}'s, which is its incoming gradient, or a view of it) is copied, so no two
 * {@link Variable#grad()}s alias each other or the graph.
 */
final class Engine {
  /** A variable's state during one pass. */
  private static final class Node {
    final Variable variable;

    /** Edges from consumers whose gradient has not arrived yet. */
    int pending;

    /** The sum of the gradients received so far. */
    Variable grad;

    /** Whether {@link #grad} may become a leaf's gradient without a copy. */
    boolean adoptable;

    /** Whether the node is on the ready stack or was run. */
    boolean queued;

    /** In capture mode: whether this variable is a target or an input of one's ops. */
    boolean leadsToTarget;

    /** In capture mode: the nodes of the ops that consume this variable; null otherwise. */
    List<Node> consumers;

    Node(Variable variable) {
      this.variable = variable;
    }
  }

  private final Map<Variable, Node> nodes = new IdentityHashMap<>();
  private final boolean retainGraph;
  private final boolean createGraph;

  /** The variables whose gradients are captured, in capture mode; null in backward mode. */
  private final Variable[] targets;

  private final Variable[] captured;

  private Engine(boolean retainGraph, boolean createGraph, Variable[] targets) {
    this.retainGraph = retainGraph;
    this.createGraph = createGraph;
    this.targets = targets;
    this.captured = targets == null ? null : new Variable[targets.length];
  }

  /**
   * Back-propagates {@code seed}, the gradient with respect to {@code root}, accumulating into the
   * {@link Variable#grad()} of every leaf that requires grad and every retained variable; with
   * {@code createGraph} the pass records the graph of the gradients it computes.
   */
  static void backward(Variable root, Variable seed, boolean retainGraph, boolean createGraph) {
    new Engine(retainGraph, createGraph, null).run(new Variable[] {root}, new Variable[] {seed});
  }

  /**
   * Back-propagates {@code seeds}, the gradients with respect to {@code roots}, and returns the
   * gradient with respect to each target, touching no {@link Variable#grad()}.
   *
   * @return one gradient per target, owned by the caller; null for a target no root depends on
   */
  static Variable[] capture(
      Variable[] roots,
      Variable[] seeds,
      Variable[] targets,
      boolean retainGraph,
      boolean createGraph) {
    Engine engine = new Engine(retainGraph, createGraph, targets);
    engine.run(roots, seeds);
    return engine.captured;
  }

  /** Runs the pass with recording on exactly when it creates a graph. */
  private void run(Variable[] roots, Variable[] seeds) {
    int mode = NoGrad.setGradEnabled(createGraph);
    try {
      walk(roots, seeds);
    } finally {
      NoGrad.restoreMode(mode);
    }
  }

  private void walk(Variable[] roots, Variable[] seeds) {
    for (int i = 0; i < roots.length; i++) {
      Node node = nodes.get(roots[i]);
      if (node == null) {
        node = new Node(roots[i]);
        nodes.put(roots[i], node);
        if (!roots[i].isLeaf()) {
          countDependencies(node);
        }
      }
      node.grad = node.grad == null ? seeds[i] : node.grad.add(seeds[i]);
    }
    if (targets != null) {
      markTargetPaths();
    }
    ArrayDeque<Node> ready = new ArrayDeque<>();
    for (Variable root : roots) {
      Node node = nodes.get(root);
      if (node.pending == 0 && !node.queued) {
        node.queued = true;
        ready.push(node);
      }
    }
    while (!ready.isEmpty()) {
      Node node = ready.pop();
      Variable grad = node.grad;
      node.grad = null;
      boolean computed = targets == null || node.leadsToTarget;
      if (grad != null && computed) {
        Tensor hooked = node.variable.applyHooks(grad.data());
        if (hooked != grad.data()) {
          node.adoptable = false;
          grad = new Variable(hooked);
        }
      }
      if (grad != null && computed) {
        deliver(node, grad);
      }
      if (!node.variable.isLeaf()) {
        propagate(node, grad, ready);
      }
    }
  }

  /**
   * Hands a variable's complete gradient to its destination: a leaf's or retained variable's {@link
   * Variable#grad()} in backward mode, the captured gradients in capture mode.
   */
  private void deliver(Node node, Variable grad) {
    Variable v = node.variable;
    boolean adoptable = v.isLeaf() && node.adoptable;
    if (targets == null) {
      if (v.isLeaf() || v.retainsGrad()) {
        v.accumulateGrad(grad, adoptable);
      }
      return;
    }
    for (int t = 0; t < targets.length; t++) {
      if (targets[t] == v) {
        captured[t] = adoptable ? grad : grad.copy();
        adoptable = false;
      }
    }
  }

  /** Runs the op that made {@code node}'s variable, if it must, and passes on its gradients. */
  private void propagate(Node node, Variable grad, ArrayDeque<Node> ready) {
    Function f = node.variable.gradFn();
    boolean runs = grad != null && (targets == null || feedsTarget(f));
    Variable[] grads = runs ? gradients(f, grad) : null;
    Variable[] inputs = f.inputs();
    for (int i = 0; i < inputs.length; i++) {
      Node producer = nodes.get(inputs[i]);
      if (producer == null) {
        continue;
      }
      Variable g = grads == null ? null : grads[i];
      if (g != null) {
        if (producer.grad == null) {
          producer.grad = g;
          producer.adoptable = inputs[i].isLeaf() && adoptable(f, grad, grads, i);
        } else {
          producer.grad = producer.grad.add(g);
          producer.adoptable = true;
        }
      }
      if (--producer.pending == 0) {
        producer.queued = true;
        ready.push(producer);
      }
    }
    if (!retainGraph && (targets == null || runs)) {
      f.release();
    }
  }

  /** Returns whether an input of {@code f} is a target or leads to one. */
  private boolean feedsTarget(Function f) {
    for (Variable v : f.inputs()) {
      Node n = nodes.get(v);
      if (n != null && n.leadsToTarget) {
        return true;
      }
    }
    return false;
  }

  /**
   * Counts the edges into every variable reachable from {@code root} that requires grad (in capture
   * mode, leaves only when they are targets).
   */
  private void countDependencies(Node root) {
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Node consumer = stack.pop();
      Function f = consumer.variable.gradFn();
      if (f.isReleased()) {
        throw new IllegalStateException(f.freedMessage());
      }
      for (Variable v : f.inputs()) {
        if (!v.requiresGrad() || (v.isLeaf() && targets != null && !isTarget(v))) {
          continue;
        }
        Node node = nodes.get(v);
        if (node == null) {
          node = new Node(v);
          nodes.put(v, node);
          if (!v.isLeaf()) {
            stack.push(node);
          }
        }
        node.pending++;
        if (targets != null) {
          if (node.consumers == null) {
            node.consumers = new ArrayList<>(1);
          }
          node.consumers.add(consumer);
        }
      }
    }
  }

  private boolean isTarget(Variable v) {
    for (Variable t : targets) {
      if (t == v) {
        return true;
      }
    }
    return false;
  }

  /** Marks the targets and, through their consumers, every variable whose op leads to one. */
  private void markTargetPaths() {
    ArrayDeque<Node> queue = new ArrayDeque<>();
    for (Variable t : targets) {
      Node n = nodes.get(t);
      if (n != null && !n.leadsToTarget) {
        n.leadsToTarget = true;
        queue.add(n);
      }
    }
    while (!queue.isEmpty()) {
      List<Node> consumers = queue.poll().consumers;
      for (Node c : consumers == null ? List.<Node>of() : consumers) {
        if (!c.leadsToTarget) {
          c.leadsToTarget = true;
          queue.add(c);
        }
      }
    }
  }

  /** Runs {@code f}'s backward pass and checks that it returned one gradient per input. */
  private static Variable[] gradients(Function f, Variable grad) {
    Variable[] inputs = f.inputs();
    Variable[] grads = f.runBackward(grad);
    checkState(
        grads != null && grads.length == inputs.length,
        "%s: backward returned %s gradients, expected %s (one per input)",
        f.name(),
        grads == null ? "null instead of" : grads.length,
        inputs.length);
    for (int i = 0; i < grads.length; i++) {
      Variable g = grads[i];
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
  private static boolean adoptable(Function f, Variable grad, Variable[] grads, int i) {
    Tensor g = grads[i].data();
    if (g.sharesStorageWith(grad.data()) || f.sharesStorageWithSaved(g)) {
      return false;
    }
    Variable[] inputs = f.inputs();
    for (int j = 0; j < grads.length; j++) {
      if (g.sharesStorageWith(inputs[j].data())
          || (j != i && grads[j] != null && g.sharesStorageWith(grads[j].data()))) {
        return false;
      }
    }
    return true;
  }
}
