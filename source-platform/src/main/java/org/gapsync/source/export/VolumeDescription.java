package org.gapsync.source.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.gapsync.format.parity.ParityIndex;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.WrittenPackage;

/**
 * What a volume says of itself, beside its bag, as the 2012 transfer rules want of every disc:
 * a description for a person, in Chinese and English (who sent it, which package and volume,
 * how much, who signed it, and how to verify it), and a list for machines of every file it
 * carries, with the title the template lets the destination see. A volume of an encrypted
 * package says its package id and volume and that it is encrypted, nothing more. The signed bag
 * remains the authority: these files are its label.
 */
final class VolumeDescription {
  /** The description's name on a disc. */
  static final String README = "README.txt";
  /** The list's name on a disc. */
  static final String CONTENTS = "CONTENTS.csv";
  /** The longest title the list shows; a longer one ends in an ellipsis. */
  static final int TITLE = 500;

  private VolumeDescription() {}

  /**
   * Writes the description and the list of the bag {@code written} into {@code dir}, named
   * {@code prefix} + {@link #README} and + {@link #CONTENTS}, and returns the files written.
   *
   * @param records the volume's records as the plan has them, walked once for the list
   */
  static List<Path> write(Path dir, String prefix, WrittenPackage written, boolean isSealed,
      X509Certificate signer, BuildPlan.Batches records) throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(publish(dir.resolve(prefix + README), w -> readme(w, written, isSealed, signer)));
    if (!isSealed) {
      out.add(publish(dir.resolve(prefix + CONTENTS), w -> contents(w, records)));
    }
    return out;
  }

  /**
   * Writes the description of the parity volume of the set {@code spec}, whose index is
   * {@code index}, into {@code dir} as {@link #README}.
   */
  static Path writeParity(Path dir, PackageSpec spec, ParityIndex index) throws IOException {
    return publish(dir.resolve(README), w -> {
      line(w, "档案同步包校验卷 / Parity volume of an archival sync package");
      line(w, "=======================================================");
      line(w, "同步包 Package:      " + spec.packageId());
      line(w, "卷 Volumes:          共 " + index.count() + " 卷 / a set of " + index.count()
          + " volumes");
      line(w, "目的平台 For:        " + spec.destination());
      line(w, "生成 Built:          " + spec.created() + " by " + spec.operator());
      line(w, "");
      line(w, "本卷不载档案，不必导入。任何一卷整卷丢失或无法读取时，用本卷与其余各卷重建之：");
      line(w, "This volume carries no records: do not import it. When any one volume of the "
          + "set is lost or unreadable whole, rebuild it from this volume and all the others:");
      line(w, "  package repair --rebuild K PARITY VOLUME... --out DIR");
      line(w, "(PARITY: this disc's image or its files copied into a folder; VOLUME: every other "
          + "volume's image or file.)");
      line(w, "The rebuilt volume is checked against its digest below, then verifies and "
          + "imports as written.");
      line(w, "");
      line(w, "各卷 The volumes (" + ParityIndex.ALGORITHM.bagitName() + "):");
      for (ParityIndex.Entry v : index.volumes()) {
        line(w, "  " + v.number() + "  " + v.name() + "  " + v.bytes() + " bytes  "
            + v.digest().hex());
      }
      line(w, "校验数据 Parity: " + ParityIndex.PARITY + ", each byte the exclusive or of the "
          + "volumes' bytes at its place (a shorter volume counted as followed by zeros); "
          + "its index: " + ParityIndex.FILE + ".");
    });
  }

  private interface Body {
    void write(Writer w) throws IOException;
  }

  /** Writes a file under a hidden name and renames it when whole. */
  private static Path publish(Path file, Body body) throws IOException {
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      body.write(w);
    }
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private static void readme(Writer w, WrittenPackage written, boolean isSealed,
      X509Certificate signer) throws IOException {
    PackageSpec spec = written.spec();
    String volume = spec.volume().map(v -> "第 " + v.number() + " 卷，共 " + v.count() + " 卷 / "
        + v).orElse("全卷 / the whole package");
    line(w, "档案同步包 / Archival sync package");
    line(w, "================================");
    line(w, "同步包 Package:      " + spec.packageId());
    line(w, "卷 Volume:           " + volume);
    line(w, "目的平台 For:        " + spec.destination());
    if (isSealed) {
      line(w, "");
      line(w, "本卷已加密，只有目的平台的私钥能打开；盘上不写其内容的任何信息。");
      line(w, "This volume is encrypted to the certificate of " + spec.destination()
          + ": only its private key opens it, and nothing of its contents is written on it.");
      line(w, "导入 Import: target-platform package import DISC --receipt-to DIR");
      return;
    }
    line(w, "来源平台 From:       " + spec.sourcePlatform());
    line(w, "档案 Records:        " + written.records());
    line(w, "文件 Files:          " + written.payloadFiles());
    line(w, "数据量 Bytes:        " + written.payloadBytes() + " (" + String.format(Locale.ROOT,
        "%.3f", written.payloadBytes() / 1e9) + " GB)");
    line(w, "生成 Built:          " + spec.created() + " by " + spec.operator());
    line(w, "签名 Signed by:      " + Certificates.describe(signer));
    line(w, "证书指纹 Certificate SHA-256: " + Certificates.fingerprint(signer));
    line(w, "同步头摘要 Header:   sha256 " + written.header().hex() + " (sync/package.xml, "
        + "listed in the signed tag manifest)");
    line(w, "");
    line(w, "如何核验 How to verify (BagIt, RFC 8493, signed):");
    line(w, "  bin/package-verify " + written.path().getFileName() + " --trust "
        + spec.sourcePlatform() + "=" + spec.sourcePlatform() + ".pem");
    line(w, "  或任何 BagIt 工具核验其固定性 / or check its fixity with any BagIt tool");
    line(w, "  (bagit.py --validate, LoC bagit-java) once a tar is extracted.");
    line(w, "导入 Import: target-platform package import DISC --receipt-to DIR");
    line(w, "本卷所载文件见 " + CONTENTS + " / Every file on this volume is listed in "
        + CONTENTS + ".");
  }

  private static void line(Writer w, String text) throws IOException {
    w.write(text);
    w.write("\n");
  }

  /**
   * One row per file carried (a deletion: one row without a path), in the header's order; the
   * title, at most {@link #TITLE} characters, on each record's first row.
   */
  private static void contents(Writer w, BuildPlan.Batches records) throws IOException {
    try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(
        "archivalId", "title", "change", "version", "path", "size", "sha256", "part").get())) {
      for (List<BuildPlan.Item> batch = records.next(); !batch.isEmpty();
          batch = records.next()) {
        for (BuildPlan.Item item : batch) {
          String title = title(item);
          String change = item.change().name().toLowerCase(Locale.ROOT);
          List<BuildPlan.Wanted> carried = item.carried();
          if (carried.isEmpty()) {
            csv.printRecord(item.row().archivalId(), title, change, item.row().version(), "",
                "", "", "");
          }
          // The title on the record's first row alone.
          for (BuildPlan.Wanted f : carried) {
            csv.printRecord(item.row().archivalId(), title, change, item.row().version(),
                f.state().path().value(), f.state().size(), f.state().digest().hex(),
                f.slice().map(sl -> sl.number() + " of " + sl.count() + ", bytes "
                    + sl.offset() + " to " + (sl.offset() + sl.size() - 1)).orElse(""));
            title = "";
          }
        }
      }
    }
  }

  /** Returns the record's title as the list shows it: at most {@link #TITLE} characters. */
  static String title(BuildPlan.Item item) {
    String t = item.title();
    return t.length() <= TITLE ? t : t.substring(0, TITLE - 1) + "…";
  }
}
