package dev.jgrad.autograd;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Graphviz's {@code dot} program to render DOT text as a PNG image. */
final class Graphviz {
  private static final long TIMEOUT_SECONDS = 120;

  private final String program;

  Graphviz(String program) {
    this.program = program;
  }

  /** Returns the renderer that runs {@code dot} from the {@code PATH}. */
  static Graphviz onPath() {
    return new Graphviz("dot");
  }

  /**
   * Returns the PNG image {@code dot -Tpng} makes of {@code dot}.
   *
   * @throws IOException if the program is not installed (saying how to install it), fails, or does
   *     not finish in two minutes
   */
  byte[] png(String dot) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(List.of(program, "-Tpng")).start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run Graphviz's "
              + program
              + " program to draw a PNG ("
              + e.getMessage()
              + "); install the graphviz package (Debian/Ubuntu: apt-get install graphviz) or"
              + " write the graph as .dot text",
          e);
    }
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Thread errorReader =
        new Thread(() -> copy(process.getErrorStream(), errors), "graphviz-stderr");
    errorReader.setDaemon(true);
    errorReader.start();
    byte[] png;
    try (OutputStream in = process.getOutputStream();
        InputStream out = process.getInputStream()) {
      in.write(dot.getBytes(UTF_8));
      in.close();
      png = out.readAllBytes();
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(program + " -Tpng did not finish in " + TIMEOUT_SECONDS + " s");
      }
      errorReader.join();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(program + " -Tpng was interrupted", e);
    }
    if (process.exitValue() != 0 || png.length == 0) {
      throw new IOException(
          program
              + " -Tpng failed with exit code "
              + process.exitValue()
              + ": "
              + errors.toString(UTF_8).strip().replace('\n', ' '));
    }
    return png;
  }

  private static void copy(InputStream from, ByteArrayOutputStream to) {
    try (InputStream s = from) {
      s.transferTo(to);
    } catch (IOException e) {
      to.writeBytes(("(standard error unreadable: " + e.getMessage() + ")").getBytes(UTF_8));
    }
  }
}
