package org.gapsync.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A network gap appliance, simulated at its worst: it carries every file published whole in
 * one folder into another, one way, and takes it out of the first, as the devices between
 * networks do; but late, out of order, some twice, some never, and each one visible in the
 * receiving folder while it is still being written (the rename convention's receiver must
 * wait for it to settle, the marker convention's for its marker).
 *
 * <p>It runs on a thread of its own until closed, from a seed, and counts what it did. Beside
 * what the dice decide, it always loses the third file it takes and delivers the second twice,
 * so that every fault happens in a short run too.
 */
final class ApplianceSimulator implements AutoCloseable {
  /** How the files are known to be whole, on both sides: as {@code --arrival} says. */
  enum Convention { RENAME, MARKER }

  /** What the appliance did: files carried, and the faults among them. */
  record Faults(int carried, int dropped, int duplicated, int reordered, int seenHalfWritten) {
    @Override
    public String toString() {
      return carried + " carried, " + dropped + " dropped, " + duplicated + " delivered twice, "
          + reordered + " overtaken by a later one, " + seenHalfWritten + " visible half-written";
    }
  }

  private static final String MARKER = ".done";

  /** A file taken from the sending folder, kept until its time to arrive. */
  private record Held(Path copy, String name, long taken, long dueNanos, String marker,
      boolean isRepeat) {}

  private final String name;
  private final Path from;
  private final Path to;
  private final Path store;
  private final Convention convention;
  private final Random random;
  private final double dropRate;
  private final double duplicateRate;
  private final List<Held> held = new ArrayList<>();
  private final AtomicInteger carried = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger duplicated = new AtomicInteger();
  private final AtomicInteger reordered = new AtomicInteger();
  private final AtomicInteger halfWritten = new AtomicInteger();
  private final Thread thread;
  private volatile boolean isRunning = true;
  private volatile boolean isDropping = true;
  private volatile Throwable failure;
  private long takenCount;
  private long lastDelivered = -1;

  /**
   * Creates an appliance named {@code name} from {@code from} to {@code to}, keeping what it
   * carries in {@code store}; each file is lost with {@code dropRate} and delivered a second
   * time with {@code duplicateRate}.
   */
  ApplianceSimulator(String name, Path from, Path to, Path store, Convention convention,
      long seed, double dropRate, double duplicateRate) throws IOException {
    this.name = name;
    this.from = Files.createDirectories(from);
    this.to = Files.createDirectories(to);
    this.store = Files.createDirectories(store);
    this.convention = convention;
    this.random = new Random(seed);
    this.dropRate = dropRate;
    this.duplicateRate = duplicateRate;
    this.thread = new Thread(this::run, "appliance " + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Returns what the appliance has done so far. */
  Faults faults() {
    checkAlive();
    return new Faults(carried.get(), dropped.get(), duplicated.get(), reordered.get(),
        halfWritten.get());
  }

  /** Returns whether nothing is on its way: everything taken has been delivered or lost. */
  synchronized boolean isIdle() {
    checkAlive();
    return held.isEmpty();
  }

  /** Loses no file from now on: what it holds and what comes is delivered, late or not. */
  void stopDropping() {
    isDropping = false;
  }

  @Override
  public void close() {
    isRunning = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while the appliance " + name + " stopped", e);
    }
    checkAlive();
  }

  private void checkAlive() {
    if (failure != null) {
      throw new AssertionError("the appliance " + name + " failed", failure);
    }
  }

  private void run() {
    try {
      while (isRunning) {
        take();
        deliverDue();
        Thread.sleep(40);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
  }

  /** Takes every file published whole out of the sending folder. */
  private void take() throws IOException {
    List<Path> names;
    try (Stream<Path> s = Files.list(from)) {
      names = s.sorted().toList();
    }
    for (Path p : names) {
      String n = p.getFileName().toString();
      if (n.startsWith(".") || n.endsWith(MARKER)) {
        continue;
      }
      String marker = null;
      if (convention == Convention.MARKER) {
        Path m = from.resolve(n + MARKER);
        if (!Files.exists(m)) {
          continue;
        }
        marker = Files.readString(m, StandardCharsets.US_ASCII);
      }
      Path copy = store.resolve(takenCount + "-" + n);
      try {
        Files.move(p, copy, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.NoSuchFileException gone) {
        continue;
      }
      if (marker != null) {
        Files.deleteIfExists(from.resolve(n + MARKER));
      }
      long order = takenCount++;
      synchronized (this) {
        // Its third file is lost, whatever the dice say, and so is any by chance.
        if (isDropping && (order == 2 || random.nextDouble() < dropRate)) {
          dropped.incrementAndGet();
          Files.delete(copy);
          continue;
        }
        held.add(new Held(copy, n, order, System.nanoTime() + delay(3_000), marker, false));
      }
    }
  }

  private long delay(int maxMillis) {
    return random.nextInt(maxMillis) * 1_000_000L;
  }

  /** Delivers every held file whose time has come, in the order of their times. */
  private void deliverDue() throws IOException, InterruptedException {
    List<Held> due;
    synchronized (this) {
      long now = System.nanoTime();
      due = held.stream().filter(h -> h.dueNanos() <= now)
          .sorted(Comparator.comparingLong(Held::dueNanos)).toList();
    }
    for (Held h : due) {
      Path target = to.resolve(h.name());
      if (Files.exists(target)) {
        // Its earlier copy has not been taken in yet: an appliance retries later.
        synchronized (this) {
          held.remove(h);
          held.add(new Held(h.copy(), h.name(), h.taken(), System.nanoTime() + delay(1_000),
              h.marker(), h.isRepeat()));
        }
        continue;
      }
      write(h.copy(), target);
      if (h.marker() != null) {
        Path partial = to.resolve("." + h.name() + MARKER + ".partial");
        Files.writeString(partial, h.marker(), StandardCharsets.US_ASCII);
        Files.move(partial, to.resolve(h.name() + MARKER), StandardCopyOption.ATOMIC_MOVE);
      }
      carried.incrementAndGet();
      if (h.taken() < lastDelivered) {
        reordered.incrementAndGet();
      }
      lastDelivered = Math.max(lastDelivered, h.taken());
      synchronized (this) {
        held.remove(h);
        // Its second file comes twice, whatever the dice say, and so may any other.
        if (h.taken() == 1 && !h.isRepeat() || random.nextDouble() < duplicateRate) {
          duplicated.incrementAndGet();
          held.add(new Held(h.copy(), h.name(), h.taken(), System.nanoTime() + 1_000_000_000L
              + delay(4_000), h.marker(), true));
        } else {
          Files.delete(h.copy());
        }
      }
    }
  }

  /**
   * Writes {@code copy} into {@code target} under its final name in a few pieces, a pause
   * between them shorter than the receiver's settle time: a reader sees it half-written.
   */
  private void write(Path copy, Path target) throws IOException, InterruptedException {
    byte[] bytes = Files.readAllBytes(copy);
    int pieces = 3;
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int i = 0; i < pieces; i++) {
        int start = bytes.length * i / pieces;
        int end = bytes.length * (i + 1) / pieces;
        out.write(bytes, start, end - start);
        out.flush();
        if (i < pieces - 1) {
          Thread.sleep(60);
        }
      }
    }
    halfWritten.incrementAndGet();
  }
}
