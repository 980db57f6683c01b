package org.gapsync.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackagePathTest {
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "/etc/passwd", "../x", "data/../../x", "data/./x", "data//x",
      "data/", "C:/Windows", "c:x", "data\\x", "data/a\u0000b", "data/a\nb", "data/a:b", ".."})
  void rejectsPathThatCouldEscapeOrMislead(String text) {
    UnsafePathException e = assertThrows(UnsafePathException.class,
        () -> PackagePath.parse(text));

    assertEquals(text, e.path());
  }

  @Test
  void resolvesBelowItsRoot(@org.junit.jupiter.api.io.TempDir Path root) throws Exception {
    Path file = PackagePath.parse("data/档案/a b.txt").resolveIn(root);

    assertEquals(root.resolve("data").resolve("档案").resolve("a b.txt"), file);
  }

  @Test
  void collidesAcrossCaseAndNormalization() throws Exception {
    assertEquals(PackagePath.parse("data/Caf\u00e9").collisionKey(),
        PackagePath.parse("data/cafe\u0301").collisionKey());
  }
}
