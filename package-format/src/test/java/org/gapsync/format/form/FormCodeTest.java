package org.gapsync.format.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormCodeTest {
  private static final Digest ONE = Digest.of(DigestAlgorithm.SHA256, new byte[] {1});
  private static final Digest TWO = Digest.of(DigestAlgorithm.SHA256, new byte[] {2});

  @Test
  void readsWhatItWrote() {
    FormCode code = new FormCode(PackageId.of("archive-lan-backup-000007"), List.of(ONE, TWO),
        Optional.of(PackageId.of("archive-lan-backup-000007.receipt")));

    assertEquals(code, FormCode.parse(code.toText()));
    assertEquals("gapsync-form/1\npackage archive-lan-backup-000007\nmanifest 1 sha256:"
        + ONE.hex() + "\nmanifest 2 sha256:" + TWO.hex()
        + "\nreceipt archive-lan-backup-000007.receipt", code.toText());
  }

  @Test
  void aFormWithoutDigestsOrReceiptReadsBackSo() {
    FormCode code = new FormCode(PackageId.of("archive-lan-backup-000001"), List.of(),
        Optional.empty());

    assertEquals(code, FormCode.parse(code.toText()));
  }

  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(strings = {"", "hello", "gapsync-form/2\npackage a-b-000001",
      "gapsync-form/1\nmanifest 1 sha256:00", "gapsync-form/1\npackage a-b-000001\nmanifest 2 "
          + "sha256:4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a",
      "gapsync-form/1\npackage a-b-000001\nsigned yes"})
  void refusesWhatIsNotAFormsCode(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FormCode.parse(text));
    assertTrue(!e.getMessage().isEmpty());
  }
}
