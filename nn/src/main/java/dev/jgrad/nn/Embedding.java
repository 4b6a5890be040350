package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * A lookup table of embeddings, as {@code torch.nn.Embedding(num_embeddings, embedding_dim,
 * padding_idx=None)}: a FLOAT32 {@code weight [num, dim]} drawn from N(0, 1), the padding row (if
 * any) zeroed; {@link #forward(Variable)} maps a variable of INT32 indices of any shape to {@code
 * [*, dim]}. The padding row receives no gradient. See {@link Functional#embedding}.
 */
public final class Embedding extends Module {
  private final int numEmbeddings;
  private final int embeddingDim;
  private final Integer paddingIdx;
  private final Parameter weight;

  /**
   * Creates the table without a padding row, drawn from the {@link Generator#defaultGenerator()
   * default generator}.
   *
   * @param numEmbeddings the number of rows, 0 or more
   * @param embeddingDim the size of each row, 0 or more
   * @throws IllegalArgumentException if a size is negative
   */
  public Embedding(int numEmbeddings, int embeddingDim) {
    this(numEmbeddings, embeddingDim, null);
  }

  /**
   * Creates the table, drawn from the {@link Generator#defaultGenerator() default generator}.
   *
   * @param numEmbeddings the number of rows, 0 or more
   * @param embeddingDim the size of each row, 0 or more
   * @param paddingIdx the row kept at zero that receives no gradient, in {@code [-num, num)}
   *     (negative counts from the end), or null for none
   * @throws IllegalArgumentException if a size is negative or paddingIdx is out of range
   */
  public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx) {
    this(numEmbeddings, embeddingDim, paddingIdx, Generator.defaultGenerator());
  }

  /**
   * Creates the table.
   *
   * @param numEmbeddings the number of rows, 0 or more
   * @param embeddingDim the size of each row, 0 or more
   * @param paddingIdx the row kept at zero that receives no gradient, in {@code [-num, num)}, or
   *     null for none
   * @param gen the generator the weight is drawn from, one Gaussian per element in row-major order
   * @throws IllegalArgumentException if a size is negative or paddingIdx is out of range
   */
  public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Generator gen) {
    this(numEmbeddings, embeddingDim, paddingIdx, initial(numEmbeddings, embeddingDim, gen), true);
  }

  private Embedding(
      int numEmbeddings, int embeddingDim, Integer paddingIdx, Tensor weight, boolean zeroPad) {
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx =
        paddingIdx == null ? null : paddingRow("Embedding", numEmbeddings, paddingIdx);
    if (this.paddingIdx != null && zeroPad) {
      weight.select(0, this.paddingIdx).zero();
    }
    this.weight = registerParameter("weight", new Parameter(weight));
  }

  /**
   * Creates a table holding a copy of {@code embeddings}, as {@code
   * nn.Embedding.from_pretrained(embeddings, freeze, padding_idx)}; the padding row keeps its
   * values.
   *
   * @param embeddings the rows {@code [num, dim]}, floating
   * @param freeze whether the weight is frozen (requires no gradient)
   * @param paddingIdx the row that receives no gradient, or null for none
   * @return the layer
   * @throws IllegalArgumentException if embeddings is not 2-D floating or paddingIdx is out of
   *     range
   */
  public static Embedding fromPretrained(Tensor embeddings, boolean freeze, Integer paddingIdx) {
    checkNotNull(embeddings, "Embedding: embeddings is null");
    checkArgument(
        embeddings.dim() == 2 && embeddings.dtype().isFloatingPoint(),
        "Embedding: embeddings must be a floating 2-D [num, dim] tensor, got %s %s",
        embeddings.dtype(),
        embeddings.shape());
    Embedding e =
        new Embedding(embeddings.size(0), embeddings.size(1), paddingIdx, embeddings.copy(), false);
    e.weight.requiresGrad(!freeze);
    return e;
  }

  /**
   * Returns the padding row normalized to {@code [0, num)}, as PyTorch stores it.
   *
   * @param op the caller's name, for the message
   * @param num the number of rows
   * @param paddingIdx the row in {@code [-num, num)}
   * @return the row index in {@code [0, num)}
   * @throws IllegalArgumentException if paddingIdx is out of range
   */
  static int paddingRow(String op, int num, int paddingIdx) {
    checkArgument(
        paddingIdx >= -num && paddingIdx < num,
        "%s: padding_idx must be within [-%s, %s), got %s",
        op,
        num,
        num,
        paddingIdx);
    return paddingIdx < 0 ? paddingIdx + num : paddingIdx;
  }

  private static Tensor initial(int num, int dim, Generator gen) {
    checkArgument(
        num >= 0 && dim >= 0,
        "Embedding: sizes must be >= 0, got num_embeddings=%s, embedding_dim=%s",
        num,
        dim);
    checkNotNull(gen, "Embedding: generator is null");
    Tensor w = Tensor.zeros(Shape.of(num, dim), DType.FLOAT32);
    synchronized (gen) {
      Init.normal(w, 0, 1, gen);
    }
    return w;
  }

  /**
   * Returns the table.
   *
   * @return the weight {@code [num_embeddings, embedding_dim]}
   */
  public Parameter weight() {
    return weight;
  }

  /**
   * Returns the padding row.
   *
   * @return the row in {@code [0, num)} that receives no gradient, or null for none
   */
  public Integer paddingIdx() {
    return paddingIdx;
  }

  @Override
  protected Variable compute(Variable input) {
    return guard(() -> Functional.embedding(input.data(), weight, paddingIdx));
  }

  @Override
  protected String extraRepr() {
    return numEmbeddings
        + ", "
        + embeddingDim
        + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
  }
}
