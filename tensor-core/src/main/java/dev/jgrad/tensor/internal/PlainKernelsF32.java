package dev.jgrad.tensor.internal;

/**
 * Single-precision loops of {@link PlainKernels}: each method is the kernel of the same name and
 * signature in {@link Kernels}, written as a simple counted loop that the JIT can auto-vectorize.
 * This class and its twin for the other precision are equal up to renaming their types, which
 * {@code GemmSourcesTest} checks; the kernels whose two precisions differ on purpose stay in {@link
 * PlainKernels}.
 */
final class PlainKernelsF32 {
  private PlainKernelsF32() {}

  static void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
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
          o[oo + i] = x != x || x > y ? x : y;
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          float y = b[bo + i];
          o[oo + i] = x != x || x < y ? x : y;
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

  static void binaryScalar(BinaryOp op, float[] a, int ao, float y, float[] o, int oo, int n) {
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
          o[oo + i] = x != x || x > y ? x : y;
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          float x = a[ao + i];
          o[oo + i] = x != x || x < y ? x : y;
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

  static void relu(float[] a, int ao, float[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      float x = a[ao + i];
      o[oo + i] = x < 0 ? 0f : x;
    }
  }

  static void sumRows(float[] x, int off, int rows, int cols, double[] acc) {
    for (int i = 0; i < rows; i++) {
      int row = off + i * cols;
      for (int j = 0; j < cols; j++) {
        acc[j] += x[row + j];
      }
    }
  }

  static void reluBackward(float[] g, int go, float[] r, int ro, float[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      o[oo + i] = r[ro + i] <= 0 ? 0f : g[go + i];
    }
  }
}
