package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalization over the trailing dimensions, as {@code torch.nn.LayerNorm(normalized_shape,
 * eps=1e-5, elementwise_affine=True)}: a FLOAT32 {@code weight} of ones and {@code bias} of zeros
 * of the normalized shape (the state-dict keys PyTorch uses), or no parameters without the affine
 * transform. See {@link Functional#layerNorm}.
 */
public final class LayerNorm extends Module {
  private final int[] normalizedShape;
  private final double eps;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * Creates the layer with {@code eps = 1e-5} and the affine transform.
   *
   * @param normalizedShape the sizes of the trailing dimensions to normalize over, at least one
   * @throws IllegalArgumentException if normalizedShape is empty or holds a negative size
   */
  public LayerNorm(int... normalizedShape) {
    this(normalizedShape, Functional.LAYER_NORM_EPS, true);
  }

  /**
   * Creates the layer.
   *
   * @param normalizedShape the sizes of the trailing dimensions to normalize over, at least one
   * @param eps the value added to the variance before the square root, 0 or more
   * @param elementwiseAffine whether the layer has a learned weight and bias
   * @throws IllegalArgumentException if normalizedShape is empty or holds a negative size, or eps
   *     is negative
   */
  public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
    checkNotNull(normalizedShape, "LayerNorm: normalized_shape is null");
    checkArgument(normalizedShape.length > 0, "LayerNorm: normalized_shape must not be empty");
    checkArgument(eps >= 0, "LayerNorm: eps must be >= 0, got %s", eps);
    Shape shape = Shape.of(normalizedShape);
    this.normalizedShape = normalizedShape.clone();
    this.eps = eps;
    this.weight =
        elementwiseAffine
            ? registerParameter("weight", new Parameter(Tensor.ones(shape, DType.FLOAT32)))
            : null;
    this.bias =
        elementwiseAffine
            ? registerParameter("bias", new Parameter(Tensor.zeros(shape, DType.FLOAT32)))
            : null;
  }

  /**
   * Returns the learned scale.
   *
   * @return the weight of the normalized shape, or null without the affine transform
   */
  public Parameter weight() {
    return weight;
  }

  /**
   * Returns the learned shift.
   *
   * @return the bias of the normalized shape, or null without the affine transform
   */
  public Parameter bias() {
    return bias;
  }

  @Override
  protected Variable compute(Variable input) {
    return guard(() -> Functional.layerNorm(input, normalizedShape, weight, bias, eps));
  }

  @Override
  protected String extraRepr() {
    String dims =
        normalizedShape.length == 1
            ? "(" + normalizedShape[0] + ",)"
            : Arrays.toString(normalizedShape).replace('[', '(').replace(']', ')');
    return dims
        + ", eps="
        + BatchNormNd.pythonFloat(eps)
        + ", elementwise_affine="
        + (weight != null ? "True" : "False");
  }
}
