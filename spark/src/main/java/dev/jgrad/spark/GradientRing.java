package dev.jgrad.spark;

import static com.google.common.base.Preconditions.checkState;

import dev.jgrad.tensor.DType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.apache.spark.BarrierTaskContext;

/**
 * The gradient exchange between the workers of one barrier stage: a chain of TCP connections,
 * worker {@code w} to {@code w + 1}, whose addresses the workers trade with {@link
 * BarrierTaskContext#allGather}.
 *
 * <p><b>Fixed order.</b> Every step, worker 0 folds its micro-batches' gradients in shard order and
 * sends the partial sum to worker 1, which adds its own in shard order and passes it on, up to the
 * last worker, which then holds {@code ((g₀ + g₁) + g₂) + …} over all micro-batches, the same left
 * fold a single process forms in {@code .grad} when it accumulates the micro-batches one after the
 * other. The last worker sends the total back down the chain. The order of every addition is fixed
 * by the shard layout alone, so the result depends neither on timing nor on the number of workers.
 * The gradients travel in chunks, so the fold along the chain and the way back are pipelined; the
 * last worker turns round only once it holds the whole sum, which also rules out a deadlock between
 * the two directions.
 *
 * <p><b>Failures.</b> Each frame starts with a tag: data, or an error carrying the first failure's
 * description, which every worker that receives it passes on before it stops ({@link
 * PeerFailureException}). A read waits at most the exchange timeout; a closed connection or a
 * timeout stops the worker with a message that names the worker it waited for.
 */
final class GradientRing implements Closeable {
  private static final int TAG_DATA = 0;
  private static final int TAG_ERROR = 1;
  private static final int MAX_ERROR_CHARS = 4000;

  /** Elements per chunk: 256 KiB of float32. */
  static final int CHUNK = 1 << 16;

  private final int worker;
  private final int workers;
  private final Duration timeout;
  private final Socket next;
  private final Socket previous;
  private final DataInputStream fromNext;
  private final DataOutputStream toNext;
  private final DataInputStream fromPrevious;
  private final DataOutputStream toPrevious;
  private FlatGradients sum;
  private byte[] bytes;

  private GradientRing(int worker, int workers, Duration timeout, Socket next, Socket previous)
      throws IOException {
    this.worker = worker;
    this.workers = workers;
    this.timeout = timeout;
    this.next = next;
    this.previous = previous;
    this.fromNext = next == null ? null : input(next);
    this.toNext = next == null ? null : output(next);
    this.fromPrevious = previous == null ? null : input(previous);
    this.toPrevious = previous == null ? null : output(previous);
  }

  private static DataInputStream input(Socket s) throws IOException {
    return new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
  }

  private static DataOutputStream output(Socket s) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
  }

  /**
   * Connects the workers of the current barrier stage into a chain.
   *
   * @param context the task's barrier context
   * @param timeout how long a connection or a read may wait
   * @return this worker's ends of the chain
   */
  static GradientRing connect(BarrierTaskContext context, Duration timeout) {
    int w = context.partitionId();
    int n = context.numPartitions();
    if (n == 1) {
      try {
        return new GradientRing(0, 1, timeout, null, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(0));
      server.setSoTimeout(millis);
      String host = hostOf(context.getTaskInfos()[w].address());
      String[] addresses = context.allGather(host + " " + server.getLocalPort());
      Socket next = null;
      if (w + 1 < n) {
        next = connectTo(w, w + 1, addresses[w + 1], millis);
        new DataOutputStream(next.getOutputStream()).writeInt(w);
      }
      Socket previous = null;
      if (w > 0) {
        try {
          previous = server.accept();
        } catch (SocketTimeoutException e) {
          throw new IllegalStateException(
              String.format(
                  "SparkTrainer worker %d: worker %d did not connect within %s (the exchange"
                      + " timeout)",
                  w, w - 1, timeout),
              e);
        }
        previous.setTcpNoDelay(true);
        previous.setSoTimeout(millis);
        int from = new DataInputStream(previous.getInputStream()).readInt();
        checkState(
            from == w - 1,
            "SparkTrainer worker %s: expected a connection from worker %s, got one from %s",
            w,
            w - 1,
            from);
      }
      return new GradientRing(w, n, timeout, next, previous);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "SparkTrainer worker " + w + ": cannot set up the exchange", e);
    }
  }

  private static String hostOf(String address) {
    int colon = address.lastIndexOf(':');
    return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
  }

  private static Socket connectTo(int w, int peer, String address, int millis) throws IOException {
    String[] parts = address.split(" ");
    InetSocketAddress target = new InetSocketAddress(parts[0], Integer.parseInt(parts[1]));
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      Socket s = new Socket();
      try {
        s.connect(target, millis);
        s.setTcpNoDelay(true);
        s.setSoTimeout(millis);
        return s;
      } catch (ConnectException e) {
        s.close();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              String.format(
                  "SparkTrainer worker %d: cannot connect to worker %d at %s: %s",
                  w, peer, address, e.getMessage()),
              e);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("SparkTrainer worker " + w + " was interrupted", ie);
        }
      }
    }
  }

  /** The result of one step's exchange: the summed gradients and the summed loss. */
  record Total(FlatGradients gradients, double lossSum) {}

  /**
   * Sums every worker's micro-batch contributions in shard order and hands the same total to every
   * worker.
   *
   * @param mine this worker's contributions, in shard order (empty micro-batches left out)
   * @param dtypeLike a buffer of the gradients' dtype and length
   * @return the total over all workers' micro-batches
   */
  Total allReduce(List<Contribution> mine, FlatGradients dtypeLike) {
    try {
      return exchange(mine, dtypeLike);
    } catch (SocketTimeoutException e) {
      throw new IllegalStateException(
          String.format(
              "SparkTrainer worker %d: no data from a neighbouring worker within %s (the exchange"
                  + " timeout); it is stuck or far slower than this one",
              worker, timeout),
          e);
    } catch (EOFException | SocketException e) {
      throw new IllegalStateException(
          String.format(
              "SparkTrainer worker %d: a neighbouring worker closed its connection during the"
                  + " exchange (it failed or was killed): %s",
              worker, e),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("SparkTrainer worker " + worker + ": exchange failed", e);
    }
  }

  private Total exchange(List<Contribution> mine, FlatGradients like) throws IOException {
    int length = like.length();
    if (sum == null) {
      sum = FlatGradients.zeros(dtypeOf(like), length);
      bytes = new byte[CHUNK * like.elementBytes()];
    }
    boolean hasIn = false;
    double loss = 0;
    if (fromPrevious != null) {
      expectData(fromPrevious);
      hasIn = fromPrevious.readBoolean();
      loss = fromPrevious.readDouble();
    }
    boolean hasOut = hasIn || !mine.isEmpty();
    for (int i = 0; i < mine.size(); i++) {
      double l = mine.get(i).lossSum();
      loss = hasIn || i > 0 ? loss + l : l;
    }
    if (toNext != null) {
      toNext.writeByte(TAG_DATA);
      toNext.writeBoolean(hasOut);
      toNext.writeDouble(loss);
    }
    for (int from = 0; from < length; from += CHUNK) {
      int to = Math.min(length, from + CHUNK);
      int chunkBytes = (to - from) * sum.elementBytes();
      if (hasIn) {
        expectData(fromPrevious);
        fromPrevious.readFully(bytes, 0, chunkBytes);
        sum.fromBytes(bytes, from, to);
      }
      for (int i = 0; i < mine.size(); i++) {
        if (hasIn || i > 0) {
          sum.addRange(mine.get(i).gradients(), from, to);
        } else {
          sum.copyRange(mine.get(i).gradients(), from, to);
        }
      }
      if (toNext != null && hasOut) {
        sum.toBytes(bytes, from, to);
        toNext.writeByte(TAG_DATA);
        toNext.write(bytes, 0, chunkBytes);
        toNext.flush();
      }
    }
    if (toNext != null) {
      toNext.flush();
      // The way back: the last worker's total, passed down the chain.
      expectData(fromNext);
      hasOut = fromNext.readBoolean();
      loss = fromNext.readDouble();
    }
    checkState(hasOut, "SparkTrainer worker %s: a step without samples", worker);
    if (toPrevious != null) {
      toPrevious.writeByte(TAG_DATA);
      toPrevious.writeBoolean(true);
      toPrevious.writeDouble(loss);
    }
    for (int from = 0; from < length; from += CHUNK) {
      int to = Math.min(length, from + CHUNK);
      int chunkBytes = (to - from) * sum.elementBytes();
      if (toNext != null) {
        expectData(fromNext);
        fromNext.readFully(bytes, 0, chunkBytes);
        sum.fromBytes(bytes, from, to);
      } else if (toPrevious != null) {
        sum.toBytes(bytes, from, to);
      }
      if (toPrevious != null) {
        toPrevious.writeByte(TAG_DATA);
        toPrevious.write(bytes, 0, chunkBytes);
        toPrevious.flush();
      }
    }
    if (toPrevious != null) {
      toPrevious.flush();
    }
    return new Total(sum, loss);
  }

  private static DType dtypeOf(FlatGradients like) {
    return like.elementBytes() == Double.BYTES ? DType.FLOAT64 : DType.FLOAT32;
  }

  private void expectData(DataInputStream in) throws IOException {
    int tag = in.read();
    if (tag == TAG_DATA) {
      return;
    }
    if (tag == TAG_ERROR) {
      throw new PeerFailureException(worker, in.readUTF());
    }
    if (tag < 0) {
      throw new EOFException("connection closed");
    }
    throw new IllegalStateException(
        "SparkTrainer worker " + worker + ": unexpected frame tag " + tag + " in the exchange");
  }

  /**
   * Tells both neighbours that training stopped because of {@code origin}, as far as they can still
   * be reached, before the connections close.
   *
   * @param origin the first error's description
   */
  void abort(String origin) {
    String text = origin.length() > MAX_ERROR_CHARS ? origin.substring(0, MAX_ERROR_CHARS) : origin;
    for (DataOutputStream out : new DataOutputStream[] {toNext, toPrevious}) {
      if (out != null) {
        try {
          out.writeByte(TAG_ERROR);
          out.writeUTF(text);
          out.flush();
        } catch (IOException e) {
          // The neighbour is gone already; it learns of the failure from its other side.
        }
      }
    }
  }

  int workers() {
    return workers;
  }

  @Override
  public void close() {
    for (Socket s : new Socket[] {next, previous}) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          // Closing is best effort.
        }
      }
    }
  }
}
