package org.gapsync.platform.ferry;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gapsync.platform.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FerryLockTest {
  @TempDir
  Path dir;

  @Test
  void aSecondFerryOnAHomeIsRefusedNamingTheProcessThatHoldsIt() throws Exception {
    try (FerryLock first = FerryLock.take(dir)) {
      UsageException e = assertThrows(UsageException.class, () -> FerryLock.take(dir));

      assertTrue(e.getMessage().startsWith("another ferry runs on this home (process "
          + ProcessHandle.current().pid() + ")"), e.getMessage());
    }
    // Let go, it can be taken again.
    FerryLock.take(dir).close();
  }
}
