package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** NoGrad scopes: nothing recorded inside, nesting, and confinement to the entering thread. */
class NoGradTest {
  @AfterEach
  void gradIsEnabledAgain() {
    assertTrue(NoGrad.isGradEnabled());
  }

  @Test
  void opsInsideAScopeAreNotRecorded() {
    Variable w = new Variable(Tensor.ones(2)).requiresGrad(true);
    Variable y;
    try (NoGrad g = NoGrad.enter()) {
      assertFalse(NoGrad.isGradEnabled());
      y = w.mul(2).sum();
    }
    assertFalse(y.requiresGrad());
    assertTrue(y.isLeaf());
    assertNull(y.opName());
    assertTrue(w.mul(2).requiresGrad());
  }

  @Test
  void scopesNest() {
    try (NoGrad outer = NoGrad.enter()) {
      try (NoGrad inner = NoGrad.enter()) {
        assertFalse(NoGrad.isGradEnabled());
      }
      assertFalse(NoGrad.isGradEnabled());
    }
  }

  @Test
  void closingOutOfOrderOrTwiceIsRefused() {
    NoGrad outer = NoGrad.enter();
    NoGrad inner = NoGrad.enter();
    IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
    assertEquals(
        "NoGrad: closed out of order: this scope is at depth 1 but 2 scopes are open; close the"
            + " innermost scope first",
        e.getMessage());
    inner.close();
    outer.close();
    IllegalStateException twice = assertThrows(IllegalStateException.class, outer::close);
    assertEquals("NoGrad: this scope is already closed", twice.getMessage());
  }

  @Test
  void aScopeIsConfinedToItsThread() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "other"));
    try (NoGrad g = NoGrad.enter()) {
      Future<Boolean> elsewhere = pool.submit(NoGrad::isGradEnabled);
      assertTrue(elsewhere.get(), "another thread still records");
      Future<Boolean> recorded =
          pool.submit(() -> new Variable(Tensor.ones(1)).requiresGrad(true).mul(2).requiresGrad());
      assertTrue(recorded.get());
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> CompletableFuture.runAsync(g::close, pool).get());
      assertTrue(e.getCause() instanceof IllegalStateException);
      assertEquals(
          "NoGrad: closed on thread 'other' but entered on thread '"
              + Thread.currentThread().getName()
              + "'; a NoGrad scope is confined to the thread that entered it",
          e.getCause().getMessage());
    } finally {
      pool.shutdown();
    }
  }
}
