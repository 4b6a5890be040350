package dev.jgrad.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code constant_pad_nd}: {@code result = self} surrounded by {@code value}, as {@code F.pad(self,
 * pad, mode='constant', value)}. The pad list is PyTorch's, last dimension first: {@code (left,
 * right)} for the last dimension, then {@code (top, bottom)} for the one before, and so on; a
 * negative pad crops that many elements instead. The gradient is the slice of {@code grad} that
 * holds {@code self}'s kept elements, and 0 for the cropped ones.
 *
 * <pre>
 * self: constant_pad_nd_backward(grad, pad) = constant_pad_nd(grad, -pad, 0)
 * </pre>
 */
public final class Pad extends Function {
  private final int[] pad;
  private final double value;
  private Shape inputShape;

  /**
   * Creates the op.
   *
   * @param pad pairs of pads, last dimension first: {@code (left, right, top, bottom, ...)}; an
   *     even number of them, at most two per dimension of the input; negative ones crop
   * @param value the value of the added elements
   */
  public Pad(int[] pad, double value) {
    this.pad = pad.clone();
    this.value = value;
  }

  @Override
  public String name() {
    return "constant_pad_nd";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    inputShape = x.shape();
    Tensor out = Tensor.full(outputShape(x.shape(), pad), value, x.dtype());
    copyKept(x, out, pad);
    return out;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    int[] crop = new int[pad.length];
    for (int i = 0; i < pad.length; i++) {
      crop[i] = -pad[i];
    }
    return new Variable[] {new Pad(crop, 0).apply(grad)};
  }

  /**
   * Returns {@code x} with {@code before} zeros before and {@code after} zeros after it along
   * {@code dim}: the derivative of narrow and select, whose own derivative is the crop back.
   */
  static Variable around(Variable x, int dim, int before, int after) {
    int[] pads = new int[2 * (x.dim() - dim)];
    pads[pads.length - 2] = before;
    pads[pads.length - 1] = after;
    return new Pad(pads, 0).apply(x);
  }

  /**
   * Returns the padded shape, checking the pad list as PyTorch does.
   *
   * @throws IllegalArgumentException if the list is odd, too long, or makes a size negative
   */
  static Shape outputShape(Shape input, int[] pad) {
    checkArgument(
        pad.length % 2 == 0,
        "constant_pad_nd: padding length must be divisible by 2, got %s values %s",
        pad.length,
        Arrays.toString(pad));
    int rank = input.rank();
    checkArgument(
        pad.length / 2 <= rank,
        "constant_pad_nd: padding length %s is too large for input %s: at most 2 values per"
            + " dimension (%s)",
        pad.length,
        input,
        2 * rank);
    int[] sizes = input.toArray();
    for (int k = 0; k < pad.length / 2; k++) {
      int d = rank - 1 - k;
      long size = (long) sizes[d] + pad[2 * k] + pad[2 * k + 1];
      checkArgument(
          size >= 0 && size <= Integer.MAX_VALUE,
          "constant_pad_nd: the input size %s, plus padding %s and %s, gives an output size %s of"
              + " dimension %s, which is invalid (input %s, pad %s)",
          sizes[d],
          pad[2 * k],
          pad[2 * k + 1],
          size,
          d,
          input,
          Arrays.toString(pad));
      sizes[d] = (int) size;
    }
    return Shape.of(sizes);
  }

  /**
   * Copies the elements of {@code from} that {@code pad} keeps into their place in {@code to}, the
   * padded tensor: per padded dimension, {@code from}'s range past the cropped ends goes to {@code
   * to}'s range past the added ones.
   */
  private static void copyKept(Tensor from, Tensor to, int[] pad) {
    Tensor src = from;
    Tensor dst = to;
    int rank = from.dim();
    for (int k = 0; k < pad.length / 2; k++) {
      int d = rank - 1 - k;
      int left = pad[2 * k];
      int right = pad[2 * k + 1];
      int kept = from.size(d) - Math.max(0, -left) - Math.max(0, -right);
      if (kept <= 0) {
        return;
      }
      src = src.narrow(d, Math.max(0, -left), kept);
      dst = dst.narrow(d, Math.max(0, left), kept);
    }
    dst.copyFrom(src);
  }
}
