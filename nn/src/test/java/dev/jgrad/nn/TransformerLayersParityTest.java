package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * {@code layer_norm} and {@code embedding} against {@code torch.nn.functional} in float64, values
 * and the gradients of the input, weight and bias to 1e-10 relative: one and two normalized
 * dimensions, without the affine transform, another eps, rows offset by 100 and constant rows (at
 * an offset of 1e4 jgrad and PyTorch differ from the exact gradient by 1e-9 and 2e-9); index
 * tensors of rank 0 to 3 with repeated rows, a padding row (also given negatively) that receives no
 * gradient. The modules against {@code torch.nn}'s: forward and input gradient, and reprs.
 */
class TransformerLayersParityTest extends TorchParityTest {
  private static final double RTOL = 1e-10;

  TransformerLayersParityTest() {
    super("layer_norm and embedding", RTOL, cases());
  }

  private static TorchCases cases() {
    SplittableRandom rnd = new SplittableRandom(31);
    TorchCases c = new TorchCases("TransformerLayersParityTest");
    Tensor x = TorchCases.uniform(rnd, -2, 2, 3, 4, 5).transpose(1, 2);
    Tensor w4 = TorchCases.uniform(rnd, 0.5, 1.5, 4);
    Tensor b4 = TorchCases.uniform(rnd, -1, 1, 4);
    Tensor w54 = TorchCases.uniform(rnd, 0.5, 1.5, 5, 4);
    Tensor b54 = TorchCases.uniform(rnd, -1, 1, 5, 4);
    double[] hard = TorchCases.uniform(rnd, -1, 1, 3, 4).toDoubleArray();
    for (int i = 0; i < 4; i++) {
      hard[i] += 100;
      hard[8 + i] = 0.75;
    }
    Tensor offset = Tensor.of(hard, 3, 4);
    c.add(
        "layer_norm (4,)",
        a -> Functional.layerNorm(a[0], new int[] {4}, a[1], a[2], 1e-5),
        "F.layer_norm(a0, (4,), a1, a2, 1e-5)",
        x,
        w4,
        b4);
    c.add(
        "layer_norm (5, 4)",
        a -> Functional.layerNorm(a[0], new int[] {5, 4}, a[1], a[2], 1e-5),
        "F.layer_norm(a0, (5, 4), a1, a2, 1e-5)",
        x,
        w54,
        b54);
    c.add(
        "layer_norm (4,), no affine, eps 1e-3",
        a -> Functional.layerNorm(a[0], new int[] {4}, null, null, 1e-3),
        "F.layer_norm(a0, (4,), None, None, 1e-3)",
        x);
    c.add(
        "layer_norm, offset and constant rows",
        a -> Functional.layerNorm(a[0], new int[] {4}, a[1], a[2], 1e-5),
        "F.layer_norm(a0, (4,), a1, a2, 1e-5)",
        offset,
        w4,
        b4);
    c.add(
        "nn.LayerNorm(4)",
        a -> new LayerNorm(4).to(DType.FLOAT64).forward(a[0]),
        "nn.LayerNorm(4, dtype=torch.float64)(a0)",
        x);
    c.add(
        "nn.LayerNorm((5, 4), eps 0.1, no affine)",
        a -> new LayerNorm(new int[] {5, 4}, 0.1, false).forward(a[0]),
        "nn.LayerNorm((5, 4), eps=0.1, elementwise_affine=False)(a0)",
        x);
    Tensor table = TorchCases.uniform(rnd, -1, 1, 7, 3);
    Tensor[] indices = {
      Tensor.of(new int[] {4, 0, 4, 6, 2, 0}, 2, 3),
      Tensor.of(new int[] {5}, 1).reshape(),
      Tensor.of(new int[] {1, 1, 3, 0, 6, 6, 2, 5}, 2, 2, 2),
    };
    for (Tensor idx : indices) {
      String shape = idx.shape().toString();
      c.add(
          "embedding " + shape,
          a -> Functional.embedding(a[1].data(), a[0], null),
          "F.embedding(a1, a0)",
          table,
          idx);
      c.add(
          "embedding " + shape + ", padding_idx 0",
          a -> Functional.embedding(a[1].data(), a[0], 0),
          "F.embedding(a1, a0, padding_idx=0)",
          table,
          idx);
      c.add(
          "embedding " + shape + ", padding_idx -1",
          a -> Functional.embedding(a[1].data(), a[0], -1),
          "F.embedding(a1, a0, padding_idx=-1)",
          table,
          idx);
    }
    c.add(
        "nn.Embedding.from_pretrained, padding_idx 4",
        new boolean[] {false, false},
        a -> Embedding.fromPretrained(a[0].data(), false, 4).forward(new Variable(a[1].data())),
        "nn.Embedding.from_pretrained(a0, freeze=False, padding_idx=4)(a1)",
        table,
        indices[0]);
    return c.repr(new LayerNorm(4), "nn.LayerNorm(4)")
        .repr(
            new LayerNorm(new int[] {3, 4}, 1e-6, false),
            "nn.LayerNorm((3, 4), eps=1e-6, elementwise_affine=False)")
        .repr(new Embedding(10, 3), "nn.Embedding(10, 3)")
        .repr(new Embedding(10, 3, -1), "nn.Embedding(10, 3, padding_idx=-1)");
  }
}
