package dev.jgrad.data;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;

/**
 * Fetches a remote file: the seam between dataset loading and the network.
 *
 * <p>{@link DataLocator} calls it with a stream to a fresh temporary file in the cache folder (see
 * {@link dev.jgrad.tensor.io.AtomicFiles}), then checks the result (IDX format and SHA-256) and
 * only then moves it into place, so an implementation need not be careful about partial writes: a
 * failed or short download never reaches the cache.
 */
@FunctionalInterface
public interface Downloader {
  /**
   * Writes the bytes found at {@code source} to {@code target}.
   *
   * @param source the URL of the file
   * @param target where the bytes go; the caller closes it
   * @throws IOException if the resource cannot be fetched or written
   */
  void download(URI source, OutputStream target) throws IOException;

  /**
   * Returns a downloader that fetches {@code http} and {@code https} URLs with the JDK's HTTP
   * client, following redirects, with a 30-second connect timeout and a 10-minute limit per file.
   *
   * @return the default downloader
   */
  static Downloader http() {
    return new HttpDownloader();
  }
}
