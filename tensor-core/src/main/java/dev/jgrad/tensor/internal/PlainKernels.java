package dev.jgrad.tensor.internal;

/**
 * The plain-Java {@link Kernels}: simple counted loops over arrays, which the JIT compiles to SIMD
 * code where it can (auto-vectorization), and the blocked matrix products of {@link PlainGemm}.
 */
public final class PlainKernels implements Kernels {
  /** Creates the plain kernels; use {@link Kernels#plain()} for the shared instance. */
  PlainKernels() {}

  @Override
  public String name() {
    return "plain";
  }

  @Override
  public void sgemm(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      float[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      float[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    PlainGemm.sgemm(
        m,
        n,
        k,
        a,
        aOff,
        aRowStride,
        aColStride,
        b,
        bOff,
        bRowStride,
        bColStride,
        c,
        cOff,
        cRowStride,
        accumulate);
  }

  @Override
  public void dgemm(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      double[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      double[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    PlainGemm.dgemm(
        m,
        n,
        k,
        a,
        aOff,
        aRowStride,
        aColStride,
        b,
        bOff,
        bRowStride,
        bColStride,
        c,
        cOff,
        cRowStride,
        accumulate);
  }

  @Override
  public void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x + y;
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x - y;
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x * y;
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x / y;
        }
      }
      case MAX -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = Math.max(x, y);
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = Math.min(x, y);
        }
      }
      case EQ -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x == y ? 1 : 0;
        }
      }
      case NE -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x != y ? 1 : 0;
        }
      }
      case LT -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x < y ? 1 : 0;
        }
      }
      case LE -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x <= y ? 1 : 0;
        }
      }
      case GT -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x > y ? 1 : 0;
        }
      }
      case GE -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x >= y ? 1 : 0;
        }
      }
    }
  }

  @Override
  public void binaryScalar(BinaryOp op, float[] a, int ao, float y, float[] o, int oo, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x + y;
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x - y;
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x * y;
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x / y;
        }
      }
      case MAX -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = Math.max(x, y);
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = Math.min(x, y);
        }
      }
      case EQ -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x == y ? 1 : 0;
        }
      }
      case NE -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x != y ? 1 : 0;
        }
      }
      case LT -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x < y ? 1 : 0;
        }
      }
      case LE -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x <= y ? 1 : 0;
        }
      }
      case GT -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x > y ? 1 : 0;
        }
      }
      case GE -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x >= y ? 1 : 0;
        }
      }
    }
  }

  @Override
  public void binary(
      BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x + y;
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x - y;
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x * y;
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x / y;
        }
      }
      case MAX -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = Math.max(x, y);
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = Math.min(x, y);
        }
      }
      case EQ -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x == y ? 1 : 0;
        }
      }
      case NE -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x != y ? 1 : 0;
        }
      }
      case LT -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x < y ? 1 : 0;
        }
      }
      case LE -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x <= y ? 1 : 0;
        }
      }
      case GT -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x > y ? 1 : 0;
        }
      }
      case GE -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x >= y ? 1 : 0;
        }
      }
    }
  }

  @Override
  public void binaryScalar(BinaryOp op, double[] a, int ao, double y, double[] o, int oo, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x + y;
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x - y;
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x * y;
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x / y;
        }
      }
      case MAX -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = Math.max(x, y);
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = Math.min(x, y);
        }
      }
      case EQ -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x == y ? 1 : 0;
        }
      }
      case NE -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x != y ? 1 : 0;
        }
      }
      case LT -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x < y ? 1 : 0;
        }
      }
      case LE -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x <= y ? 1 : 0;
        }
      }
      case GT -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x > y ? 1 : 0;
        }
      }
      case GE -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x >= y ? 1 : 0;
        }
      }
    }
  }

  @Override
  public void relu(float[] a, int ao, float[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      float x = a[ao + i];
      o[oo + i] = x > 0 ? x : x == x ? 0f : x;
    }
  }

  @Override
  public void relu(double[] a, int ao, double[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      double x = a[ao + i];
      o[oo + i] = x > 0 ? x : x == x ? 0d : x;
    }
  }

  @Override
  public void axpy(float[] y, int yo, double alpha, float[] x, int xo, int n) {
    float a = (float) alpha;
    for (int i = 0; i < n; i++) {
      y[yo + i] = Math.fma(a, x[xo + i], y[yo + i]);
    }
  }

  @Override
  public void axpy(double[] y, int yo, double alpha, double[] x, int xo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] = y[yo + i] + alpha * x[xo + i];
    }
  }

  @Override
  public void sumRows(float[] x, int off, int rows, int cols, double[] acc) {
    for (int i = 0; i < rows; i++) {
      int row = off + i * cols;
      for (int j = 0; j < cols; j++) {
        acc[j] += x[row + j];
      }
    }
  }

  @Override
  public void sumRows(double[] x, int off, int rows, int cols, double[] acc) {
    for (int i = 0; i < rows; i++) {
      int row = off + i * cols;
      for (int j = 0; j < cols; j++) {
        acc[j] += x[row + j];
      }
    }
  }

  @Override
  public void reluBackward(float[] g, int go, float[] r, int ro, float[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      o[oo + i] = g[go + i] * (r[ro + i] > 0 ? 1f : 0f);
    }
  }

  @Override
  public void reluBackward(double[] g, int go, double[] r, int ro, double[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      o[oo + i] = g[go + i] * (r[ro + i] > 0 ? 1d : 0d);
    }
  }

  @Override
  public void axpyDecay(float[] y, int yo, double alpha, double decay, float[] x, int xo, int n) {
    float a = (float) alpha;
    float d = (float) decay;
    for (int i = 0; i < n; i++) {
      float p = y[yo + i];
      y[yo + i] = Math.fma(a, x[xo + i] + p * d, p);
    }
  }

  @Override
  public void axpyDecay(double[] y, int yo, double alpha, double decay, double[] x, int xo, int n) {
    for (int i = 0; i < n; i++) {
      double p = y[yo + i];
      y[yo + i] = p + alpha * (x[xo + i] + p * decay);
    }
  }

  @Override
  public void unsignedBytesToFloat(byte[] src, int so, float divisor, float[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      o[oo + i] = (src[so + i] & 0xff) / divisor;
    }
  }
}
