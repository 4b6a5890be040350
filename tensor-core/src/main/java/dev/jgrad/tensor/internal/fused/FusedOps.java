package dev.jgrad.tensor.internal.fused;

import static com.google.common.base.Preconditions.checkState;

import dev.jgrad.tensor.Tensor;
import java.lang.invoke.MethodHandles;

/**
 * The fused operations that jgrad's own modules run on their hot paths: relu's backward pass for
 * autograd, the SGD step with weight decay for optim, and the conversion of 8-bit pixels for
 * datasets. Each gives exactly the result of the composition of public {@link Tensor} methods named
 * in its documentation, without that composition's temporaries when the operands are contiguous.
 *
 * <p><b>This class is not API</b>: it is public only so that those modules can call it, and may
 * change or disappear in any release. It is a door into tensor-core's package-private kernels
 * dispatch, opened through a {@link Bridge} that {@link Tensor} installs when it is initialized
 * (the pattern of the JDK's {@code SharedSecrets}).
 */
public final class FusedOps {
  private static Bridge bridge;

  private FusedOps() {}

  /**
   * The operations as tensor-core implements them, installed once by {@link Tensor}'s class
   * initializer; see the methods of {@link FusedOps} for their contracts.
   */
  public interface Bridge {
    /**
     * Implements {@link FusedOps#reluBackward}.
     *
     * @param grad the gradient with respect to relu's result
     * @param result relu's result
     * @return the gradient with respect to relu's input
     */
    Tensor reluBackward(Tensor grad, Tensor result);

    /**
     * Implements {@link FusedOps#addInPlaceWithDecay}.
     *
     * @param param the tensor updated in place
     * @param grad the update direction
     * @param alpha the step, negative for descent
     * @param decay the L2 weight-decay factor
     * @return {@code param}
     */
    Tensor addInPlaceWithDecay(Tensor param, Tensor grad, double alpha, double decay);

    /**
     * Implements {@link FusedOps#momentumStep}.
     *
     * @param param the parameter, updated in place
     * @param buf the momentum buffer, updated in place
     * @param grad the gradient
     * @param momentum the factor of the buffer
     * @param gradScale the factor of the gradient, {@code 1 - dampening}
     * @param alpha the step, negative for descent
     * @return {@code param}
     */
    Tensor momentumStep(
        Tensor param, Tensor buf, Tensor grad, double momentum, double gradScale, double alpha);

    /**
     * Implements {@link FusedOps#ofUnsignedBytes}.
     *
     * @param data the bytes, read as unsigned values
     * @param divisor the divisor of every value
     * @param shape the sizes, or none for a 1-D tensor
     * @return a new FLOAT32 tensor
     */
    Tensor ofUnsignedBytes(byte[] data, double divisor, int[] shape);

    /**
     * Implements {@link DenseArrays#floats} and {@link DenseArrays#doubles}.
     *
     * @param t any tensor
     * @return its storage's backing array
     */
    Object array(Tensor t);

    /**
     * Implements {@link DenseArrays#wrap(float[], int...)} and its float64 twin.
     *
     * @param data a float[], double[] or int[] of exactly the shape's element count
     * @param shape the sizes
     * @return a contiguous tensor over {@code data}
     */
    Tensor wrap(Object data, int[] shape);
  }

  /**
   * Installs tensor-core's implementation; called once, by {@link Tensor}'s class initializer.
   *
   * @param implementation the operations
   * @throws IllegalStateException if an implementation is already installed
   */
  public static void install(Bridge implementation) {
    checkState(bridge == null, "FusedOps: the bridge is installed once, by Tensor");
    bridge = implementation;
  }

  /**
   * Returns the gradient of relu given the gradient {@code grad} with respect to its result and
   * that {@code result}: exactly {@code where(result <= 0, 0, grad)}, selecting as PyTorch's {@code
   * threshold_backward} does (an infinite or NaN gradient where the result is at most 0 gives 0,
   * and a NaN result passes its gradient), without building the mask when both are contiguous and
   * of one floating dtype.
   *
   * @param grad the gradient with respect to relu's result
   * @param result relu's result, of grad's shape
   * @return a new tensor, the gradient with respect to relu's input
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Tensor reluBackward(Tensor grad, Tensor result) {
    return bridge().reluBackward(grad, result);
  }

  /**
   * Adds {@code alpha * (grad + decay * param)} (grad broadcast to param's shape) to {@code param}
   * in place, an SGD step with L2 weight decay: exactly {@code param.addInPlace(grad.add(
   * param.mul(decay)), alpha)}, rounding each operation to param's dtype as that does, but without
   * the two temporaries when both tensors are contiguous, of one shape and one floating dtype.
   *
   * @param param the tensor updated in place
   * @param grad the update direction
   * @param alpha the step, negative for descent
   * @param decay the L2 weight-decay factor
   * @return {@code param}
   */
  public static Tensor addInPlaceWithDecay(Tensor param, Tensor grad, double alpha, double decay) {
    return bridge().addInPlaceWithDecay(param, grad, alpha, decay);
  }

  /**
   * Runs SGD's momentum update in place, exactly {@code buf.mulInPlace(momentum).addInPlace(grad,
   * gradScale)} then {@code param.addInPlace(buf, alpha)}, rounding each operation to the dtype as
   * those do, but in one pass over the three tensors when they are contiguous, of one shape and one
   * floating dtype, and over different storages.
   *
   * @param param the parameter, updated in place
   * @param buf the momentum buffer, of param's shape, updated in place
   * @param grad the gradient, of param's shape
   * @param momentum the factor of the buffer
   * @param gradScale the factor of the gradient, {@code 1 - dampening}
   * @param alpha the step, negative for descent
   * @return {@code param}
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static Tensor momentumStep(
      Tensor param, Tensor buf, Tensor grad, double momentum, double gradScale, double alpha) {
    return bridge().momentumStep(param, buf, grad, momentum, gradScale, alpha);
  }

  /**
   * Returns a FLOAT32 tensor of {@code (data[i] & 0xff) / divisor}: the bytes read as unsigned
   * values 0 to 255 and divided in single precision by {@code (float) divisor}, one correctly
   * rounded division each, converted straight into the tensor's storage. With a divisor of 255 this
   * is torchvision's {@code ToTensor} scaling of 8-bit pixels to [0, 1].
   *
   * @param data the bytes, read as unsigned values
   * @param divisor the divisor of every value
   * @param shape the sizes; when omitted the tensor is 1-D of length {@code data.length}
   * @return a new FLOAT32 tensor
   * @throws IllegalArgumentException if the shape's element count differs from {@code data.length}
   */
  public static Tensor ofUnsignedBytes(byte[] data, double divisor, int... shape) {
    return bridge().ofUnsignedBytes(data, divisor, shape);
  }

  static Bridge bridge() {
    Bridge b = bridge;
    if (b == null) {
      try {
        MethodHandles.lookup().ensureInitialized(Tensor.class);
      } catch (IllegalAccessException e) {
        throw new AssertionError("Tensor is public", e);
      }
      b = bridge;
    }
    return b;
  }
}
