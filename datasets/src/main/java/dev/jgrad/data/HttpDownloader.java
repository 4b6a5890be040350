package dev.jgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The default {@link Downloader}: one HTTP GET per file with the JDK's HTTP client, which is built
 * only when a file is actually downloaded (it starts a thread).
 */
final class HttpDownloader implements Downloader {
  private static final int HTTP_OK = 200;

  @Override
  public void download(URI source, OutputStream target) throws IOException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(10)).build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("GET " + source + " was interrupted");
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != HTTP_OK) {
        throw new IOException(
            "GET " + source + " answered HTTP " + response.statusCode() + ", expected 200");
      }
      body.transferTo(target);
    }
  }
}
