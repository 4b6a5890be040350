package dev.jgrad.tensor.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A small persistent pool for splitting one kernel call into parts, one per thread.
 *
 * <p>The calling thread and daemon workers each start with their own part, then take any part still
 * free. A worker that finishes waits a short while for the next job, spinning ({@link
 * Thread#onSpinWait}) and then yielding between checks, before it parks: on two cores a hand-off to
 * a waiting worker costs well under a microsecond, where a ForkJoin hand-off costs about ten. Only
 * one call uses the workers at a time; a call made while they are busy (from another thread, or
 * from inside a part) runs all its parts on its own thread, in order, which gives the same results
 * because each part writes its own output elements.
 */
public final class WorkerPool {
  /** The largest thread count {@link #setThreads} accepts. */
  public static final int MAX_THREADS = 64;

  /** How long an idle worker waits for the next job before it parks, in nanoseconds. */
  private static final long SPIN_NANOS = 200_000;

  /**
   * How long of that it spins without yielding; after that it yields the core between checks, so
   * that a thread waiting for it (the JIT compiler, while the kernels warm up) can run.
   */
  private static final long PURE_SPIN_NANOS = 5_000;

  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static volatile int threads = initialThreads();
  private static Worker[] workers = new Worker[0];

  private WorkerPool() {}

  private static int initialThreads() {
    String property = System.getProperty("jgrad.threads");
    if (property == null || property.isBlank()) {
      return 1;
    }
    int n;
    try {
      n = Integer.parseInt(property.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(badThreads(property), e);
    }
    if (n < 1 || n > MAX_THREADS) {
      throw new IllegalArgumentException(badThreads(property));
    }
    return n;
  }

  private static String badThreads(String property) {
    return "jgrad.threads: expected 1 to " + MAX_THREADS + ", got '" + property + "'";
  }

  /** Returns the number of threads kernels may use. */
  public static int threads() {
    return threads;
  }

  /** Sets the number of threads kernels may use; the caller has validated {@code n}. */
  public static void setThreads(int n) {
    threads = n;
  }

  /**
   * Runs {@code part.accept(i)} for every {@code i} in {@code [0, parts)}, in parallel when the
   * workers are free, and returns when all have finished. The calling thread runs part 0 and worker
   * w part w when they get to it first, then any part still free: each thread keeps the same part
   * of successive calls (and its data in its cache), and a worker that the operating system has not
   * scheduled yet takes nothing, so the caller runs its part instead of waiting. An exception
   * thrown by a part is rethrown here after every part has ended.
   */
  public static void run(int parts, IntConsumer part) {
    if (parts <= 1 || !BUSY.compareAndSet(false, true)) {
      for (int i = 0; i < parts; i++) {
        part.accept(i);
      }
      return;
    }
    try {
      Job job = new Job(part, parts);
      Worker[] ws = workers(parts - 1);
      for (int i = 0; i < parts - 1; i++) {
        ws[i].submit(job);
      }
      job.work(0);
      job.awaitAll();
      Throwable failure = job.failure;
      if (failure instanceof RuntimeException e) {
        throw e;
      } else if (failure instanceof Error e) {
        throw e;
      }
    } finally {
      BUSY.set(false);
    }
  }

  private static Worker[] workers(int needed) {
    if (workers.length < needed) {
      Worker[] grown = Arrays.copyOf(workers, needed);
      for (int i = workers.length; i < needed; i++) {
        grown[i] = new Worker(i + 1);
      }
      workers = grown;
    }
    return workers;
  }

  /**
   * One call's parts, a flag per part saying whether some thread has taken it, a counter of parts
   * ended, and the first failure.
   */
  private static final class Job {
    private final IntConsumer part;
    private final int parts;
    private final AtomicIntegerArray taken;
    private final AtomicInteger ended = new AtomicInteger();
    private volatile Throwable failure;

    Job(IntConsumer part, int parts) {
      this.part = part;
      this.parts = parts;
      this.taken = new AtomicIntegerArray(parts);
    }

    /**
     * Runs part {@code own} first if no one has taken it, then every part still free. Giving each
     * thread the same part of successive calls keeps a split's data in that thread's cache.
     */
    void work(int own) {
      if (own < parts) {
        runIfFree(own);
      }
      for (int i = 0; i < parts; i++) {
        runIfFree(i);
      }
    }

    private void runIfFree(int i) {
      if (taken.get(i) != 0 || !taken.compareAndSet(i, 0, 1)) {
        return;
      }
      try {
        part.accept(i);
      } catch (RuntimeException | Error e) {
        synchronized (this) {
          if (failure == null) {
            failure = e;
          }
        }
      }
      ended.incrementAndGet();
    }

    /** Waits, spinning briefly and then yielding, until every part has ended. */
    void awaitAll() {
      long yieldAfter = System.nanoTime() + SPIN_NANOS / 10;
      while (ended.get() < parts) {
        if (System.nanoTime() < yieldAfter) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }
  }

  /** One persistent worker thread that joins each job it is handed. */
  private static final class Worker implements Runnable {
    private final Thread thread;
    private final int own;
    private volatile Job job;
    private volatile boolean parked;

    Worker(int id) {
      own = id;
      thread = new Thread(this, "jgrad-worker-" + id);
      thread.setDaemon(true);
      thread.start();
    }

    void submit(Job j) {
      job = j;
      if (parked) {
        LockSupport.unpark(thread);
      }
    }

    @Override
    public void run() {
      Job last = null;
      while (true) {
        Job j = waitForJob(last);
        j.work(own);
        last = j;
      }
    }

    private Job waitForJob(Job last) {
      long start = System.nanoTime();
      while (true) {
        Job j = job;
        if (j != last) {
          return j;
        }
        long waited = System.nanoTime() - start;
        if (waited < PURE_SPIN_NANOS) {
          Thread.onSpinWait();
        } else if (waited < SPIN_NANOS) {
          Thread.yield();
        } else {
          parked = true;
          if (job == last) {
            LockSupport.park(this);
          }
          parked = false;
          start = System.nanoTime();
        }
      }
    }
  }
}
