package dev.jgrad.tensor.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The Python interpreter that the PyTorch reference tests run: the first {@link Python} candidate
 * that can import torch. Tests call {@link #require()}, which fails them in CI and skips them
 * elsewhere, saying why, when no candidate can ({@link References}).
 */
public final class TorchPython {
  private static Python.Found torch;

  private TorchPython() {}

  /**
   * Returns an interpreter that can import torch, or fails (in CI) or aborts the calling test with
   * a message that names the interpreters tried and why each failed.
   */
  public static synchronized String require() {
    if (torch == null) {
      torch = Python.find("import torch; print(torch.__version__)");
    }
    References.require(
        torch.interpreter() != null,
        "no Python interpreter here can import torch ("
            + torch.tried()
            + "); install Debian's python3-torch to compare jgrad with PyTorch");
    return torch.interpreter();
  }

  /** Returns the version of torch that {@link #require()}'s interpreter imports. */
  public static String version() {
    require();
    return torch.output();
  }

  /**
   * Runs the class-path resource {@code script} (relative to {@code anchor}) with {@link
   * #require()}'s interpreter and {@code args}, copied into {@code dir}, as {@link
   * Python#runScript} does.
   *
   * @return what the script printed, stdout and stderr together
   * @throws IOException if the script cannot be copied or run, or does not finish in two minutes
   */
  public static String runScript(Class<?> anchor, String script, Path dir, String... args)
      throws IOException {
    return Python.runScript(require(), anchor, script, dir, args);
  }
}
