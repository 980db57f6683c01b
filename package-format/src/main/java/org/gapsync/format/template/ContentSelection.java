package org.gapsync.format.template;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gapsync.format.PackagePath;

/**
 * Which content files of a record a destination receives. Media types are told by file
 * extension from a fixed table, so the same file is always judged the same on every platform.
 *
 * @param mode all, none, only matching files, or all but matching files
 * @param extensions extensions matched, lower case, without the dot
 * @param mediaTypes media types matched, such as {@code image/tiff} or {@code image/*}
 */
public record ContentSelection(Mode mode, Set<String> extensions, Set<String> mediaTypes) {
  /** How files are chosen. */
  public enum Mode { ALL, NONE, INCLUDE, EXCLUDE }

  private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
      Map.entry("pdf", "application/pdf"), Map.entry("ofd", "application/ofd"),
      Map.entry("xml", "application/xml"), Map.entry("json", "application/json"),
      Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"),
      Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
      Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"),
      Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
      Map.entry("png", "image/png"), Map.entry("gif", "image/gif"),
      Map.entry("jp2", "image/jp2"), Map.entry("mp3", "audio/mpeg"),
      Map.entry("wav", "audio/wav"), Map.entry("mp4", "video/mp4"),
      Map.entry("doc", "application/msword"),
      Map.entry("docx",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
      Map.entry("xls", "application/vnd.ms-excel"), Map.entry("zip", "application/zip"));

  /** Copies the sets, lower-casing extensions. */
  public ContentSelection {
    java.util.Objects.requireNonNull(mode, "mode");
    extensions = Set.copyOf(extensions.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList());
    mediaTypes = Set.copyOf(mediaTypes);
  }

  /** Returns whether the destination receives the content file at {@code path}. */
  public boolean includes(PackagePath path) {
    return switch (mode) {
      case ALL -> true;
      case NONE -> false;
      case INCLUDE -> matches(path);
      case EXCLUDE -> !matches(path);
    };
  }

  /** Returns the media type of a file by its extension, if the table knows it. */
  public static Optional<String> mediaType(PackagePath path) {
    return extension(path).map(MEDIA_TYPES::get);
  }

  private boolean matches(PackagePath path) {
    Optional<String> ext = extension(path);
    if (ext.isPresent() && extensions.contains(ext.get())) {
      return true;
    }
    Optional<String> type = mediaType(path);
    return type.isPresent() && mediaTypes.stream().anyMatch(t -> t.equals(type.get())
        || (t.endsWith("/*") && type.get().startsWith(t.substring(0, t.length() - 1))));
  }

  private static Optional<String> extension(PackagePath path) {
    String name = path.value().substring(path.value().lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? Optional.empty()
        : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
