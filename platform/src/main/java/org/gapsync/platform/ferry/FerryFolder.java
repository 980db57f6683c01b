package org.gapsync.platform.ferry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.platform.UsageException;

/**
 * One ferry folder: an outbox files are published into, or an inbox they arrive in, by an
 * {@link Arrival} convention. Names are at most {@value #NAME_LENGTH} characters of
 * {@code [A-Za-z0-9._-]}, what diode vendors accept.
 *
 * <pre>{@code
 * FerryFolder outbox = new FerryFolder(Path.of("/srv/outbox"), Arrival.RENAME);
 * outbox.publish(built);                       // .NAME.partial, forced, renamed NAME
 * FerryFolder inbox = new FerryFolder(Path.of("/srv/inbox"), Arrival.RENAME);
 * for (Path p : inbox.arrived(Duration.ofSeconds(10), Instant.now())) { ... inbox.take(p); }
 * }</pre>
 */
public final class FerryFolder {
  /** The longest name a file in a ferry folder may have. */
  public static final int NAME_LENGTH = 65;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,64}");
  private static final String PARTIAL = ".partial";

  private final Path dir;
  private final Arrival arrival;

  /** Describes the folder {@code dir}, whose files arrive by {@code arrival}. */
  public FerryFolder(Path dir, Arrival arrival) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.arrival = Objects.requireNonNull(arrival, "arrival");
  }

  /** Returns the folder. */
  public Path dir() {
    return dir;
  }

  /** Returns the convention. */
  public Arrival arrival() {
    return arrival;
  }

  /**
   * Refuses a name an appliance may not carry: longer than {@value #NAME_LENGTH} characters,
   * or with a character other than {@code [A-Za-z0-9._-]}.
   */
  public static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new UsageException("'" + name + "' (" + name.length() + " characters) cannot cross "
          + "a ferry: its names are at most " + NAME_LENGTH + " characters of A-Z a-z 0-9 . _ "
          + "- (shorten the platform or destination ids, which make the package's name)");
    }
  }

  /**
   * Publishes the file {@code file} into the folder under its own name, whole or not at all:
   * copied under a hidden name, forced to disk and renamed ({@link Arrival#RENAME}), or copied
   * under its name and followed by its marker ({@link Arrival#MARKER}). Returns where it is.
   */
  public Path publish(Path file) throws IOException {
    String name = file.getFileName().toString();
    checkName(name);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("only files cross a ferry: " + file);
    }
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    Path marker = dir.resolve(name + Arrival.MARKER_SUFFIX);
    Path partial = arrival == Arrival.RENAME ? dir.resolve("." + name + PARTIAL) : target;
    Files.deleteIfExists(partial);
    Files.deleteIfExists(marker);
    Digest digest;
    try {
      digest = copy(file, partial);
      if (arrival == Arrival.RENAME) {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } else {
        // The marker last, itself whole under its name.
        Path markerPartial = dir.resolve("." + name + Arrival.MARKER_SUFFIX + PARTIAL);
        Files.writeString(markerPartial, Files.size(target) + " " + digest.hex() + "\n",
            StandardCharsets.US_ASCII);
        try (FileChannel c = FileChannel.open(markerPartial, StandardOpenOption.WRITE)) {
          c.force(true);
        }
        Files.move(markerPartial, marker, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    return target;
  }

  /**
   * Returns the files that have arrived whole, in name order: with {@link Arrival#MARKER}
   * those whose marker has come and whose length is the marker's; with {@link Arrival#RENAME}
   * those under a name of their own whose last change is at least {@code settle} before
   * {@code now} (an appliance that writes under the final name is still writing otherwise).
   * Hidden names, markers and partial copies are never listed.
   */
  public List<Path> arrived(Duration settle, Instant now) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : candidates()) {
      boolean isWhole = arrival == Arrival.MARKER ? marked(p).filter(m -> m.bytes()
          == sizeOf(p)).isPresent() : isSettled(p, settle, now);
      if (isWhole) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Returns the regular files of the folder that may be deliveries, in name order: not hidden,
   * not markers, not partial copies.
   */
  private List<Path> candidates() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && !name.endsWith(Arrival.MARKER_SUFFIX)
            && !name.endsWith(PARTIAL) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
      }).sorted().toList();
    }
  }

  /**
   * Returns the files whose marker has come but does not match them, and that have not changed
   * for {@code settle} before {@code now}: a copy the appliance damaged, or cut short, that
   * will never arrive whole ({@link Arrival#MARKER} only; none by rename).
   */
  public List<Path> misdelivered(Duration settle, Instant now) throws IOException {
    List<Path> out = new ArrayList<>();
    if (arrival != Arrival.MARKER) {
      return out;
    }
    for (Path p : candidates()) {
      Optional<Marker> m = marked(p);
      if (m.isPresent() && m.get().bytes() != sizeOf(p) && isSettled(p, settle, now)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Returns how many files the folder holds under names of their own (not hidden, not markers)
   * that {@link #arrived} does not list: still being copied, or waiting for their marker.
   */
  public int notWhole(Duration settle, Instant now) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    long visible;
    try (Stream<Path> s = Files.list(dir)) {
      visible = s.filter(p -> {
        String n = p.getFileName().toString();
        return !n.startsWith(".") && !n.endsWith(Arrival.MARKER_SUFFIX) && !n.endsWith(PARTIAL)
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
      }).count();
    }
    return (int) (visible - arrived(settle, now).size());
  }

  /**
   * Returns what the marker of {@code file} says of it, if its marker has come and reads as one.
   *
   * @param bytes the file's length
   * @param digest its SHA-256
   */
  public record Marker(long bytes, Digest digest) {}

  /** Returns the marker of {@code file}, if there is one that reads. */
  public Optional<Marker> marked(Path file) throws IOException {
    Path marker = file.resolveSibling(file.getFileName() + Arrival.MARKER_SUFFIX);
    if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > 200) {
      return Optional.empty();
    }
    String[] parts = Files.readString(marker, StandardCharsets.US_ASCII).trim().split(" ");
    if (parts.length != 2 || !parts[0].matches("\\d{1,19}")
        || !Digest.isValid(DigestAlgorithm.SHA256, parts[1])) {
      return Optional.empty();
    }
    return Optional.of(new Marker(Long.parseLong(parts[0]), Digest.parse(DigestAlgorithm.SHA256,
        parts[1])));
  }

  /**
   * Moves {@code file} out of the folder into {@code into} (its marker removed), for a person
   * to look at: it was refused. Returns where it is now.
   */
  public Path setAside(Path file, Path into) throws IOException {
    Path to = Files.createDirectories(into).resolve(file.getFileName());
    Files.move(file, to, StandardCopyOption.REPLACE_EXISTING);
    take(file);
    return to;
  }

  /** Removes {@code file} (and its marker) from the folder: it has been taken in. */
  public void take(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + Arrival.MARKER_SUFFIX));
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  private static boolean isSettled(Path p, Duration settle, Instant now) throws IOException {
    FileTime changed = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    return !changed.toInstant().plus(settle).isAfter(now);
  }

  private static Digest copy(Path from, Path to) throws IOException {
    MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
    try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS);
        FileChannel c = FileChannel.open(to, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(c);
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        md.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
      out.flush();
      c.force(true);
    }
    return Digest.from(DigestAlgorithm.SHA256, md);
  }
}
