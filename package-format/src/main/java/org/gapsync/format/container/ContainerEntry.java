package org.gapsync.format.container;

import java.util.Objects;

/**
 * One entry of a container as the container names it: the name is untrusted text.
 *
 * @param name the entry's name, relative to the container's root, with forward slashes
 * @param kind what the entry is
 * @param size its declared size in bytes (0 for anything but a file)
 * @param storedSize the bytes it takes in the container, smaller when compressed
 */
public record ContainerEntry(String name, EntryKind kind, long size, long storedSize) {
  /** Checks that the name is present and the sizes are not negative. */
  public ContainerEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (size < 0 || storedSize < 0) {
      throw new IllegalArgumentException("negative size for " + name);
    }
  }
}
