package org.gapsync.format.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The form of a package on a medium. */
public enum ContainerFormat {
  DIRECTORY(""),
  TAR(".tar"),
  ZIP(".zip");

  private final String extension;

  ContainerFormat(String extension) {
    this.extension = extension;
  }

  /** Returns the file name extension of this form, empty for a folder. */
  public String extension() {
    return extension;
  }

  /** Returns the form with the given name ({@code folder}, {@code tar}, {@code zip}). */
  public static Optional<ContainerFormat> fromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("folder") || n.equals("directory")) {
      return Optional.of(DIRECTORY);
    }
    return Arrays.stream(values()).filter(f -> f.name().toLowerCase(Locale.ROOT).equals(n))
        .findFirst();
  }

  /**
   * Returns the form of the package at {@code path}, judged by what it is (a folder) or by its
   * first bytes (zip's local header, tar's {@code ustar} magic), not by its name.
   */
  public static Optional<ContainerFormat> detect(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(DIRECTORY);
    }
    if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    byte[] head = new byte[512];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
      return Optional.of(ZIP);
    }
    if (n == 512 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII)
        .equals("ustar")) {
      return Optional.of(TAR);
    }
    return Optional.empty();
  }
}
