package dev.jgrad.autograd;

import dev.jgrad.autograd.ops.AdaptiveAvgPool2d;
import dev.jgrad.autograd.ops.AvgPool2d;
import dev.jgrad.autograd.ops.BatchNorm;
import dev.jgrad.autograd.ops.BinaryCrossEntropy;
import dev.jgrad.autograd.ops.BinaryCrossEntropyWithLogits;
import dev.jgrad.autograd.ops.Conv2d;
import dev.jgrad.autograd.ops.ConvReluMaxPool;
import dev.jgrad.autograd.ops.CrossEntropy;
import dev.jgrad.autograd.ops.MaxPool2d;
import dev.jgrad.autograd.ops.Pad;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The op registry, in the style of PyTorch's OpInfo: every differentiable op of {@link Variable}
 * declares its sample inputs once (broadcast pairs, transposed and sliced inputs, scalars, size-0
 * dimensions), and the generic tests run over all of them.
 */
final class OpSpecs {
  private OpSpecs() {}

  /** How an input's data is laid out and filled. */
  enum Layout {
    CONTIGUOUS(""),
    TRANSPOSED("T"),
    SLICED("S");

    final String tag;

    Layout(String tag) {
      this.tag = tag;
    }
  }

  /** One input: its shape, layout, value range and whether it requires grad. */
  record Input(int[] shape, Layout layout, double low, double high, boolean requiresGrad) {
    Input positive() {
      return new Input(shape, layout, 0.5, 2, requiresGrad);
    }

    Input probability() {
      return new Input(shape, layout, 0.05, 0.95, requiresGrad);
    }

    Input transposed() {
      return new Input(shape, Layout.TRANSPOSED, low, high, requiresGrad);
    }

    Input sliced() {
      return new Input(shape, Layout.SLICED, low, high, requiresGrad);
    }

    Input constant() {
      return new Input(shape, layout, low, high, false);
    }

    /** Returns a FLOAT64 leaf with this input's shape and layout, filled from {@code rnd}. */
    Variable make(SplittableRandom rnd) {
      int r = shape.length;
      int[] base = shape.clone();
      if (layout == Layout.TRANSPOSED) {
        base[r - 2] = shape[r - 1];
        base[r - 1] = shape[r - 2];
      } else if (layout == Layout.SLICED) {
        base[r - 1] = 2 * shape[r - 1] + 1;
      }
      double[] values = new double[Shape.of(base).numel()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rnd.nextDouble(low, high);
      }
      Tensor t = Tensor.of(values, base);
      if (layout == Layout.TRANSPOSED) {
        t = t.transpose(-2, -1);
      } else if (layout == Layout.SLICED) {
        t = t.slice(-1, 1, base[r - 1], 2);
      }
      return new Variable(t).requiresGrad(requiresGrad);
    }

    @Override
    public String toString() {
      return (requiresGrad ? "" : "const ") + layout.tag + Arrays.toString(shape);
    }
  }

  /** One gradcheck: an op applied to sample inputs, with the checker's step and tolerances. */
  record Sample(String op, GradCheck.Fn fn, List<Input> inputs, GradCheck checker) {
    Variable[] makeInputs(long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      Variable[] v = new Variable[inputs.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = inputs.get(i).make(rnd);
      }
      return v;
    }

    @Override
    public String toString() {
      return op + inputs.stream().map(Input::toString).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  /** Returns the class index {@code n % C} of each row of scores {@code [N, C]}. */
  private static Tensor classes(Variable scores) {
    int[] labels = new int[scores.size(0)];
    Arrays.setAll(labels, i -> i % scores.size(1));
    return Tensor.of(labels, labels.length);
  }

  static Input in(int... shape) {
    return new Input(shape, Layout.CONTIGUOUS, -1, 1, true);
  }

  private static final class Spec {
    private final String op;
    private final GradCheck.Fn fn;
    private final List<Sample> samples;
    private GradCheck checker = GradCheck.defaults();

    Spec(String op, GradCheck.Fn fn, List<Sample> samples) {
      this.op = op;
      this.fn = fn;
      this.samples = samples;
    }

    Spec tolerances(double eps, double atol, double rtol) {
      checker = GradCheck.withTolerances(eps, atol, rtol);
      return this;
    }

    Spec sample(Input... inputs) {
      samples.add(new Sample(op, fn, List.of(inputs), checker));
      return this;
    }
  }

  /** Returns every sample of every op. */
  static List<Sample> all() {
    List<Sample> s = new ArrayList<>();
    binary(s, "add", (a) -> a[0].add(a[1]), false);
    binary(s, "sub", (a) -> a[0].sub(a[1]), false);
    binary(s, "mul", (a) -> a[0].mul(a[1]), false);
    binary(s, "div", (a) -> a[0].div(a[1]), true);
    binary(s, "maximum", (a) -> a[0].maximum(a[1]), false);
    binary(s, "minimum", (a) -> a[0].minimum(a[1]), false);
    new Spec("pow", a -> a[0].pow(a[1]), s)
        .sample(in(2, 3).positive(), in(2, 3))
        .sample(in(2, 3).positive(), in(3))
        .sample(in().positive(), in(2, 2))
        .sample(in(3, 2).positive().transposed(), in(3, 2).constant());
    unary(s, "add(2.5)", a -> a[0].add(2.5), false);
    unary(s, "sub(1.5)", a -> a[0].sub(1.5), false);
    unary(s, "mul(-3)", a -> a[0].mul(-3), false);
    unary(s, "div(4)", a -> a[0].div(4), false);
    unary(s, "neg", a -> a[0].neg(), false);
    unary(s, "exp", a -> a[0].exp(), false);
    unary(s, "log", a -> a[0].log(), true);
    unary(s, "sqrt", a -> a[0].sqrt(), true);
    unary(s, "abs", a -> a[0].abs(), false);
    unary(s, "relu", a -> a[0].relu(), false);
    unary(s, "sigmoid", a -> a[0].sigmoid(), false);
    unary(s, "tanh", a -> a[0].tanh(), false);
    unary(s, "clamp", a -> a[0].clamp(-0.5, 0.5), false);
    activations(s);
    unary(s, "pow(3)", a -> a[0].pow(3), false);
    unary(s, "pow(-1.5)", a -> a[0].pow(-1.5), true);
    unary(s, "pow(0)", a -> a[0].pow(0), false);
    unary(s, "copy", a -> a[0].copy(), false);
    new Spec("to", a -> a[0].to(DType.FLOAT32).mul(2).to(DType.FLOAT64), s)
        .tolerances(1e-3, 1e-4, 1e-2)
        .sample(in(2, 3))
        .sample(in(3, 2).transposed());
    Tensor cond = Tensor.of(new int[] {1, 0, 1}, 3);
    new Spec("where", a -> Variable.where(cond, a[0], a[1]), s)
        .sample(in(2, 3), in(2, 3))
        .sample(in(2, 1), in(3))
        .sample(in(), in(3).constant())
        .sample(in(2, 3).transposed(), in(2, 3).sliced());
    new Spec("matmul", a -> a[0].matmul(a[1]), s)
        .sample(in(2, 3), in(3, 4))
        .sample(in(3), in(3, 4))
        .sample(in(2, 3), in(3))
        .sample(in(3), in(3))
        .sample(in(2, 2, 3), in(3, 4))
        .sample(in(2, 1, 2, 3), in(3, 3, 2))
        .sample(in(2, 3).transposed(), in(3, 4).transposed())
        .sample(in(2, 3).sliced(), in(3, 2).constant())
        .sample(in(0, 3), in(3, 2))
        .sample(in(2, 0), in(0, 3));
    new Spec("linear", a -> a[0].linear(a[1], a[2]), s)
        .sample(in(4, 3), in(5, 3), in(5))
        .sample(in(4, 3).transposed(), in(5, 3).sliced(), in(5).constant())
        .sample(in(4, 3).constant(), in(2, 3), in(2))
        .sample(in(0, 3), in(2, 3), in(2))
        .sample(in(3, 0), in(2, 0), in(2));
    new Spec("linear (no bias)", a -> a[0].linear(a[1], null), s)
        .sample(in(4, 3), in(5, 3))
        .sample(in(3, 4).transposed(), in(3, 4).constant());
    conv2d(s);
    convReluMaxPool(s);
    new Spec("sum", a -> a[0].sum(), s).sample(in(2, 3)).sample(in()).sample(in(0, 3));
    new Spec("sum(1)", a -> a[0].sum(1, false), s)
        .sample(in(2, 3))
        .sample(in(3, 2).transposed())
        .sample(in(0, 3));
    new Spec("sum([0, 2], keepdim)", a -> a[0].sum(new int[] {0, -1}, true), s)
        .sample(in(2, 3, 4))
        .sample(in(2, 4, 3).sliced());
    new Spec("mean", a -> a[0].mean(), s).sample(in(2, 3)).sample(in());
    new Spec("mean(0, keepdim)", a -> a[0].mean(0, true), s)
        .sample(in(2, 3))
        .sample(in(3, 2).transposed());
    new Spec("mean([1, 2])", a -> a[0].mean(new int[] {1, 2}, false), s).sample(in(2, 3, 4));
    new Spec("max", a -> a[0].max(), s).sample(in(2, 3)).sample(in(3, 2).transposed()).sample(in());
    new Spec("max(1)", a -> a[0].max(1, false), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(0, 4));
    new Spec("max(-2, keepdim)", a -> a[0].max(-2, true), s).sample(in(2, 3, 4));
    new Spec("logsumexp(1)", a -> a[0].logsumexp(1, false), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(0, 4));
    new Spec("logsumexp(0, keepdim)", a -> a[0].logsumexp(0, true), s).sample(in(3, 4).sliced());
    new Spec("logSoftmax(1)", a -> a[0].logSoftmax(1), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(0, 4));
    new Spec("logSoftmax(0)", a -> a[0].logSoftmax(0), s).sample(in(5)).sample(in(3, 4).sliced());
    new Spec("softmax(-1)", a -> a[0].softmax(-1), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(2, 2, 3));
    // Rank-0 tensors take dim 0 or -1, as in PyTorch.
    new Spec("sum(0) of rank 0", a -> a[0].sum(0, false), s).sample(in());
    new Spec("mean(-1, keepdim) of rank 0", a -> a[0].mean(-1, true), s).sample(in());
    new Spec("max(0) of rank 0", a -> a[0].max(0, false), s).sample(in());
    new Spec("logsumexp(-1) of rank 0", a -> a[0].logsumexp(-1, false), s).sample(in());
    new Spec("softmax(0) of rank 0", a -> a[0].softmax(0).mul(a[0]), s).sample(in());
    new Spec("logSoftmax(-1) of rank 0", a -> a[0].logSoftmax(-1).add(a[0]), s).sample(in());
    new Spec("reshape(3, -1)", a -> a[0].reshape(3, -1), s)
        .sample(in(2, 3))
        .sample(in(3, 2).transposed())
        .sample(in(2, 3).sliced())
        .sample(in(2, 0, 3));
    new Spec("transpose(0, -1)", a -> a[0].transpose(0, -1), s)
        .sample(in(2, 3, 4))
        .sample(in(2, 4, 3).transposed());
    new Spec("t", a -> a[0].t(), s).sample(in(2, 3)).sample(in(3)).sample(in(0, 2));
    new Spec("permute(2, 0, 1)", a -> a[0].permute(2, 0, 1), s)
        .sample(in(2, 3, 4))
        .sample(in(2, 3, 4).sliced());
    new Spec("expand(2, 3, 4)", a -> a[0].expand(2, 3, 4), s)
        .sample(in(3, 1))
        .sample(in(4))
        .sample(in())
        .sample(in(1, 3, 4).sliced());
    new Spec("expand(-1, 0)", a -> a[0].expand(-1, 0), s).sample(in(3, 1));
    new Spec("narrow(1, 1, 2)", a -> a[0].narrow(1, 1, 2), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(0, 4));
    new Spec("select(-1, 2)", a -> a[0].select(-1, 2), s)
        .sample(in(3, 4))
        .sample(in(3))
        .sample(in(4, 3).transposed());
    new Spec("unsqueeze(1)", a -> a[0].unsqueeze(1), s).sample(in(3, 2)).sample(in());
    new Spec("squeeze(1)", a -> a[0].squeeze(1), s).sample(in(3, 1, 2)).sample(in(3, 2));
    new Spec("flatten", a -> a[0].flatten(), s).sample(in(2, 3)).sample(in(3, 2).transposed());
    new Spec("flatten(1, 2)", a -> a[0].flatten(1, 2), s).sample(in(2, 3, 4));
    Tensor rows = Tensor.of(new int[] {2, 0, 2}, 3);
    new Spec("indexSelect(0)", a -> a[0].indexSelect(0, rows), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(3, 0));
    Tensor cols = Tensor.of(new int[] {0, 2, 2, 1, 1, 0}, 2, 3);
    new Spec("gather(1)", a -> a[0].gather(1, cols), s)
        .sample(in(2, 3))
        .sample(in(2, 3).transposed())
        .sample(in(2, 4).sliced());
    new Spec("dropout(0.5)", a -> a[0].dropout(0.5, Generator.seeded(7)), s)
        .sample(in(4, 5))
        .sample(in(5, 4).transposed());
    new Spec("dropout(1)", a -> a[0].dropout(1, Generator.seeded(7)), s).sample(in(2, 3));
    new Spec(
            "binary_cross_entropy_with_logits",
            a -> new BinaryCrossEntropyWithLogits(a[1].data()).apply(a[0]),
            s)
        .sample(in(2, 3), in(2, 3).probability().constant())
        .sample(in(), in().probability().constant())
        .sample(in(3, 2).transposed(), in(3, 2).probability().constant())
        .sample(in(0, 2), in(0, 2).probability().constant());
    new Spec("cross_entropy", a -> new CrossEntropy(classes(a[0])).apply(a[0]), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(2, 5).sliced())
        .sample(in(0, 4));
    new Spec("binary_cross_entropy", a -> new BinaryCrossEntropy(a[1].data()).apply(a[0]), s)
        .sample(in(2, 3).probability(), in(2, 3).probability().constant())
        .sample(in().probability(), in().probability().constant())
        .sample(in(3, 2).probability().transposed(), in(3, 2).probability().constant())
        .sample(in(4).probability().sliced(), in(4).probability().constant())
        .sample(in(0, 3).probability(), in(0, 3).probability().constant());
    Tensor labels = Tensor.of(new int[] {1, 0, 1, 1}, 4, 1);
    new Spec(
            "mlp",
            a ->
                a[0].matmul(a[1])
                    .add(a[2])
                    .tanh()
                    .matmul(a[3])
                    .logSoftmax(1)
                    .gather(1, labels)
                    .mean()
                    .neg(),
            s)
        .sample(in(4, 3), in(3, 5), in(5), in(5, 2))
        .sample(in(4, 3).constant(), in(3, 5).transposed(), in(5).sliced(), in(5, 2));
    new Spec("used twice", a -> a[0].mul(a[0]).add(a[0].exp()).sum(0, false), s)
        .sample(in(3, 2))
        .sample(in(2, 3).transposed());
    normalization(s);
    padding(s);
    everydayOps(s);
    pooling(s);
    return s;
  }

  /** Batch norm in training and evaluation mode, with and without weight and bias. */
  private static void normalization(List<Sample> s) {
    Input[] inputs = {
      in(4, 3),
      in(2, 3, 5),
      in(2, 3, 3, 5),
      in(1, 3, 4, 5),
      in(1, 3, 2),
      in(3, 3, 2, 4).transposed(),
      in(5, 3).sliced(),
      in(0, 3, 2, 2)
    };
    Tensor runningMean = Tensor.of(new double[] {0.25, -0.5, 0.125}, 3);
    Tensor runningVar = Tensor.of(new double[] {0.75, 1.5, 0.5}, 3);
    Spec train =
        new Spec(
            "batch_norm(training)",
            a -> BatchNorm.training(runningMean.copy(), runningVar.copy(), 0.1, 1e-5).apply(a[0]),
            s);
    Spec trainAffine =
        new Spec(
            "batch_norm(training, affine)",
            a -> BatchNorm.training(null, null, 0.1, 1e-5).apply(a[0], a[1], a[2]),
            s);
    Spec eval =
        new Spec(
            "batch_norm(eval)",
            a -> BatchNorm.evaluation(runningMean, runningVar, 1e-3).apply(a[0]),
            s);
    Spec evalAffine =
        new Spec(
            "batch_norm(eval, affine)",
            a -> BatchNorm.evaluation(runningMean, runningVar, 1e-5).apply(a[0], a[1], a[2]),
            s);
    for (Input x : inputs) {
      train.sample(x);
      trainAffine.sample(x, in(3), in(3));
      eval.sample(x);
      evalAffine.sample(x, in(3), in(3));
    }
    trainAffine.sample(in(4, 3, 2).constant(), in(3), in(3).constant());
    evalAffine.sample(in(4, 3, 2), in(3).constant(), in(3));
  }

  /** Constant padding, PyTorch's pad list, negative pads cropping. */
  private static void padding(List<Sample> s) {
    new Spec("constant_pad_nd(1, 2)", a -> new Pad(new int[] {1, 2}, 0).apply(a[0]), s)
        .sample(in(2, 3))
        .sample(in(3))
        .sample(in(3, 2).transposed())
        .sample(in(0, 3));
    new Spec(
            "constant_pad_nd(1, 0, 2, 1, value 0.5)",
            a -> new Pad(new int[] {1, 0, 2, 1}, 0.5).apply(a[0]),
            s)
        .sample(in(2, 3, 4))
        .sample(in(1, 3, 5).sliced())
        .sample(in(0, 1, 3));
    new Spec(
            "constant_pad_nd(-1, 2, 0, -1)",
            a -> new Pad(new int[] {-1, 2, 0, -1}, 0).apply(a[0]),
            s)
        .sample(in(3, 4, 5))
        .sample(in(2, 5, 4).transposed());
    new Spec("constant_pad_nd(-2, -1)", a -> new Pad(new int[] {-2, -1}, 1).apply(a[0]), s)
        .sample(in(2, 3))
        .sample(in(2, 4));
    new Spec(
            "constant_pad_nd(3 dims)",
            a -> new Pad(new int[] {1, 1, 0, 1, 1, 0}, -2).apply(a[0]),
            s)
        .sample(in(2, 3, 2))
        .sample(in(2, 2, 3, 2));
  }

  /**
   * The samples of {@code conv2d}: stride, padding (per side, including PyTorch's asymmetric {@code
   * same} for an even kernel), dilation, groups (depthwise too), with and without bias, batch 1,
   * odd sizes, non-contiguous inputs and a size-0 batch.
   */
  private static void conv2d(List<Sample> s) {
    new Spec("conv2d", a -> conv(new Conv2d(), a), s)
        .sample(in(2, 3, 5, 6), in(4, 3, 3, 3), in(4))
        .sample(in(1, 2, 4, 4), in(3, 2, 2, 2))
        .sample(in(2, 3, 5, 7).sliced(), in(2, 3, 3, 2), in(2))
        .sample(in(2, 2, 6, 5).transposed(), in(3, 2, 2, 3).constant(), in(3))
        .sample(in(2, 2, 3, 3).constant(), in(3, 2, 3, 3).transposed(), in(3).sliced())
        .sample(in(0, 2, 4, 4), in(3, 2, 3, 3), in(3));
    new Spec("conv2d(stride 2, padding 1)", a -> conv(options(2, 2, 1, 1, 1, 1, 1, 1, 1), a), s)
        .sample(in(2, 2, 7, 6), in(3, 2, 3, 3), in(3))
        .sample(in(1, 1, 5, 5), in(2, 1, 2, 2));
    new Spec(
            "conv2d(stride [2, 3], padding [1, 0, 2, 1], dilation [2, 1])",
            a -> conv(options(2, 3, 1, 0, 2, 1, 2, 1, 1), a),
            s)
        .sample(in(2, 2, 9, 8), in(3, 2, 2, 3), in(3))
        .sample(in(1, 3, 7, 9).sliced(), in(2, 3, 3, 2));
    new Spec(
            "conv2d(dilation 2, padding same)", a -> conv(options(1, 1, 2, 2, 2, 2, 2, 2, 1), a), s)
        .sample(in(2, 2, 5, 6), in(3, 2, 3, 3), in(3));
    new Spec(
            "conv2d(kernel 4, padding same = [1, 2, 1, 2])",
            a -> conv(options(1, 1, 1, 2, 1, 2, 1, 1, 1), a),
            s)
        .sample(in(2, 2, 5, 7), in(3, 2, 4, 4), in(3));
    new Spec("conv2d(groups 2)", a -> conv(options(1, 1, 1, 1, 0, 0, 1, 1, 2), a), s)
        .sample(in(2, 4, 5, 5), in(6, 2, 3, 3), in(6))
        .sample(in(1, 4, 3, 6).transposed(), in(2, 2, 1, 3));
    new Spec("conv2d(depthwise, groups 3)", a -> conv(options(1, 1, 1, 1, 1, 1, 1, 1, 3), a), s)
        .sample(in(2, 3, 6, 5), in(6, 1, 3, 3), in(6))
        .sample(in(1, 3, 4, 4), in(3, 1, 2, 2), in(3).constant());
  }

  /**
   * The samples of the fused {@code conv2d_relu_max_pool2d}: LeNet's blocks (padding, no bias), and
   * stride, dilation, groups with overlapping ceil-mode windows, a transposed input and a size-0
   * batch.
   */
  private static void convReluMaxPool(List<Sample> s) {
    new Spec(
            "conv2d_relu_max_pool2d",
            a -> fused(options(1, 1, 2, 2, 2, 2, 1, 1, 1), new MaxPool2d(2, 2), a),
            s)
        .sample(in(2, 1, 6, 6), in(3, 1, 3, 3), in(3))
        .sample(in(1, 2, 5, 7).transposed(), in(2, 2, 3, 3))
        .sample(in(0, 1, 4, 4), in(2, 1, 3, 3), in(2));
    new Spec(
            "conv2d_relu_max_pool2d(stride 2, dilation 2, groups 2; overlapping ceil_mode windows)",
            a ->
                fused(
                    options(2, 1, 1, 0, 2, 1, 1, 2, 2),
                    new MaxPool2d(3, 2).stride(2, 1).padding(1, 1).ceilMode(true),
                    a),
            s)
        .sample(in(2, 4, 7, 8), in(4, 2, 2, 2), in(4))
        .sample(in(1, 4, 6, 9).sliced(), in(2, 2, 3, 2));
  }

  private static Variable fused(Conv2d conv, MaxPool2d pool, Variable[] a) {
    ConvReluMaxPool op = new ConvReluMaxPool(conv, pool);
    return a.length > 2 ? op.apply(a[0], a[1], a[2]) : op.apply(a[0], a[1]);
  }

  private static Conv2d options(int... v) {
    return new Conv2d(
        new int[] {v[0], v[1]}, new int[] {v[2], v[3], v[4], v[5]}, new int[] {v[6], v[7]}, v[8]);
  }

  private static Variable conv(Conv2d op, Variable[] a) {
    return a.length > 2 ? op.apply(a[0], a[1], a[2]) : op.apply(a[0], a[1]);
  }

  /**
   * Pooling: stride, padding, dilation, ceil mode, count_include_pad and divisor, batch 1, odd
   * sizes, transposed and sliced inputs, unbatched inputs and a size-0 batch. Uniform random inputs
   * hold no ties, so the max-pool gradient is defined everywhere the check looks.
   */
  private static void pooling(List<Sample> s) {
    new Spec("max_pool2d(2)", a -> new MaxPool2d(2, 2).apply(a[0]), s)
        .sample(in(2, 3, 4, 4))
        .sample(in(1, 2, 5, 7))
        .sample(in(2, 2, 5, 6).transposed())
        .sample(in(1, 2, 4, 5).sliced())
        .sample(in(3, 4, 4))
        .sample(in(0, 2, 4, 4));
    new Spec(
            "max_pool2d(3, stride 2, padding 1)",
            a -> new MaxPool2d(3, 3).stride(2, 2).padding(1, 1).apply(a[0]),
            s)
        .sample(in(1, 2, 5, 5))
        .sample(in(2, 1, 6, 7).transposed());
    new Spec(
            "max_pool2d((2, 3), stride (1, 2), dilation (2, 1), ceil_mode)",
            a -> new MaxPool2d(2, 3).stride(1, 2).dilation(2, 1).ceilMode(true).apply(a[0]),
            s)
        .sample(in(2, 2, 7, 6))
        .sample(in(1, 1, 5, 8).sliced());
    new Spec(
            "max_pool2d(3, stride 2, padding 1, dilation 2, ceil_mode)",
            a ->
                new MaxPool2d(3, 3)
                    .stride(2, 2)
                    .padding(1, 1)
                    .dilation(2, 2)
                    .ceilMode(true)
                    .apply(a[0]),
            s)
        .sample(in(1, 2, 8, 9));
    new Spec("avg_pool2d(2)", a -> new AvgPool2d(2, 2).apply(a[0]), s)
        .sample(in(2, 3, 4, 4))
        .sample(in(1, 2, 5, 7))
        .sample(in(2, 2, 5, 6).transposed())
        .sample(in(1, 2, 4, 5).sliced())
        .sample(in(3, 4, 4))
        .sample(in(0, 2, 4, 4));
    new Spec(
            "avg_pool2d(3, stride 2, padding 1)",
            a -> new AvgPool2d(3, 3).stride(2, 2).padding(1, 1).apply(a[0]),
            s)
        .sample(in(1, 2, 5, 5))
        .sample(in(2, 1, 6, 7).transposed());
    new Spec(
            "avg_pool2d(3, stride 2, padding 1, ceil_mode, count_include_pad=False)",
            a ->
                new AvgPool2d(3, 3)
                    .stride(2, 2)
                    .padding(1, 1)
                    .ceilMode(true)
                    .countIncludePad(false)
                    .apply(a[0]),
            s)
        .sample(in(2, 2, 6, 7))
        .sample(in(1, 1, 7, 6).sliced());
    new Spec(
            "avg_pool2d((2, 3), stride (2, 1), padding (1, 1), ceil_mode, divisor_override 5)",
            a ->
                new AvgPool2d(2, 3)
                    .stride(2, 1)
                    .padding(1, 1)
                    .ceilMode(true)
                    .divisorOverride(5)
                    .apply(a[0]),
            s)
        .sample(in(1, 2, 5, 5));
    new Spec("adaptive_avg_pool2d(2, 3)", a -> new AdaptiveAvgPool2d(2, 3).apply(a[0]), s)
        .sample(in(2, 3, 5, 7))
        .sample(in(1, 2, 4, 3))
        .sample(in(2, 2, 5, 6).transposed())
        .sample(in(1, 2, 4, 5).sliced())
        .sample(in(3, 5, 5))
        .sample(in(0, 2, 4, 4));
    new Spec("adaptive_avg_pool2d(1, 1)", a -> new AdaptiveAvgPool2d(1, 1).apply(a[0]), s)
        .sample(in(2, 3, 4, 4));
    new Spec("adaptive_avg_pool2d(4, 5)", a -> new AdaptiveAvgPool2d(4, 5).apply(a[0]), s)
        .sample(in(1, 2, 3, 3));
  }

  /** The activations of torch.nn.functional; inputs in [-3, 3] reach every branch. */
  private static void activations(List<Sample> s) {
    unary(s, "erf", a -> a[0].erf(), false);
    unary(s, "erfc", a -> a[0].mul(2.5).erfc(), false);
    unary(s, "gelu", a -> a[0].mul(3).gelu(), false);
    unary(s, "gelu(tanh)", a -> a[0].mul(3).gelu("tanh"), false);
    unary(s, "silu", a -> a[0].mul(3).silu(), false);
    unary(s, "softplus", a -> a[0].mul(3).softplus(), false);
    unary(s, "softplus(2, 1)", a -> a[0].mul(3).softplus(2, 1), false);
    unary(s, "elu(1.5)", a -> a[0].mul(3).elu(1.5), false);
    unary(s, "hardtanh(-0.5, 0.25)", a -> a[0].hardtanh(-0.5, 0.25), false);
    unary(s, "leakyRelu(0.2)", a -> a[0].leakyRelu(0.2), false);
  }

  private static void binary(List<Sample> s, String op, GradCheck.Fn fn, boolean positiveRight) {
    Input[][] pairs = {
      {in(2, 3), in(2, 3)},
      {in(2, 3), in(3)},
      {in(2, 1), in(1, 3)},
      {in(), in(2, 3)},
      {in(), in()},
      {in(3, 2).transposed(), in(3, 2)},
      {in(2, 3).sliced(), in(2, 1)},
      {in(0, 3), in(3)},
      {in(2, 3), in(2, 3).constant()},
    };
    Spec spec = new Spec(op, fn, s);
    for (Input[] p : pairs) {
      spec.sample(p[0], positiveRight ? p[1].positive() : p[1]);
    }
  }

  private static void unary(List<Sample> s, String op, GradCheck.Fn fn, boolean positive) {
    Input[] inputs = {in(2, 3), in(), in(3, 2).transposed(), in(4).sliced(), in(0, 3)};
    Spec spec = new Spec(op, fn, s);
    for (Input i : inputs) {
      spec.sample(positive ? i.positive() : i);
    }
  }

  /** The ops of issue 15's everyday list: min, joining, statistics, scans, masks and slicing. */
  private static void everydayOps(List<Sample> s) {
    new Spec("min", a -> a[0].min(), s).sample(in(2, 3)).sample(in(3, 2).transposed()).sample(in());
    new Spec("min(1)", a -> a[0].min(1, false), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(0, 4));
    new Spec("min(-2, keepdim)", a -> a[0].min(-2, true), s)
        .sample(in(2, 3, 4))
        .sample(in(2, 3, 4).sliced());
    new Spec("cat(1)", a -> Variable.cat(List.of(a), 1), s)
        .sample(in(2, 3), in(2, 1))
        .sample(in(2, 3).transposed(), in(2, 2).sliced(), in(2, 0))
        .sample(in(2, 3), in(0), in(2, 2).constant());
    new Spec("cat(-1)", a -> Variable.cat(List.of(a), -1), s).sample(in(3), in(2)).sample(in(4));
    new Spec("cat(0)", a -> Variable.cat(List.of(a), 0), s).sample(in(0, 3), in(2, 3));
    new Spec("stack(1)", a -> Variable.stack(List.of(a), 1), s)
        .sample(in(2, 3), in(2, 3).transposed())
        .sample(in(), in());
    new Spec("stack(-1)", a -> Variable.stack(List.of(a), -1), s).sample(in(3), in(3).sliced());
    new Spec("split(2, 1)", a -> weighted(a[0].split(2, 1), 1), s)
        .sample(in(2, 5))
        .sample(in(5, 2).transposed())
        .sample(in(2, 0));
    new Spec("split([1, 0, 3], -1)", a -> weighted(a[0].split(new int[] {1, 0, 3}, -1), -1), s)
        .sample(in(2, 4).sliced());
    new Spec("chunk(3, 0)", a -> weighted(a[0].chunk(3, 0), 0), s)
        .sample(in(5, 2))
        .sample(in(6))
        .sample(in(0, 2));
    prodSpecs(s);
  }

  private static void prodSpecs(List<Sample> s) {
    new Spec("prod", a -> a[0].prod(), s)
        .sample(in(2, 3))
        .sample(in(3, 2).transposed())
        .sample(in())
        .sample(in(0, 3));
    new Spec("prod(1)", a -> a[0].prod(1, false), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(3, 0));
    new Spec("prod(-2, keepdim)", a -> a[0].prod(-2, true), s)
        .sample(in(2, 3, 4).sliced())
        .sample(in(2, 3));
    Tensor oneZero = Tensor.of(new int[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, 3, 4);
    new Spec("prod(1) of zeros", a -> a[0].maskedFill(oneZero, 0).prod(1, false), s)
        .sample(in(3, 4))
        .sample(in(3, 4).sliced());
    new Spec("prod of a zero", a -> a[0].maskedFill(oneZero.narrow(0, 0, 2), 0).prod(), s)
        .sample(in(2, 4));
    new Spec("prod of two zeros", a -> a[0].maskedFill(oneZero.narrow(0, 1, 2), 0).prod(), s)
        .sample(in(2, 4));
    new Spec("cumsum(1)", a -> a[0].cumsum(1), s)
        .sample(in(3, 4))
        .sample(in(4, 3).transposed())
        .sample(in(3, 0))
        .sample(in(3, 1));
    new Spec("cumsum(-1)", a -> a[0].cumsum(-1), s).sample(in(5).sliced()).sample(in());
    statisticsSpecs(s);
  }

  private static void statisticsSpecs(List<Sample> s) {
    new Spec("var", a -> a[0].var(), s).sample(in(2, 3)).sample(in(3, 2).transposed());
    new Spec("var([1], correction 0, keepdim)", a -> a[0].var(new int[] {1}, 0, true), s)
        .sample(in(3, 4))
        .sample(in(4, 3).sliced());
    new Spec("var([0, -1], unbiased)", a -> a[0].var(new int[] {0, -1}, true, false), s)
        .sample(in(2, 3, 4))
        .sample(in(0, 3, 2));
    new Spec("var([1], correction 2)", a -> a[0].var(new int[] {1}, 2, false), s)
        .sample(in(2, 5).transposed());
    new Spec("std", a -> a[0].std(), s).sample(in(2, 3)).sample(in(3, 2).transposed());
    new Spec("std([-1], correction 0, keepdim)", a -> a[0].std(new int[] {-1}, 0, true), s)
        .sample(in(3, 4))
        .sample(in(4, 3).sliced());
    new Spec("std([0, 2], unbiased)", a -> a[0].std(new int[] {0, 2}, true, false), s)
        .sample(in(2, 3, 4));
    new Spec("norm", a -> a[0].norm(), s)
        .sample(in(2, 3))
        .sample(in(3, 2).transposed())
        .sample(in())
        .sample(in(0, 3));
    double[] orders = {1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0.5, 1.5, 3};
    for (double p : orders) {
      new Spec("norm(" + p + ", [1])", a -> a[0].norm(p, new int[] {1}, false), s)
          .sample(in(3, 4))
          .sample(in(4, 3).sliced());
      new Spec("norm(" + p + ", [0, -1], keepdim)", a -> a[0].norm(p, new int[] {0, -1}, true), s)
          .sample(in(2, 3, 4).transposed());
    }
    new Spec("norm('fro', [0, 1])", a -> a[0].norm("fro", new int[] {0, 1}, false), s)
        .sample(in(3, 2, 2));
    maskAndScatterSpecs(s);
    new Spec("slice(1, 1, 6, 2)", a -> a[0].slice(1, 1, 6, 2), s)
        .sample(in(3, 7))
        .sample(in(7, 3).transposed())
        .sample(in(2, 7).sliced())
        .sample(in(0, 7));
    new Spec("slice(-1, -4, 100, 3)", a -> a[0].slice(-1, -4, 100, 3), s)
        .sample(in(2, 5))
        .sample(in(6));
    new Spec("slice(0, 3, 1, 1)", a -> a[0].slice(0, 3, 1, 1), s).sample(in(4, 2));
  }

  private static void maskAndScatterSpecs(List<Sample> s) {
    Tensor mask = Tensor.of(new int[] {1, 0, 0, 1}, 4);
    new Spec("maskedFill(mask, 2)", a -> a[0].maskedFill(mask, 2), s)
        .sample(in(3, 4))
        .sample(in(4).sliced())
        .sample(in(4, 4).transposed())
        .sample(in(0, 4));
    Tensor cols = Tensor.of(new int[] {0, 2, 3, 1, 0, 2}, 2, 3);
    new Spec("scatter(1, src)", a -> a[0].scatter(1, cols, a[1]), s)
        .sample(in(2, 4), in(2, 3))
        .sample(in(2, 4).transposed(), in(2, 5).sliced())
        .sample(in(2, 4).constant(), in(3, 3))
        .sample(in(2, 4), in(2, 3).constant());
    new Spec("scatter(1, 2.5)", a -> a[0].scatter(1, cols, 2.5), s)
        .sample(in(2, 4))
        .sample(in(3, 5).sliced());
    Tensor rows = Tensor.of(new int[] {2, 0, 0, 1}, 2, 2);
    new Spec("scatter(0, src)", a -> a[0].scatter(0, rows, a[1]), s).sample(in(3, 2), in(2, 2));
    Tensor repeated = Tensor.of(new int[] {1, 1, 3, 0, 0, 0}, 2, 3);
    new Spec("scatterAdd(-1)", a -> a[0].scatterAdd(-1, repeated, a[1]), s)
        .sample(in(2, 4), in(2, 3))
        .sample(in(2, 4).transposed(), in(3, 4).sliced())
        .sample(in(2, 4).constant(), in(2, 3));
  }

  /** Joins pieces again, piece i times i + 1, so that each piece's gradient is distinct. */
  static Variable weighted(List<Variable> pieces, int dim) {
    List<Variable> scaled = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      scaled.add(pieces.get(i).mul(i + 1));
    }
    return Variable.cat(scaled, dim);
  }
}
