package org.gapsync.format.container;

import java.util.Objects;

/**
 * One entry of a container as the container names it: the name is untrusted text. Only the
 * reader that gave an entry can open it: the entry also says, to that reader alone, where its
 * bytes are.
 */
public final class ContainerEntry {
  private final String name;
  private final EntryKind kind;
  private final long size;
  private final long storedSize;
  private final long position;

  /**
   * Creates an entry.
   *
   * @param name the entry's name, relative to the container's root, with forward slashes
   * @param kind what the entry is
   * @param size its declared size in bytes (0 for anything but a file)
   * @param storedSize the bytes it takes in the container, smaller when compressed
   * @param position where the reader finds its bytes: an offset or an index, its own business
   */
  ContainerEntry(String name, EntryKind kind, long size, long storedSize, long position) {
    this.name = Objects.requireNonNull(name, "name");
    this.kind = Objects.requireNonNull(kind, "kind");
    if (size < 0 || storedSize < 0) {
      throw new IllegalArgumentException("negative size for " + name);
    }
    this.size = size;
    this.storedSize = storedSize;
    this.position = position;
  }

  /** Returns the entry's name, relative to the container's root, with forward slashes. */
  public String name() {
    return name;
  }

  /** Returns what the entry is. */
  public EntryKind kind() {
    return kind;
  }

  /** Returns its declared size in bytes (0 for anything but a file). */
  public long size() {
    return size;
  }

  /** Returns the bytes it takes in the container, smaller when compressed. */
  public long storedSize() {
    return storedSize;
  }

  long position() {
    return position;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContainerEntry e && e.name.equals(name) && e.kind == kind
        && e.size == size && e.storedSize == storedSize && e.position == position;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, size, storedSize, position);
  }

  @Override
  public String toString() {
    return "ContainerEntry[" + name + ", " + kind + ", " + size + " bytes]";
  }
}
