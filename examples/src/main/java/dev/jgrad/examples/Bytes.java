package dev.jgrad.examples;

import java.util.Locale;

/** Formats byte counts for messages: {@code 512 MB}, {@code 31.4 GB}. */
final class Bytes {
  private Bytes() {}

  /**
   * Returns {@code bytes} in kB, MB or GB (powers of 1000), GB with one decimal.
   *
   * @param bytes a count of bytes
   * @return the size in words
   */
  static String format(double bytes) {
    if (bytes >= 1e9) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
    if (bytes >= 1e6) {
      return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
  }
}
