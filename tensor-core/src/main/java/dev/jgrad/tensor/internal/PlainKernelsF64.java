package dev.jgrad.tensor.internal;

/**
 * Double-precision loops of {@link PlainKernels}: each method is the kernel of the same name and
 * signature in {@link Kernels}, written as a simple counted loop that the JIT can auto-vectorize.
 * This class and its twin for the other precision are equal up to renaming their types, which
 * {@code GemmSourcesTest} checks; the kernels whose two precisions differ on purpose stay in {@link
 * PlainKernels}.
 */
final class PlainKernelsF64 {
  private PlainKernelsF64() {}

  static void binary(
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
          o[oo + i] = x != x || x > y ? x : y;
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          o[oo + i] = x != x || x < y ? x : y;
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

  static void binaryScalar(BinaryOp op, double[] a, int ao, double y, double[] o, int oo, int n) {
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
          o[oo + i] = x != x || x > y ? x : y;
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          double x = a[ao + i];
          o[oo + i] = x != x || x < y ? x : y;
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

  static void relu(double[] a, int ao, double[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      double x = a[ao + i];
      o[oo + i] = x < 0 ? 0d : x;
    }
  }

  static void sumRows(double[] x, int off, int rows, int cols, double[] acc) {
    for (int i = 0; i < rows; i++) {
      int row = off + i * cols;
      for (int j = 0; j < cols; j++) {
        acc[j] += x[row + j];
      }
    }
  }

  static void reluBackward(double[] g, int go, double[] r, int ro, double[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      o[oo + i] = r[ro + i] <= 0 ? 0d : g[go + i];
    }
  }
}
