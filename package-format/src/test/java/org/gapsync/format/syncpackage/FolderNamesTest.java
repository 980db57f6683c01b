package org.gapsync.format.syncpackage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FolderNamesTest {
  @Test
  void keepsSafeIdsAndReplacesUnsafeCharacters() {
    FolderNames names = new FolderNames();

    assertEquals(List.of("F001-2024-0001", "F001_2024_0002", "r.hidden"),
        List.of(names.next("F001-2024-0001"), names.next("F001/2024/0002"),
            names.next(".hidden")));
  }

  @Test
  void neverGivesOneFolderTwiceWhateverTheCase() {
    FolderNames names = new FolderNames();

    assertEquals(List.of("A_1", "A_1_2", "a_1_3", "A_1_2_2"),
        List.of(names.next("A 1"), names.next("A/1"), names.next("a_1"), names.next("A_1_2")));
  }

  @Test
  void givesDistinctFoldersForAHundredThousandDistinctIds() {
    FolderNames names = new FolderNames();
    Set<String> given = new HashSet<>();

    IntStream.range(0, 100_000).forEach(i -> given.add(
        names.next(String.format(Locale.ROOT, "F%03d-%07d", i % 50, i))
            .toLowerCase(Locale.ROOT)));

    assertEquals(100_000, given.size());
    assertEquals("F007-0000007", new FolderNames().next("F007-0000007"));
  }
}
