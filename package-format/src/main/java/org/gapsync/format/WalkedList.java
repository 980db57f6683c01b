package org.gapsync.format;

import java.util.AbstractList;
import java.util.Iterator;

/**
 * A list read again from where it is kept (a document, a spill file) each time it is walked:
 * a list of a million records that is never held in memory whole. Walk it (iterate, stream,
 * count); {@link #get} walks from the start and is for small lists. Whoever holds one keeps it
 * as it is rather than copying it, and whoever makes one has checked what a copy would check,
 * such as that no record appears twice. A walk that can no longer read ends with an {@link
 * java.io.UncheckedIOException}.
 *
 * @param <E> the elements
 */
public abstract class WalkedList<E> extends AbstractList<E> {
  private final int size;

  /** Creates a list of {@code size} elements. */
  protected WalkedList(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size < 0: " + size);
    }
    this.size = size;
  }

  @Override
  public final int size() {
    return size;
  }

  @Override
  public E get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    Iterator<E> walk = iterator();
    for (int i = 0; i < index; i++) {
      walk.next();
    }
    return walk.next();
  }

  /** Returns a new walk over the elements, from the first. */
  @Override
  public abstract Iterator<E> iterator();
}
