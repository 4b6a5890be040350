package dev.jgrad.tensor.internal.conv;

/**
 * The sizes and options of one 2-D convolution over NCHW tensors: input {@code [batch, inChannels,
 * height, width]}, weight {@code [outChannels, inChannels / groups, kernelHeight, kernelWidth]},
 * output {@code [batch, outChannels, outHeight(), outWidth()]}. Padding is given per side; a
 * negative padding crops (it arises only in {@link #inputGradient()}). The caller has checked the
 * values: sizes positive (the batch may be 0), channels divisible by the groups, and the output at
 * least 1×1.
 *
 * @param batch the number of images, N
 * @param inChannels the input's channels, C
 * @param height the input's height, H
 * @param width the input's width, W
 * @param outChannels the output's channels
 * @param kernelHeight the kernel's height
 * @param kernelWidth the kernel's width
 * @param strideHeight the step between output rows, in input rows
 * @param strideWidth the step between output columns, in input columns
 * @param padTop zero rows added above the input
 * @param padBottom zero rows added below the input
 * @param padLeft zero columns added left of the input
 * @param padRight zero columns added right of the input
 * @param dilationHeight the distance between kernel rows, in input rows
 * @param dilationWidth the distance between kernel columns, in input columns
 * @param groups the number of channel groups; input channel group g feeds output channel group g
 */
public record ConvShape(
    int batch,
    int inChannels,
    int height,
    int width,
    int outChannels,
    int kernelHeight,
    int kernelWidth,
    int strideHeight,
    int strideWidth,
    int padTop,
    int padBottom,
    int padLeft,
    int padRight,
    int dilationHeight,
    int dilationWidth,
    int groups) {

  /**
   * Returns the output's height, {@code (H + padTop + padBottom - dilation·(kh - 1) - 1) / stride +
   * 1}.
   *
   * @return the number of output rows
   */
  public int outHeight() {
    return (paddedHeight() - dilationHeight * (kernelHeight - 1) - 1) / strideHeight + 1;
  }

  /**
   * Returns the output's width, {@code (W + padLeft + padRight - dilation·(kw - 1) - 1) / stride +
   * 1}.
   *
   * @return the number of output columns
   */
  public int outWidth() {
    return (paddedWidth() - dilationWidth * (kernelWidth - 1) - 1) / strideWidth + 1;
  }

  /** Returns the height of the zero-padded input. */
  int paddedHeight() {
    return height + padTop + padBottom;
  }

  /** Returns the width of the zero-padded input. */
  int paddedWidth() {
    return width + padLeft + padRight;
  }

  /** Returns the input channels of one group. */
  int groupInChannels() {
    return inChannels / groups;
  }

  /** Returns the output channels of one group. */
  int groupOutChannels() {
    return outChannels / groups;
  }

  /**
   * Returns the length of one patch, {@code groupInChannels · kh · kw}: the products' depth.
   *
   * @return the taps of one output element
   */
  public int patch() {
    return groupInChannels() * kernelHeight * kernelWidth;
  }

  /**
   * Returns the output positions of one image and channel, {@code outHeight · outWidth}.
   *
   * @return the positions, at least 1
   */
  public int positions() {
    return outHeight() * outWidth();
  }

  /** Returns the elements of one input image, {@code C·H·W}. */
  int inputImage() {
    return inChannels * height * width;
  }

  /** Returns the elements of one output image. */
  int outputImage() {
    return outChannels * positions();
  }

  /** Returns whether both strides are 1, the case of the direct kernels. */
  boolean unitStride() {
    return strideHeight == 1 && strideWidth == 1;
  }

  /**
   * Returns the multiply-adds of one pass (forward, input gradient or weight gradient): {@code N ·
   * outChannels · positions · patch}.
   *
   * @return the count, as a long
   */
  public long multiplyAdds() {
    return (long) batch * outChannels * positions() * patch();
  }

  /**
   * Returns the convolution whose forward pass is this one's input gradient, for unit strides: the
   * output gradient {@code [N, outChannels, outHeight, outWidth]} convolved with the weight flipped
   * in both spatial axes and with its channel axes exchanged within each group, padded by {@code
   * dilation·(k - 1) - pad} on each side (negative when the padding exceeds the kernel's reach:
   * then it crops), which gives back {@code [N, inChannels, H, W]}.
   *
   * @return the transposed convolution's shape
   */
  ConvShape inputGradient() {
    int reachH = dilationHeight * (kernelHeight - 1);
    int reachW = dilationWidth * (kernelWidth - 1);
    return new ConvShape(
        batch,
        outChannels,
        outHeight(),
        outWidth(),
        inChannels,
        kernelHeight,
        kernelWidth,
        1,
        1,
        reachH - padTop,
        reachH - padBottom,
        reachW - padLeft,
        reachW - padRight,
        dilationHeight,
        dilationWidth,
        groups);
  }
}
