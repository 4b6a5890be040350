package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The graph behind a variable drawn in Graphviz's DOT language, as micrograd's {@code draw_dot} and
 * torchviz's {@code make_dot}: one box per recorded op (its {@link Function#name()}, the shape and
 * dtype of its result), one per leaf (its name when given, shape and dtype; blue when it requires
 * grad, white for a constant), and an arrow from every input to the op that consumes it. The
 * variable drawn is green. With {@link #showSaved(boolean) showSaved(true)} (torchviz's {@code
 * show_saved=True}) the tensors each op keeps for its backward pass are drawn too, in orange,
 * joined to their op by a dashed line and named by their role ({@code result}, {@code input 0}, …);
 * a backward pass that did not retain the graph frees them, so draw before it.
 *
 * <pre>{@code
 * Variable loss = Losses.crossEntropy(model.forward(x), labels);
 * GraphDot.of(loss).names(model.namedParameters()).writePng(Path.of("graph.png"));
 * }</pre>
 *
 * <p>The text is deterministic: nodes are numbered {@code n0} (the variable drawn), {@code n1}, …
 * in the order a walk from it meets them, inputs in order, so the same computation always gives the
 * same text. A variable used several times, or a tensor saved by several ops, is drawn once.
 * Instances are immutable.
 */
public final class GraphDot {
  private static final String OUTPUT_COLOR = "darkolivegreen1";
  private static final String PARAMETER_COLOR = "lightblue";
  private static final String SAVED_COLOR = "orange";

  private final Variable root;
  private final Map<Variable, String> names;
  private final boolean showSaved;

  private GraphDot(Variable root, Map<Variable, String> names, boolean showSaved) {
    this.root = root;
    this.names = names;
    this.showSaved = showSaved;
  }

  /**
   * Returns the drawing of the graph behind {@code root}, without names or saved tensors.
   *
   * @param root the variable drawn, usually a loss
   * @return the drawing
   */
  public static GraphDot of(Variable root) {
    checkNotNull(root, "GraphDot: root is null");
    return new GraphDot(root, new IdentityHashMap<>(), false);
  }

  /**
   * Returns this drawing with variables named, as torchviz's {@code params}: {@code
   * model.namedParameters()} names the weights {@code 0.weight}, {@code 0.bias}, …; a named op's
   * box shows the name before the op.
   *
   * @param named the names, each mapped to the variable it names (a variable named twice takes the
   *     later name in the map's order)
   * @return a new drawing with these names, replacing any given before
   */
  public GraphDot names(Map<String, ? extends Variable> named) {
    checkNotNull(named, "GraphDot: names are null");
    Map<Variable, String> byVariable = new IdentityHashMap<>();
    named.forEach(
        (name, v) -> byVariable.put(checkNotNull(v, "GraphDot: '%s' is null", name), name));
    return new GraphDot(root, byVariable, showSaved);
  }

  /**
   * Returns this drawing with or without the tensors saved for backward passes.
   *
   * @param show whether to draw them
   * @return a new drawing
   */
  public GraphDot showSaved(boolean show) {
    return new GraphDot(root, names, show);
  }

  /**
   * Returns the DOT text.
   *
   * @return a {@code digraph}, lines ended by {@code \n}
   */
  public String toDot() {
    Map<Object, String> ids = new IdentityHashMap<>();
    List<String> nodes = new ArrayList<>();
    List<String> edges = new ArrayList<>();
    ArrayDeque<Variable> stack = new ArrayDeque<>();
    id(ids, root, nodes, node(root, OUTPUT_COLOR));
    stack.push(root);
    while (!stack.isEmpty()) {
      Variable v = stack.pop();
      Function f = v.gradFn();
      if (f == null) {
        continue;
      }
      String op = ids.get(v);
      List<Variable> discovered = new ArrayList<>();
      for (Variable in : f.inputs()) {
        String from = ids.get(in);
        if (from == null) {
          from = id(ids, in, nodes, node(in, null));
          discovered.add(in);
        }
        edges.add(from + " -> " + op);
      }
      if (showSaved) {
        for (int k = 0; k < f.savedCount(); k++) {
          Tensor t = f.savedAt(k);
          String from = ids.get(t);
          if (from == null) {
            from = id(ids, t, nodes, box("saved " + f.roleName(k), t, SAVED_COLOR));
          }
          edges.add(from + " -> " + op + " [style=dashed, arrowhead=none]");
        }
      }
      for (int i = discovered.size() - 1; i >= 0; i--) {
        stack.push(discovered.get(i));
      }
    }
    StringBuilder dot = new StringBuilder("digraph {\n");
    dot.append("  node [shape=box, style=filled, fillcolor=white, fontname=monospace,")
        .append(" fontsize=10];\n");
    nodes.forEach(n -> dot.append("  ").append(n).append(";\n"));
    edges.forEach(e -> dot.append("  ").append(e).append(";\n"));
    return dot.append("}\n").toString();
  }

  /**
   * Writes the DOT text to {@code file}, atomically.
   *
   * @param file the file to create or replace; its folder must exist
   * @throws IOException if it cannot be written; a previous file is then left intact
   */
  public void writeDot(Path file) throws IOException {
    byte[] text = toDot().getBytes(UTF_8);
    AtomicFiles.write(file, out -> out.write(text));
  }

  /**
   * Renders the drawing as a PNG image with Graphviz's {@code dot} program and writes it to {@code
   * file}, atomically.
   *
   * @param file the file to create or replace; its folder must exist
   * @throws IOException if {@code dot} is not installed (the message says how to install it),
   *     fails, or the file cannot be written; a previous file is then left intact
   */
  public void writePng(Path file) throws IOException {
    byte[] png = Graphviz.onPath().png(toDot());
    AtomicFiles.write(file, out -> out.write(png));
  }

  private static String id(Map<Object, String> ids, Object key, List<String> nodes, String attrs) {
    String id = "n" + ids.size();
    ids.put(key, id);
    nodes.add(id + " " + attrs);
    return id;
  }

  private String node(Variable v, String color) {
    String name = names.get(v);
    Function f = v.gradFn();
    if (f != null) {
      return box(name == null ? f.name() : name + " = " + f.name(), v.data(), color);
    }
    String title = name != null ? name : v.requiresGrad() ? "leaf" : "constant";
    return box(title, v.data(), color != null ? color : v.requiresGrad() ? PARAMETER_COLOR : null);
  }

  private static String box(String title, Tensor t, String color) {
    String label =
        escape(title) + "\\n" + t.shape() + " " + t.dtype().name().toLowerCase(Locale.ROOT);
    return "[label=\"" + label + "\"" + (color == null ? "" : ", fillcolor=" + color) + "]";
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
