/**
 * The primitive differentiable ops: one final {@link dev.jgrad.autograd.Function} per op, its
 * forward and backward pass side by side, its derivative stated in the form of PyTorch's {@code
 * derivatives.yaml} ({@code grad} is the gradient of the result, {@code result} the op's output).
 * The table below repeats each class's formula word for word, with the op's {@code name()}; {@code
 * DerivativeTableTest} keeps the two in step, and {@code OpSpecs} checks every formula numerically.
 *
 * <p>Binary ops take operands of one shape, and refuse others: {@link dev.jgrad.autograd.Variable}
 * expands them to their broadcast shape with {@link dev.jgrad.autograd.ops.Expand} first, whose
 * backward pass (a sum to the input's shape) is the only place where gradients are un-broadcast.
 * {@link dev.jgrad.autograd.ops.LogSumExp}, {@link dev.jgrad.autograd.ops.LogSoftmax} and {@link
 * dev.jgrad.autograd.ops.Softmax} are fused primitives, kept whole for numerical stability; {@link
 * dev.jgrad.autograd.ops.Linear}, {@link dev.jgrad.autograd.ops.Conv2d} and {@link
 * dev.jgrad.autograd.ops.CrossEntropy} are fused for speed (one kernel per pass), and {@link
 * dev.jgrad.autograd.ops.BinaryCrossEntropy} for a finite gradient at probabilities 0 and 1.
 *
 * <p>{@link dev.jgrad.autograd.Variable}'s methods create and apply these ops; call one directly
 * only to build a graph by hand, and write a new op as a {@link dev.jgrad.autograd.Function}
 * subclass in the same shape as these classes:
 *
 * <pre>{@code
 * Variable x = new Variable(Tensor.of(new double[] {1, 4, 9})).requiresGrad(true);
 * Variable y = new Sqrt().apply(x);       // the same as x.sqrt(); one instance per application
 * y.sum().backward();
 * x.grad();                               // 1 / (2 √x): tensor([0.5000, 0.2500, 0.1667], ...)
 * }</pre>
 *
 * <p><b>Differentiable derivatives (second order).</b> Every op's backward pass is {@code
 * Variable[] backward(Variable grad)}, written with {@link dev.jgrad.autograd.Variable} operations,
 * so that a backward pass with {@code createGraph} records it and it can be differentiated again
 * (the engine runs it with recording off otherwise, at the cost of thin wrappers). The pattern, and
 * how an op written in the older tensor style ({@code Tensor[] backward(Tensor grad)}) converts:
 *
 * <ul>
 *   <li>Tensor operations on {@code grad} and saved tensors become the same {@code Variable}
 *       methods; a saved input or result is read with {@code savedVariable(k)} (it comes back as
 *       that input, or as the result, with its place in the graph), a tensor that is not
 *       differentiated with {@code savedTensor(k)}.
 *   <li>Masks, signs and indices, whose derivatives are zero, enter as constants: {@code
 *       grad.mul(new Variable(self.ge(min)))}, {@code Variable.where(mask, grad, zeros)}.
 *   <li>A backward pass that calls a fused kernel (relu's mask, linear's weight product,
 *       convolution's input, weight and bias gradients, pooling's scatter, gather's and
 *       indexSelect's scatter-add) makes that call an op of its own: a package-private {@code
 *       Function} nested in the op's class ({@code Relu.Backward}, {@code Linear.WeightGrad},
 *       {@code Conv2d.InputGrad}, {@code Conv2d.WeightGrad}, {@code Conv2d.BiasGrad}, {@code
 *       MaxPool2d.Backward}, {@code AvgPool2d.Backward}, {@code AdaptiveAvgPool2d.Backward}, {@code
 *       Gather.Scatter}, {@code IndexSelect.Backward}, {@code Cumsum.Backward}, {@code
 *       Slice.Backward}, {@code CrossEntropy.Backward}, and {@code Var.Mean}, the kernel's mean
 *       that var's and std's derivatives subtract, so that they keep their rounding), whose forward
 *       is the kernel and whose backward is again written with variables: for a kernel linear in
 *       {@code grad}, its adjoint, usually the op's own forward (the pooling, the gather, the
 *       convolution). Its formula goes in its Javadoc, beside the op's.
 *   <li>Where the kernel has several results ({@link dev.jgrad.autograd.ops.BatchNorm}'s three
 *       gradients) or has no variable form ({@link dev.jgrad.autograd.ops.Prod}'s running products
 *       past a zero), the backward pass calls it when nothing is recorded and writes the same
 *       derivative with variables when a graph is created.
 *   <li>Every op's samples in {@code OpSpecs} pass gradgradcheck too; avoid non-smooth points (relu
 *       at 0, ties of max) in the samples rather than skipping an op.
 * </ul>
 *
 * <table>
 *   <caption>Primitive ops and their derivatives</caption>
 *   <tr><th>op</th><th>derivative</th><th>class</th></tr>
 *   <tr><td>add</td>
 *       <td>self: grad;
 *         other: grad</td>
 *       <td>{@link dev.jgrad.autograd.ops.Add}</td></tr>
 *   <tr><td>sub</td>
 *       <td>self: grad;
 *         other: -grad</td>
 *       <td>{@link dev.jgrad.autograd.ops.Sub}</td></tr>
 *   <tr><td>mul</td>
 *       <td>self: grad * other;
 *         other: grad * self</td>
 *       <td>{@link dev.jgrad.autograd.ops.Mul}</td></tr>
 *   <tr><td>div</td>
 *       <td>self: grad / other;
 *         other: -grad * ((self / other) / other)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Div}</td></tr>
 *   <tr><td>pow (tensor exponent)</td>
 *       <td>self: where(exponent == 0, 0, grad * (exponent * self.pow(exponent - 1)));
 *         exponent: grad * where(self == 0 &amp; exponent &gt;= 0, 0, result * log(self))</td>
 *       <td>{@link dev.jgrad.autograd.ops.Pow}</td></tr>
 *   <tr><td>pow (scalar exponent)</td>
 *       <td>self: exponent == 0 ? 0 : grad * exponent * self.pow(exponent - 1)</td>
 *       <td>{@link dev.jgrad.autograd.ops.PowScalar}</td></tr>
 *   <tr><td>neg</td>
 *       <td>self: -grad</td>
 *       <td>{@link dev.jgrad.autograd.ops.Neg}</td></tr>
 *   <tr><td>exp</td>
 *       <td>self: grad * result</td>
 *       <td>{@link dev.jgrad.autograd.ops.Exp}</td></tr>
 *   <tr><td>log</td>
 *       <td>self: grad / self</td>
 *       <td>{@link dev.jgrad.autograd.ops.Log}</td></tr>
 *   <tr><td>sqrt</td>
 *       <td>self: grad / (2 * result)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Sqrt}</td></tr>
 *   <tr><td>abs</td>
 *       <td>self: grad * self.sgn()</td>
 *       <td>{@link dev.jgrad.autograd.ops.Abs}</td></tr>
 *   <tr><td>relu</td>
 *       <td>self: threshold_backward(grad, result, 0) = where(result &lt;= 0, 0, grad)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Relu}</td></tr>
 *   <tr><td>sigmoid</td>
 *       <td>self: sigmoid_backward(grad, result) = grad * result * (1 - result)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Sigmoid}</td></tr>
 *   <tr><td>tanh</td>
 *       <td>self: tanh_backward(grad, result) = grad * (1 - result * result)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Tanh}</td></tr>
 *   <tr><td>clamp</td>
 *       <td>self: clamp_backward(grad, self, min, max) = where(self &gt;= min &amp; self &lt;=
 *         max, grad, 0)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Clamp}</td></tr>
 *   <tr><td>erf</td>
 *       <td>self: 2 / sqrt(pi) * exp(-self * self) * grad</td>
 *       <td>{@link dev.jgrad.autograd.ops.Erf}</td></tr>
 *   <tr><td>erfc</td>
 *       <td>self: -2 / sqrt(pi) * exp(-self * self) * grad</td>
 *       <td>{@link dev.jgrad.autograd.ops.Erfc}</td></tr>
 *   <tr><td>gelu (exact)</td>
 *       <td>self: gelu_backward(grad, self, 'none') = grad * (cdf + self * pdf), cdf = erfc(-self /
 *         sqrt(2)) / 2, pdf = exp(-self * self / 2) / sqrt(2 * pi)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Gelu}</td></tr>
 *   <tr><td>gelu (tanh)</td>
 *       <td>self: gelu_backward(grad, self, 'tanh') = grad * (0.5 * (1 + t) + 0.5 * self * (1 - t * t) *
 *         sqrt(2 / pi) * (1 + 3 * 0.044715 * self * self)), t = tanh(inner)</td>
 *       <td>{@link dev.jgrad.autograd.ops.GeluTanh}</td></tr>
 *   <tr><td>silu</td>
 *       <td>self: grad * sigmoid(self) * (1 + self * (1 - sigmoid(self)))</td>
 *       <td>{@link dev.jgrad.autograd.ops.Silu}</td></tr>
 *   <tr><td>softplus</td>
 *       <td>self: softplus_backward(grad, self, beta, threshold) = where(self * beta &gt; threshold,
 *         grad, grad * z / (z + 1)), z = exp(self * beta)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Softplus}</td></tr>
 *   <tr><td>elu</td>
 *       <td>self: elu_backward(grad, alpha, 1, 1, false, self) = where(self &lt;= 0, grad * alpha *
 *         exp(self), grad)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Elu}</td></tr>
 *   <tr><td>hardtanh</td>
 *       <td>self: hardtanh_backward(grad, self, min_val, max_val) = where(self &lt;= min_val | self
 *         &gt;= max_val, 0, grad)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Hardtanh}</td></tr>
 *   <tr><td>leaky_relu</td>
 *       <td>self: leaky_relu_backward(grad, self, negative_slope, false) = where(self &gt; 0, grad, grad
 *         * negative_slope)</td>
 *       <td>{@link dev.jgrad.autograd.ops.LeakyRelu}</td></tr>
 *   <tr><td>maximum</td>
 *       <td>self: where(self == other, grad / 2, grad).masked_fill_(self &lt; other, 0);
 *         other: where(self == other, grad / 2, grad).masked_fill_(self &gt; other, 0)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Maximum}</td></tr>
 *   <tr><td>minimum</td>
 *       <td>self: where(self == other, grad / 2, grad).masked_fill_(self &gt; other, 0);
 *         other: where(self == other, grad / 2, grad).masked_fill_(self &lt; other, 0)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Minimum}</td></tr>
 *   <tr><td>where</td>
 *       <td>self: where(condition, grad, 0);
 *         other: where(condition, 0, grad)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Where}</td></tr>
 *   <tr><td>sum</td>
 *       <td>self: sum_backward(grad, self.sizes(), dims, keepdim) = grad (with the reduced dims
 *         restored as size 1).expand(self.sizes())</td>
 *       <td>{@link dev.jgrad.autograd.ops.Sum}</td></tr>
 *   <tr><td>max (all)</td>
 *       <td>self: evenly_distribute_backward(grad, self, result) = where(mask, grad /
 *         mask.sum(), 0), mask = isnan(result) ? isnan(self) : self == result</td>
 *       <td>{@link dev.jgrad.autograd.ops.MaxAll}</td></tr>
 *   <tr><td>max (dim)</td>
 *       <td>self: value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim) =
 *         zeros(self.sizes()).scatter(dim, indices, grad)</td>
 *       <td>{@link dev.jgrad.autograd.ops.MaxDim}</td></tr>
 *   <tr><td>logsumexp (fused)</td>
 *       <td>self: logsumexp_backward(grad, self, result, dim, keepdim) = grad * exp(self -
 *         result)</td>
 *       <td>{@link dev.jgrad.autograd.ops.LogSumExp}</td></tr>
 *   <tr><td>logSoftmax (fused)</td>
 *       <td>self: _log_softmax_backward_data(grad, result, dim) = grad - exp(result) *
 *         grad.sum(dim, keepdim = true)</td>
 *       <td>{@link dev.jgrad.autograd.ops.LogSoftmax}</td></tr>
 *   <tr><td>softmax (fused)</td>
 *       <td>self: _softmax_backward_data(grad, result, dim) = result * (grad - (grad *
 *         result).sum(dim, keepdim = true))</td>
 *       <td>{@link dev.jgrad.autograd.ops.Softmax}</td></tr>
 *   <tr><td>matmul (batched)</td>
 *       <td>self: grad @ mat2.transpose(-2, -1);
 *         mat2: self.transpose(-2, -1) @ grad</td>
 *       <td>{@link dev.jgrad.autograd.ops.MatMul}</td></tr>
 *   <tr><td>binary_cross_entropy (fused)</td>
 *       <td>self: binary_cross_entropy_backward(grad, self, target) = grad * (self - target) /
 *         max(self * (1 - self), (double) 1e-12f)</td>
 *       <td>{@link dev.jgrad.autograd.ops.BinaryCrossEntropy}</td></tr>
 *   <tr><td>binary_cross_entropy_with_logits (fused)</td>
 *       <td>self: binary_cross_entropy_with_logits_backward(grad, self, target) =
 *         (sigmoid(self) - target) * grad</td>
 *       <td>{@link dev.jgrad.autograd.ops.BinaryCrossEntropyWithLogits}</td></tr>
 *   <tr><td>cross_entropy (fused)</td>
 *       <td>self: (exp(log_softmax(self, 1)) - one_hot(target)) * grad.unsqueeze(1)</td>
 *       <td>{@link dev.jgrad.autograd.ops.CrossEntropy}</td></tr>
 *   <tr><td>linear (fused)</td>
 *       <td>input: grad @ weight;
 *         weight: grad.T @ input;
 *         bias: grad.sum(0)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Linear}</td></tr>
 *   <tr><td>conv2d (fused)</td>
 *       <td>input: conv_transpose2d(grad, weight, stride, padding, dilation, groups) with the size
 *         of input;
 *         weight: conv2d(input.transpose(0, 1), grad.transpose(0, 1), stride = dilation, padding,
 *         dilation = stride), per group, transposed back and cut to the size of weight;
 *         bias: grad.sum([0, 2, 3])</td>
 *       <td>{@link dev.jgrad.autograd.ops.Conv2d}</td></tr>
 *   <tr><td>conv2d_relu_max_pool2d (fused)</td>
 *       <td>gy: zeros(y.sizes()) with relu_backward(grad, result) added at each window's argmax i;
 *         input: conv_transpose2d(gy, weight, stride, padding, dilation, groups), the size of
 *         input;
 *         weight: the weight gradient of conv2d for gy, as in conv2d;
 *         bias: gy.sum([0, 2, 3])</td>
 *       <td>{@link dev.jgrad.autograd.ops.ConvReluMaxPool}</td></tr>
 *   <tr><td>expand</td>
 *       <td>self: at::sum_to(grad, self.sizes())</td>
 *       <td>{@link dev.jgrad.autograd.ops.Expand}</td></tr>
 *   <tr><td>reshape</td>
 *       <td>self: grad.reshape(self.sizes())</td>
 *       <td>{@link dev.jgrad.autograd.ops.Reshape}</td></tr>
 *   <tr><td>permute</td>
 *       <td>self: permute_backwards(grad, dims) = grad.permute(inverse of dims)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Permute}</td></tr>
 *   <tr><td>narrow</td>
 *       <td>self: slice_backward(grad, self.sizes(), dim, start, start + length, 1) =
 *         zeros(self.sizes()) with grad written into the narrowed range</td>
 *       <td>{@link dev.jgrad.autograd.ops.Narrow}</td></tr>
 *   <tr><td>select</td>
 *       <td>self: select_backward(grad, self.sizes(), dim, index) = zeros(self.sizes()) with grad
 *         written at index</td>
 *       <td>{@link dev.jgrad.autograd.ops.Select}</td></tr>
 *   <tr><td>indexSelect</td>
 *       <td>self: index_select_backward(grad, self.sizes(), dim, index) =
 *         zeros(self.sizes()).index_add(dim, index, grad)</td>
 *       <td>{@link dev.jgrad.autograd.ops.IndexSelect}</td></tr>
 *   <tr><td>gather</td>
 *       <td>self: gather_backward(grad, self, dim, index) = zeros(self.sizes()).scatter_add(dim,
 *         index, grad)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Gather}</td></tr>
 *   <tr><td>copy (clone)</td>
 *       <td>self: grad</td>
 *       <td>{@link dev.jgrad.autograd.ops.Copy}</td></tr>
 *   <tr><td>to (dtype)</td>
 *       <td>self: _to_copy_backward(grad, self.options()) = grad.to(self.dtype())</td>
 *       <td>{@link dev.jgrad.autograd.ops.ToDType}</td></tr>
 *   <tr><td>batch_norm (fused)</td>
 *       <td>input: batch_norm_backward(grad, input, weight, mean, invstd, training) = training ?
 *         (grad - grad.mean() - xhat * (grad * xhat).mean()) * invstd * weight : grad * invstd *
 *         weight;
 *         weight: (grad * xhat).sum();
 *         bias: grad.sum()</td>
 *       <td>{@link dev.jgrad.autograd.ops.BatchNorm}</td></tr>
 *   <tr><td>constant_pad_nd</td>
 *       <td>self: constant_pad_nd_backward(grad, pad) = constant_pad_nd(grad, -pad, 0)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Pad}</td></tr>
 *   <tr><td>max_pool2d</td>
 *       <td>self: max_pool2d_with_indices_backward(grad, self, kernel_size, stride, padding,
 *         dilation, ceil_mode, indices) = zeros(self.sizes()) with grad added at each window's
 *         argmax</td>
 *       <td>{@link dev.jgrad.autograd.ops.MaxPool2d}</td></tr>
 *   <tr><td>avg_pool2d</td>
 *       <td>self: avg_pool2d_backward(grad, self, kernel_size, stride, padding, ceil_mode,
 *         count_include_pad, divisor_override) = grad / divisor added to each element of its
 *         window</td>
 *       <td>{@link dev.jgrad.autograd.ops.AvgPool2d}</td></tr>
 *   <tr><td>adaptive_avg_pool2d</td>
 *       <td>self: _adaptive_avg_pool2d_backward(grad, self) = grad / window height / window width
 *         added to each element of its window</td>
 *       <td>{@link dev.jgrad.autograd.ops.AdaptiveAvgPool2d}</td></tr>
 *   <tr><td>min (all)</td>
 *       <td>self: evenly_distribute_backward(grad, self, result) = where(mask, grad / mask.sum(), 0)
 *         with mask = isnan(result) ? isnan(self) : self == result</td>
 *       <td>{@link dev.jgrad.autograd.ops.MinAll}</td></tr>
 *   <tr><td>min (dim)</td>
 *       <td>self: value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim) =
 *         zeros(self.sizes()).scatter_add(dim, indices, grad)</td>
 *       <td>{@link dev.jgrad.autograd.ops.MinDim}</td></tr>
 *   <tr><td>cat</td>
 *       <td>tensors: cat_tensors_backward(grad, sizes, dtypes, dim) = grad.narrow(dim, offset_i,
 *         size_i) for input i</td>
 *       <td>{@link dev.jgrad.autograd.ops.Cat}</td></tr>
 *   <tr><td>prod</td>
 *       <td>self: prod_backward(grad, self, result) = grad * result / self without zeros, else grad
 *         * cat([1, self[:-1]]).cumprod(dim) * cat([1, self[1:].flip(dim)]).cumprod(dim).flip(dim),
 *         or with a graph recorded grad * where(eye, 1, self.unsqueeze(dim)).prod(dim + 1)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Prod}</td></tr>
 *   <tr><td>cumsum</td>
 *       <td>self: cumsum_backward(grad, dim) = grad.flip(dim).cumsum(dim).flip(dim)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Cumsum}</td></tr>
 *   <tr><td>var</td>
 *       <td>self: var_backward(grad, self, dim, correction, keepdim) = (2 / (n - correction)) *
 *         grad * (self - self.mean(dim, true)), n the number of elements reduced into each
 *         result</td>
 *       <td>{@link dev.jgrad.autograd.ops.Var}</td></tr>
 *   <tr><td>std</td>
 *       <td>self: std_backward(result, grad, self, dim, correction, keepdim) =
 *         var_backward(where(result == 0, 0, grad / (result * 2)), self, dim, correction,
 *         keepdim)</td>
 *       <td>{@link dev.jgrad.autograd.ops.Std}</td></tr>
 *   <tr><td>norm</td>
 *       <td>self: norm_backward(grad, self, p, result, dim, keepdim) = 0 for p = 0; sgn(self) *
 *         grad for p = 1; grad * where(result == 0, 0, self / result) for p = 2; sgn(self) *
 *         is_max * grad / is_max.sum(dim) with is_max = |self| == result or both NaN for p =
 *         ±inf; sgn(self) * where(self == 0, 0, |self|^(p - 1)) * grad * result^(1 - p) for p
 *         &lt; 1; sgn(self) * |self|^(p - 1) * where(result == 0, 0, grad / result^(p - 1)) for
 *         p &lt; 2; self * |self|^(p - 2) * where(result == 0, 0, grad / result^(p - 1))
 *         otherwise</td>
 *       <td>{@link dev.jgrad.autograd.ops.Norm}</td></tr>
 *   <tr><td>masked_fill</td>
 *       <td>self: grad.masked_fill(mask, 0)</td>
 *       <td>{@link dev.jgrad.autograd.ops.MaskedFill}</td></tr>
 *   <tr><td>scatter</td>
 *       <td>self: grad.scatter(dim, index, 0);
 *         src: grad.gather(dim, index), zero-padded to src's shape</td>
 *       <td>{@link dev.jgrad.autograd.ops.Scatter}</td></tr>
 *   <tr><td>scatter_add</td>
 *       <td>self: grad;
 *         src: grad.gather(dim, index), zero-padded to src's shape</td>
 *       <td>{@link dev.jgrad.autograd.ops.ScatterAdd}</td></tr>
 *   <tr><td>slice</td>
 *       <td>self: slice_backward(grad, self.sizes(), dim, start, end, step) = zeros(self.sizes())
 *         with grad written into the sliced positions</td>
 *       <td>{@link dev.jgrad.autograd.ops.Slice}</td></tr>
 * </table>
 *
 * <p>Composites, built from the rows above by {@link dev.jgrad.autograd.Variable}: {@code
 * add/sub/mul/div(double)} (a constant operand), {@code mean} (sum times 1/n), {@code transpose}
 * and {@code t} (permute), {@code unsqueeze}, {@code squeeze} and {@code flatten} (reshape), vector
 * and broadcast-batched {@code matmul} (reshape, expand, matmul), {@code dropout} (mul by a
 * constant mask), {@code stack} (reshape, cat), {@code split} and {@code chunk} (narrow).
 */
package dev.jgrad.autograd.ops;
