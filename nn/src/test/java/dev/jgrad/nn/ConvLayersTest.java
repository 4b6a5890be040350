package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.GradCheck;
import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Init.FanMode;
import dev.jgrad.nn.Init.Nonlinearity;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The convolution layers and functions: PyTorch's parameter layout, initialization, state-dict keys
 * and printed form, unbatched inputs, numerical gradients of {@code conv1d} and of {@code conv2d}'s
 * named paddings, and the messages of every refused argument.
 */
class ConvLayersTest {

  private static Variable leaf(SplittableRandom rnd, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(-1, 1);
    }
    return new Variable(Tensor.of(v, shape)).requiresGrad(true);
  }

  @Test
  void conv2dHasPyTorchLayoutKeysAndInit() {
    Conv2d conv = Conv2d.builder(3, 8, 5, 3).groups(1).generator(Generator.seeded(4)).build();
    assertEquals(Shape.of(8, 3, 5, 3), conv.weight().shape());
    assertEquals(Shape.of(8), conv.bias().shape());
    assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
    assertEquals(DType.FLOAT32, conv.weight().dtype());
    Generator again = Generator.seeded(4);
    Tensor w = Tensor.zeros(Shape.of(8, 3, 5, 3), DType.FLOAT32);
    Init.kaimingUniform(w, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, again);
    assertArrayEquals(w.toFloatArray(), conv.weight().data().toFloatArray());
    double bound = 1 / Math.sqrt(3 * 5 * 3);
    Tensor b = Init.uniform(Tensor.zeros(Shape.of(8), DType.FLOAT32), -bound, bound, again);
    assertArrayEquals(b.toFloatArray(), conv.bias().data().toFloatArray());
    assertTrue(conv.weight().data().abs().max().item() <= bound);
    assertTrue(conv.weight().data().abs().max().item() > 0.9 * bound);
  }

  @Test
  void groupedAndOneDimensionalLayersHaveTheirWeightShapes() {
    Conv2d depthwise = Conv2d.builder(6, 12, 3).groups(6).bias(false).build();
    assertEquals(Shape.of(12, 1, 3, 3), depthwise.weight().shape());
    assertNull(depthwise.bias());
    assertEquals(List.of("weight"), List.copyOf(depthwise.stateDict().keySet()));
    Conv1d conv = Conv1d.builder(4, 6, 3).groups(2).dtype(DType.FLOAT64).build();
    assertEquals(Shape.of(6, 2, 3), conv.weight().shape());
    assertEquals(DType.FLOAT64, conv.bias().dtype());
    assertArrayEquals(new int[] {3}, conv.kernelSize());
    assertEquals(ConvOptions.defaults().groups(2), conv.options());
  }

  @Test
  void layersWithoutAGeneratorDrawFromTheDefault() {
    Generator.manualSeed(21);
    Conv2d fromDefault = new Conv2d(2, 3, 3);
    Conv1d oneD = new Conv1d(2, 3, 3);
    Generator explicit = Generator.seeded(21);
    assertArrayEquals(
        new Conv2d(2, 3, 3, explicit).weight().data().toFloatArray(),
        fromDefault.weight().data().toFloatArray());
    assertArrayEquals(
        new Conv1d(2, 3, 3, explicit).bias().data().toFloatArray(),
        oneD.bias().data().toFloatArray());
  }

  @Test
  void layersPrintAsPyTorch() {
    assertEquals(
        "Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))",
        Conv2d.builder(1, 6, 5).padding(2).build().toString());
    assertEquals(
        "Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=same, dilation=(2, 2),"
            + " bias=false)",
        Conv2d.builder(1, 6, 5).padding("same").dilation(2).bias(false).build().toString());
    assertEquals(
        "Conv2d(4, 6, kernel_size=(3, 5), stride=(2, 1), padding=(1, 2), groups=2)",
        Conv2d.builder(4, 6, 3, 5).stride(2, 1).padding(1, 2).groups(2).build().toString());
    assertEquals(
        "Conv1d(4, 6, kernel_size=(3,), stride=(2,), padding=valid)",
        Conv1d.builder(4, 6, 3).stride(2).padding("valid").build().toString());
    assertEquals("Conv1d(4, 6, kernel_size=(3,), stride=(1,))", new Conv1d(4, 6, 3).toString());
    assertEquals(
        "ConvOptions(stride=[2, 1], padding=same, dilation=[1], groups=3)",
        ConvOptions.defaults().stride(2, 1).padding("same").groups(3).toString());
  }

  @Test
  void lenetLayersGiveTheirOutputSizes() {
    Variable x = new Variable(Tensor.rand(Generator.seeded(1), 4, 1, 28, 28));
    Variable h = Conv2d.builder(1, 6, 5).padding(2).build().forward(x);
    assertEquals(Shape.of(4, 6, 28, 28), h.shape());
    assertEquals(Shape.of(4, 16, 24, 24), new Conv2d(6, 16, 5).forward(h).shape());
    Variable strided = Conv2d.builder(1, 2, 3).stride(2).padding(1).build().forward(x);
    assertEquals(Shape.of(4, 2, 14, 14), strided.shape());
    Variable seq = new Variable(Tensor.rand(Generator.seeded(2), 2, 3, 10));
    assertEquals(
        Shape.of(2, 5, 10), Conv1d.builder(3, 5, 4).padding("same").build().forward(seq).shape());
  }

  @Test
  void unbatchedInputsGiveUnbatchedOutputsEqualToABatchOfOne() {
    SplittableRandom rnd = new SplittableRandom(3);
    Variable x = leaf(rnd, 3, 6, 7);
    Variable w = leaf(rnd, 2, 3, 3, 3);
    Variable b = leaf(rnd, 2);
    Variable y = Functional.conv2d(x, w, b, ConvOptions.defaults().padding(1));
    Variable batched = Functional.conv2d(x.unsqueeze(0), w, b, ConvOptions.defaults().padding(1));
    assertEquals(Shape.of(2, 6, 7), y.shape());
    assertArrayEquals(batched.data().toDoubleArray(), y.data().toDoubleArray());
    Variable seq = leaf(rnd, 3, 9);
    assertEquals(Shape.of(4, 7), Functional.conv1d(seq, leaf(rnd, 4, 3, 3), null).shape());
  }

  @Test
  void conv1dAndNamedPaddingsHaveTheirNumericalGradients() {
    SplittableRandom rnd = new SplittableRandom(11);
    ConvOptions d = ConvOptions.defaults();
    record Sample(GradCheck.Fn fn, Variable... inputs) {}
    List<Sample> samples =
        List.of(
            new Sample(
                a -> Functional.conv1d(a[0], a[1], a[2]),
                leaf(rnd, 2, 3, 7),
                leaf(rnd, 4, 3, 3),
                leaf(rnd, 4)),
            new Sample(
                a -> Functional.conv1d(a[0], a[1], a[2], d.stride(2).padding(1).dilation(2)),
                leaf(rnd, 2, 2, 9),
                leaf(rnd, 3, 2, 3),
                leaf(rnd, 3)),
            new Sample(
                a -> Functional.conv1d(a[0], a[1], null, d.padding("same").groups(2)),
                leaf(rnd, 1, 4, 6),
                leaf(rnd, 6, 2, 4)),
            new Sample(
                a -> Functional.conv1d(a[0], a[1], a[2], d.groups(3)),
                leaf(rnd, 2, 3, 5),
                leaf(rnd, 3, 1, 2),
                leaf(rnd, 3)),
            new Sample(
                a -> Functional.conv1d(a[0], a[1], a[2]),
                leaf(rnd, 3, 5),
                leaf(rnd, 2, 3, 2),
                leaf(rnd, 2)),
            new Sample(
                a -> Functional.conv1d(a[0].transpose(1, 2), a[1], a[2], d.padding("valid")),
                leaf(rnd, 2, 6, 3),
                leaf(rnd, 2, 3, 3),
                leaf(rnd, 2)),
            new Sample(
                a -> Functional.conv1d(a[0], a[1], a[2]),
                leaf(rnd, 0, 2, 5),
                leaf(rnd, 3, 2, 2),
                leaf(rnd, 3)),
            new Sample(
                a -> Functional.conv2d(a[0], a[1], a[2], d.padding("same").dilation(1, 2)),
                leaf(rnd, 2, 2, 5, 6),
                leaf(rnd, 3, 2, 2, 3),
                leaf(rnd, 3)),
            new Sample(
                a -> Functional.conv2d(a[0], a[1], a[2], d.padding("valid").stride(2)),
                leaf(rnd, 2, 6, 7),
                leaf(rnd, 3, 2, 3, 2),
                leaf(rnd, 3)));
    for (Sample s : samples) {
      GradCheck.defaults().verify(s.fn(), s.inputs());
    }
  }

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }

  @Test
  void functionsRefuseBadShapesNamingThem() {
    SplittableRandom rnd = new SplittableRandom(5);
    ConvOptions d = ConvOptions.defaults();
    Variable x = leaf(rnd, 2, 3, 8, 8);
    assertMessage(
        "conv2d: input [2, 3, 8, 8] has 3 channels, weight [6, 4, 5, 5] expects 4 (groups 1)",
        () -> Functional.conv2d(x, leaf(rnd, 6, 4, 5, 5), null));
    assertMessage(
        "conv2d: input [2, 3, 8, 8] has 3 channels, weight [6, 1, 5, 5] expects 2 (groups 2)",
        () -> Functional.conv2d(x, leaf(rnd, 6, 1, 5, 5), null, d.groups(2)));
    assertMessage(
        "conv2d: weight [5, 1, 3, 3] has 5 output channels, not divisible by groups 3",
        () -> Functional.conv2d(x, leaf(rnd, 5, 1, 3, 3), null, d.groups(3)));
    assertMessage(
        "conv2d: bias [5] must be 1-D with 6 elements, one per output channel of weight"
            + " [6, 3, 3, 3]",
        () -> Functional.conv2d(x, leaf(rnd, 6, 3, 3, 3), leaf(rnd, 5)));
    assertMessage(
        "conv2d: expected a 3-D (unbatched) or 4-D (batched) input, got [3, 8]",
        () -> Functional.conv2d(leaf(rnd, 3, 8), leaf(rnd, 6, 3, 3, 3), null));
    assertMessage(
        "conv2d: expected a 4-D weight [out_channels, in_channels / groups, kernel_height,"
            + " kernel_width], got [6, 3, 3]",
        () -> Functional.conv2d(x, leaf(rnd, 6, 3, 3), null));
    assertMessage(
        "conv2d: padded input size 10 (input [2, 3, 8, 8], padding [1, 1, 0, 0]) is smaller than"
            + " the dilated kernel size 11 (weight [1, 3, 6, 3], dilation [2, 1])",
        () -> Functional.conv2d(x, leaf(rnd, 1, 3, 6, 3), null, d.padding(1, 0).dilation(2, 1)));
    assertMessage(
        "conv2d: padding='same' is not supported for strided convolutions (stride [2, 2])",
        () -> Functional.conv2d(x, leaf(rnd, 1, 3, 3, 3), null, d.stride(2).padding("same")));
    assertMessage(
        "conv1d: stride [2, 1] has 2 values, expected 1",
        () -> Functional.conv1d(leaf(rnd, 2, 3, 8), leaf(rnd, 4, 3, 3), null, d.stride(2, 1)));
    assertMessage(
        "conv1d: input [2, 3, 8] has 3 channels, weight [4, 2, 3] expects 2 (groups 1)",
        () -> Functional.conv1d(leaf(rnd, 2, 3, 8), leaf(rnd, 4, 2, 3), null));
    assertMessage(
        "conv1d: input, weight and bias must have one dtype, got FLOAT64, FLOAT32 and no bias",
        () ->
            Functional.conv1d(
                leaf(rnd, 2, 3, 8),
                new Variable(Tensor.zeros(Shape.of(4, 3, 3), DType.FLOAT32)),
                null));
    assertMessage(
        "ConvOptions: invalid padding string 'full', should be 'valid' or 'same'",
        () -> d.padding("full"));
    assertMessage("ConvOptions: stride must be at least 1, got [0]", () -> d.stride(0));
    assertMessage("ConvOptions: padding must be at least 0, got [1, -1]", () -> d.padding(1, -1));
    assertMessage(
        "ConvOptions: dilation must have 1 value or one per spatial dimension, got [1, 1, 1]",
        () -> d.dilation(1, 1, 1));
    assertMessage("ConvOptions: groups must be at least 1, got 0", () -> d.groups(0));
  }

  @Test
  void layersRefuseBadArgumentsNamingThem() {
    assertMessage(
        "Conv2d: in_channels 4 must be divisible by groups 3",
        () -> Conv2d.builder(4, 6, 3).groups(3).build());
    assertMessage(
        "Conv1d: out_channels 5 must be divisible by groups 2",
        () -> Conv1d.builder(4, 5, 3).groups(2).build());
    assertMessage(
        "Conv2d: padding_mode 'reflect' is not supported, only 'zeros' (pad the input with"
            + " Functional's padding first for other modes)",
        () -> Conv2d.builder(4, 6, 3).paddingMode("reflect").build());
    assertMessage(
        "Conv2d: padding='same' is not supported for strided convolutions (stride [2, 2])",
        () -> Conv2d.builder(4, 6, 3).padding("same").stride(2).build());
    assertMessage(
        "Conv2d: in_channels and out_channels must be at least 1, got 0 and 6",
        () -> new Conv2d(0, 6, 3));
    assertMessage("Conv1d: kernel_size must be at least 1, got [0]", () -> new Conv1d(2, 6, 0));
    assertMessage(
        "Conv2d: expected a floating dtype, got INT32",
        () -> Conv2d.builder(2, 6, 3).dtype(DType.INT32).build());
    Sequential model = new Sequential(new Conv2d(1, 6, 5, Generator.seeded(1)));
    assertMessage(
        "0 (Conv2d 1→6, kernel 5×5): conv2d: input [2, 3, 8, 8] has 3 channels, weight"
            + " [6, 1, 5, 5] expects 1 (groups 1)",
        () -> model.forward(new Variable(Tensor.zeros(2, 3, 8, 8))));
  }

  @Test
  void float32LayerAgreesWithItsFloat64Twin() {
    Conv2d f32 = Conv2d.builder(3, 4, 3).padding(1).generator(Generator.seeded(9)).build();
    Conv2d f64 = Conv2d.builder(3, 4, 3).padding(1).generator(Generator.seeded(9)).build();
    f64.to(DType.FLOAT64);
    Tensor x = Tensor.rand(Generator.seeded(3), 2, 3, 6, 5);
    double[] single = f32.forward(new Variable(x)).data().toDoubleArray();
    double[] precise = f64.forward(new Variable(x.to(DType.FLOAT64))).data().toDoubleArray();
    assertArrayEquals(precise, single, 1e-5);
  }
}
