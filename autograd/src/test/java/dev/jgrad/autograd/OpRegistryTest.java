package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@link GradCheck} (first derivatives) and its gradgradcheck (second derivatives) in float64
 * over every sample of every op in {@link OpSpecs}.
 */
class OpRegistryTest {
  private static final List<OpSpecs.Sample> SAMPLES = OpSpecs.all();

  static Stream<OpSpecs.Sample> samples() {
    return SAMPLES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void gradcheck(OpSpecs.Sample sample) {
    Variable[] inputs = sample.makeInputs(SAMPLES.indexOf(sample));
    sample.checker().verify(sample.fn(), inputs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void gradgradcheck(OpSpecs.Sample sample) {
    Variable[] inputs = sample.makeInputs(SAMPLES.indexOf(sample));
    sample.checker().verifyGradGrad(sample.fn(), inputs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void gradientsHaveTheInputsShapesAndDtypes(OpSpecs.Sample sample) {
    Variable[] inputs = sample.makeInputs(SAMPLES.indexOf(sample));
    Variable out = sample.fn().apply(inputs);
    out.backward(Tensor.onesLike(out.data()));
    for (Variable x : inputs) {
      if (x.requiresGrad()) {
        assertEquals(x.shape(), x.grad().shape(), sample.toString());
        assertEquals(x.dtype(), x.grad().dtype(), sample.toString());
      } else {
        assertEquals(null, x.grad(), sample.toString());
      }
    }
  }

  @Test
  void everyPrimitiveOpIsExercisedByTheRegistry() throws IOException, URISyntaxException {
    Set<String> exercised = new HashSet<>();
    Set<String> differentiatedTwice = new HashSet<>();
    for (OpSpecs.Sample sample : SAMPLES) {
      Variable[] inputs = sample.makeInputs(0);
      Variable out = sample.fn().apply(inputs);
      collectOps(out, exercised);
      List<Variable> wrt = new ArrayList<>();
      for (Variable x : inputs) {
        if (x.requiresGrad()) {
          wrt.add(x);
        }
      }
      if (!out.requiresGrad() || wrt.isEmpty()) {
        continue;
      }
      Variable v = new Variable(Tensor.onesLike(out.data())).requiresGrad(true);
      Variable[] grads =
          Autograd.grad(
              new Variable[] {out},
              wrt.toArray(new Variable[0]),
              new Variable[] {v},
              true,
              true,
              true);
      for (Variable g : grads) {
        if (g != null) {
          collectOps(g, differentiatedTwice);
        }
      }
    }
    Set<String> missing = new TreeSet<>(primitiveOps(false));
    missing.removeAll(exercised);
    assertTrue(missing.isEmpty(), "differentiable ops without an OpSpecs entry: " + missing);
    Set<String> backwardOps = new TreeSet<>(primitiveOps(true));
    backwardOps.removeAll(differentiatedTwice);
    assertTrue(
        backwardOps.isEmpty(),
        "backward ops that no second-order graph of the registry reaches: " + backwardOps);
  }

  /** Adds the class names of every op in the graph behind {@code out} to {@code names}. */
  private static void collectOps(Variable out, Set<String> names) {
    ArrayDeque<Function> stack = new ArrayDeque<>();
    if (out.gradFn() != null) {
      stack.push(out.gradFn());
    }
    Set<Function> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    while (!stack.isEmpty()) {
      Function f = stack.pop();
      if (!seen.add(f)) {
        continue;
      }
      String name = f.getClass().getName();
      names.add(name.substring(name.lastIndexOf('.') + 1));
      for (Variable v : f.inputs()) {
        if (v.gradFn() != null) {
          stack.push(v.gradFn());
        }
      }
    }
  }

  @Test
  void registryCoversEnoughSamples() {
    assertTrue(SAMPLES.size() > 150, "only " + SAMPLES.size() + " samples");
  }

  /**
   * Returns the names of the Function subclasses compiled into the ops package: the ops ({@code
   * nested} false), or the backward passes nested in them, such as {@code Relu$Backward} ({@code
   * nested} true).
   */
  private static Set<String> primitiveOps(boolean nested) throws IOException, URISyntaxException {
    URL dir = Function.class.getResource("ops");
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String file = p.getFileName().toString();
        if (!file.endsWith(".class") || file.contains("$") != nested) {
          continue;
        }
        if (file.startsWith("package-info")) {
          continue;
        }
        String name = file.substring(0, file.length() - ".class".length());
        try {
          if (Function.class.isAssignableFrom(Class.forName("dev.jgrad.autograd.ops." + name))) {
            names.add(name);
          }
        } catch (ClassNotFoundException e) {
          throw new IOException(e);
        }
      }
    }
    assertTrue(names.size() >= (nested ? 10 : 30), "found only " + names);
    return names;
  }
}
