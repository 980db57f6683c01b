package org.gapsync.platform.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.gapsync.format.PackageFormatException;

/**
 * Disc images through xorriso (libburnia): ISO 9660 with Rock Ridge for Linux and Joliet for
 * Windows, names in UTF-8, files over 4 GiB allowed, and xorriso's MD5 checksums recorded for
 * the session and for every file, so that the image, a disc burnt from it and every file on it
 * can be checked by xorriso alone.
 *
 * <pre>{@code
 * Xorriso x = Xorriso.find("writing disc images");
 * x.makeImage(staging, Path.of("/srv/discs/.v1.iso.partial"), "ARCHIVE_LAN_BACKUP_000001_V1",
 *     scratch);
 * x.checkImage(Path.of("/srv/discs/.v1.iso.partial"), scratch);
 * }</pre>
 */
public final class Xorriso {
  /** The longest ISO 9660 volume id. */
  public static final int VOLUME_ID_LENGTH = 32;

  private final ExternalTool tool;

  private Xorriso(ExternalTool tool) {
    this.tool = tool;
  }

  /**
   * Finds xorriso for {@code purpose} (said in the message when it is missing).
   *
   * @throws MissingToolException when it is not installed
   */
  public static Xorriso find(String purpose) throws MissingToolException {
    return new Xorriso(ExternalTool.find("xorriso", "xorriso", purpose));
  }

  /** Returns whether xorriso is installed. */
  public static boolean isInstalled() {
    return ExternalTool.isInstalled("xorriso");
  }

  /**
   * Returns the volume id of a disc: {@code name} in the characters ISO 9660 allows (upper-case
   * letters, digits, underscore), of at most 32, its beginning dropped when it is longer, since
   * its end (a sequence and volume number) tells discs apart.
   */
  public static String volumeId(String name) {
    String id = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    return id.length() <= VOLUME_ID_LENGTH ? id : id.substring(id.length() - VOLUME_ID_LENGTH);
  }

  /**
   * Writes an image of the folder {@code tree}, whose contents become the image's root, to the
   * file {@code image}, which must not exist; xorriso's log goes into {@code scratch}.
   */
  public void makeImage(Path tree, Path image, String volumeId, Path scratch)
      throws IOException {
    Objects.requireNonNull(volumeId, "volumeId");
    if (Files.exists(image)) {
      throw new java.nio.file.FileAlreadyExistsException(image.toString());
    }
    List<String> args = new ArrayList<>(List.of("-abort_on", "FAILURE", "-report_about",
        "SORRY", "-md5", "on", "-outdev", "stdio:" + image.toAbsolutePath(), "-volid", volumeId,
        "-joliet", "on", "-rockridge", "on", "-padding", "0", "-compliance",
        "iso_9660_level=3:joliet_long_names:joliet_long_paths", "-map",
        tree.toAbsolutePath().toString(), "/", "-commit"));
    ExternalTool.Run r = run(args, scratch);
    if (r.code() != 0) {
      throw new IOException("xorriso could not write the image " + image + " (exit " + r.code()
          + "): " + r.tail());
    }
  }

  /**
   * Checks an image or a disc ({@code stdio:} path or drive address {@code dev}): its session
   * against the MD5 recorded when it was written, then every file against its own.
   *
   * @throws PackageFormatException when a checksum is missing or does not match
   */
  public void checkImage(String dev, Path scratch) throws IOException {
    ExternalTool.Run r = run(List.of("-abort_on", "FAILURE", "-report_about", "SORRY", "-md5",
        "on", "-indev", dev, "-check_md5", "FAILURE", "--", "-check_md5_r", "FAILURE", "/",
        "--"), scratch);
    if (r.code() != 0) {
      throw new PackageFormatException(dev + " does not match the MD5 checksums recorded when "
          + "it was written (xorriso -check_md5, exit " + r.code() + "): " + r.tail());
    }
  }

  /**
   * What a drive holds: whether its disc is blank, and how many bytes can be written onto it.
   *
   * @param isBlank whether the disc (or the {@code stdio:} file) holds nothing yet
   * @param writable the bytes that can be written onto it
   * @param status the drive's own words for the disc, for messages
   */
  public record Disc(boolean isBlank, long writable, String status) {}

  /** Reads what the disc in drive {@code dev} is: blank or not, and its room. */
  public Disc disc(String dev, Path scratch) throws IOException {
    ExternalTool.Run r = run(List.of("-abort_on", "FAILURE", "-outdev", dev, "-toc",
        "-tell_media_space"), scratch);
    if (r.code() != 0) {
      throw new IOException("xorriso cannot use the drive " + dev + " (exit " + r.code()
          + "): " + r.tail() + "; check the device name and that a disc is in it");
    }
    String status = "";
    long sectors = -1;
    for (String line : r.lines()) {
      java.util.regex.Matcher space = java.util.regex.Pattern.compile(
          "^Media space\\s*:\\s*(\\d+)s").matcher(line);
      if (space.find()) {
        sectors = Long.parseLong(space.group(1));
      } else if (line.startsWith("Media status")) {
        status = line.substring(line.indexOf(':') + 1).strip();
      }
    }
    if (sectors < 0) {
      throw new IOException("xorriso did not say how much the disc in " + dev + " holds: "
          + r.tail());
    }
    return new Disc(status.startsWith("is blank"), sectors * 2048, status);
  }

  /** Burns the image {@code image} onto the blank disc in drive {@code dev}, closing it. */
  public void burn(Path image, String dev, Path scratch) throws IOException {
    ExternalTool.Run r = run(List.of("-as", "cdrecord", "-v", "dev=" + dev, "-dao",
        image.toAbsolutePath().toString()), scratch);
    if (r.code() != 0) {
      throw new IOException("xorriso could not burn " + image + " onto " + dev + " (exit "
          + r.code() + "): " + r.tail());
    }
  }

  /** Ejects the disc in drive {@code dev}; a {@code stdio:} drive has nothing to eject. */
  public void eject(String dev, Path scratch) throws IOException {
    if (dev.startsWith("stdio:")) {
      return;
    }
    ExternalTool.Run r = run(List.of("-outdev", dev, "-eject", "all"), scratch);
    if (r.code() != 0) {
      throw new IOException("xorriso could not eject the disc in " + dev + ": " + r.tail());
    }
  }

  /** Returns {@code stdio:PATH}, xorriso's name for an image file as a drive. */
  public static String stdio(Path image) {
    return "stdio:" + image.toAbsolutePath();
  }

  /**
   * Reads the first {@code bytes} of the disc (or image) {@code dev} once, at the drive's speed,
   * into the new file {@code to}: the image as burnt, to check and read at the disk's speed.
   *
   * @throws PackageFormatException when some of it cannot be read
   */
  public void copyDisc(String dev, long bytes, Path to, Path scratch) throws IOException {
    if (Files.exists(to)) {
      throw new java.nio.file.FileAlreadyExistsException(to.toString());
    }
    long blocks = (bytes + 2047) / 2048;
    ExternalTool.Run r = run(List.of("-abort_on", "FAILURE", "-report_about", "SORRY",
        "-indev", dev, "-check_media", "max_lba=" + (blocks - 1), "data_to="
            + to.toAbsolutePath(), "--"), scratch);
    if (r.code() != 0 || !Files.isRegularFile(to) || Files.size(to) < bytes) {
      throw new PackageFormatException("the disc in " + dev + " could not be read back whole "
          + "(xorriso -check_media, exit " + r.code() + "): " + r.tail());
    }
  }

  /** Copies every file of the image or disc {@code dev} into the new folder {@code into}. */
  public void extract(String dev, Path into, Path scratch) throws IOException {
    if (Files.exists(into)) {
      throw new java.nio.file.FileAlreadyExistsException(into.toString());
    }
    ExternalTool.Run r = run(List.of("-abort_on", "FAILURE", "-report_about", "SORRY",
        "-osirrox", "on", "-indev", dev, "-extract", "/", into.toAbsolutePath().toString()),
        scratch);
    if (r.code() != 0) {
      throw new IOException("xorriso could not read " + dev + " (exit " + r.code() + "): "
          + r.tail());
    }
  }

  private ExternalTool.Run run(List<String> args, Path scratch) throws IOException {
    return tool.runIn(scratch, args);
  }
}
