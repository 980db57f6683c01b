package org.gapsync.format.template;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.gapsync.format.container.ContainerFormat;

/**
 * A destination template: what one target receives and which records go there automatically.
 *
 * @param id the template's id
 * @param version its version; a changed template gets a higher one
 * @param name a name for people
 * @param purpose backup, utilization or custom
 * @param encapsulation the container form of packages to the destination
 * @param isEncrypted whether packages are encrypted to the destination's certificate
 * @param metadata which metadata fields are sent
 * @param content which content files are sent
 * @param selection the rule selecting records for automatic sync
 */
public record Template(@NotBlank String id, @Positive long version, @NotBlank String name,
    @NotNull Purpose purpose, @NotNull ContainerFormat encapsulation, boolean isEncrypted,
    @NotNull @Valid MetadataSelection metadata, @NotNull ContentSelection content,
    @NotNull @Valid Condition selection) {

  /** Returns whether a backup template sends everything, as a backup must. */
  @AssertTrue(message = "a backup template must send all metadata and all content")
  public boolean isBackupComplete() {
    return purpose != Purpose.BACKUP
        || (metadata.isAll() && content.mode() == ContentSelection.Mode.ALL);
  }

  /** Returns whether an encrypted template packs into tar, the one form sealed as a stream. */
  @AssertTrue(message = "encryption requires tar encapsulation: a folder would show its file "
      + "names on the medium, and a zip cannot be written through the cipher as a stream")
  public boolean isEncryptionPackable() {
    return !isEncrypted || encapsulation == ContainerFormat.TAR;
  }

  /** Returns whether include or exclude lists name at least one extension or media type. */
  @AssertTrue(message = "content include or exclude must name an extension or media type")
  public boolean isContentMatchGiven() {
    return content.mode() == ContentSelection.Mode.ALL
        || content.mode() == ContentSelection.Mode.NONE
        || !(content.extensions().isEmpty() && content.mediaTypes().isEmpty());
  }
}
