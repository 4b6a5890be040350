package dev.jgrad.tensor.io;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restates gson's complaint about a safetensors header in a user's terms: where in the file the
 * JSON breaks and, when gson says it, how; never gson's advice to parse leniently.
 */
final class JsonSyntax {
  /**
   * gson's messages end in {@code at line L column C path P}; the column is that of the fault or of
   * the character after it, depending on how gson noticed.
   */
  private static final Pattern LOCATION =
      Pattern.compile("^(.*?) ?at line (\\d+) column (\\d+) path ", Pattern.DOTALL);

  /** The first byte of the header in a safetensors file, after the 8-byte length. */
  private static final int HEADER_START = 8;

  private JsonSyntax() {}

  /**
   * Returns {@code header is not valid JSON near byte B (line L, column C)}, followed by gson's
   * reason when it names one ({@code : expected ':'}); without a location in {@code gsonMessage},
   * just {@code header is not valid JSON}.
   *
   * @param header the header text gson was reading
   * @param gsonMessage the message of gson's exception, possibly null
   */
  static String describe(String header, String gsonMessage) {
    Matcher m = gsonMessage == null ? null : LOCATION.matcher(gsonMessage);
    if (m == null || !m.find()) {
      return "header is not valid JSON";
    }
    int line = Integer.parseInt(m.group(2));
    int column = Math.max(1, Integer.parseInt(m.group(3)));
    int index = Math.min(lineStart(header, line) + column - 1, header.length());
    long offset = HEADER_START + header.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    String where =
        String.format(
            "header is not valid JSON near byte %d (line %d, column %d)", offset, line, column);
    String reason = m.group(1).strip();
    if (reason.isEmpty() || reason.contains("Strictness") || reason.contains("LENIENT")) {
      return where;
    }
    return where + ": " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }

  /** Returns the index of the first character of 1-based {@code line}, counting '\n' as gson. */
  private static int lineStart(String text, int line) {
    int index = 0;
    for (int l = 1; l < line && index < text.length(); l++) {
      int newline = text.indexOf('\n', index);
      if (newline < 0) {
        return text.length();
      }
      index = newline + 1;
    }
    return index;
  }
}
