package dev.jgrad.tensor.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;

/**
 * Tensors crossing to the PyTorch reference scripts and back as JSON, floats as C99 hexadecimal
 * strings ({@link Double#toHexString} and Python's {@code float.fromhex}/{@code float.hex}), so
 * float64 values arrive bit for bit.
 */
public final class TorchJson {
  private TorchJson() {}

  /**
   * Encodes {@code t} as {@code {"shape": [...], "dtype": "float64" | "int", "values": [...]}},
   * floats as hexadecimal strings.
   */
  public static JsonObject encode(Tensor t) {
    JsonObject o = new JsonObject();
    JsonArray shape = new JsonArray();
    for (int size : t.shape().toArray()) {
      shape.add(size);
    }
    o.add("shape", shape);
    JsonArray values = new JsonArray();
    if (t.dtype() == DType.INT32) {
      o.addProperty("dtype", "int");
      for (int v : t.toIntArray()) {
        values.add(v);
      }
    } else {
      o.addProperty("dtype", "float64");
      for (double v : t.toDoubleArray()) {
        values.add(Double.toHexString(v));
      }
    }
    o.add("values", values);
    return o;
  }

  /** Decodes a JSON array of hexadecimal float strings, as Python's {@code float.hex} writes. */
  public static double[] decode(JsonElement hexValues) {
    JsonArray a = hexValues.getAsJsonArray();
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.parseDouble(a.get(i).getAsString());
    }
    return out;
  }
}
