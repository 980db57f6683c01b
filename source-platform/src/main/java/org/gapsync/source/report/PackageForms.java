package org.gapsync.source.report;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageId;
import org.gapsync.format.form.FormCode;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.platform.form.FormPdf;
import org.gapsync.platform.form.TransferForm;
import org.gapsync.platform.page.Heading;
import org.gapsync.source.export.SelectionException;
import org.gapsync.source.ledger.Destination;
import org.gapsync.source.ledger.PackageRow;
import org.gapsync.source.ledger.ReportTables;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.Templates;
import org.gapsync.source.ledger.Transaction;
import org.gapsync.source.ledger.VolumeRow;

/**
 * Fills a package's {@link TransferForm} from the ledger, the sending side's half: what the
 * package carried (counted and described from its events), its media, what its build checked,
 * and who built it; with the receipt's id in its code once a receipt answered it.
 *
 * <pre>{@code
 * TransferForm form = new PackageForms(ledger, zone).read(id, FormPdf.Lang.zh, "archive-lan",
 *     "Provincial Archives");
 * }</pre>
 */
public final class PackageForms {
  private final SourceLedger ledger;
  private final ZoneId zone;

  /** Creates forms read from {@code ledger}, their dates in {@code zone}. */
  public PackageForms(SourceLedger ledger, ZoneId zone) {
    this.ledger = ledger;
    this.zone = zone;
  }

  /**
   * Returns the form of package {@code id} in {@code lang}, sent by {@code platform} of
   * {@code organisation}.
   *
   * @throws SelectionException if the ledger knows no such package
   */
  public TransferForm read(PackageId id, FormPdf.Lang lang, String platform,
      String organisation) throws IOException {
    boolean zh = lang == FormPdf.Lang.zh;
    return ledger.inSnapshot(tx -> {
      PackageRow p = tx.sync().packageRow(id).orElseThrow(() -> new SelectionException(
          "the ledger knows no package " + id + "; 'destination list' names the last one of "
              + "each destination, 'ledger query' the package of each record"));
      ReportTables report = tx.report();
      ReportTables.FormFacts facts = report.formFacts(id);
      List<VolumeRow> volumes = tx.volumes().of(id);
      Map<Integer, String> digests = report.volumeManifests(id);
      Destination d = tx.sync().destination(p.destination()).orElse(null);
      String sender = platform + (organisation.isBlank() ? "" : " (" + organisation + ")");
      String receiver = p.destination() + (d == null ? "" : zh ? "（模板 " + d.templateId()
          + " v" + d.templateVersion() + "）" : " (template " + d.templateId() + " v"
              + d.templateVersion() + ")");
      List<TransferForm.Medium> annex = new ArrayList<>();
      List<Digest> manifests = new ArrayList<>();
      if (volumes.isEmpty()) {
        facts.manifest().ifPresent(h -> manifests.add(Digest.parse(DigestAlgorithm.SHA256, h)));
        annex.add(new TransferForm.Medium(1, id.value() + (zh ? "，" + p.recordCount() + " 件"
            : ", " + p.recordCount() + " records"), facts.manifest().map(h -> "SHA-256 " + h)
                .orElse(zh ? "未记录（本版本之前构建）" : "not recorded (built by an earlier "
                    + "release)"), p.bytes()));
      } else {
        for (VolumeRow v : volumes) {
          Optional<String> h = Optional.ofNullable(digests.get(v.volume().number()));
          h.ifPresent(x -> manifests.add(Digest.parse(DigestAlgorithm.SHA256, x)));
          annex.add(new TransferForm.Medium(v.volume().number(), v.volume().bagName(id)
              .value() + (zh ? "，" + v.recordCount() + " 件" : ", " + v.recordCount()
                  + " records"), h.map(x -> "SHA-256 " + x).orElse("—"), v.bytes()));
        }
      }
      if (manifests.size() != annex.size()) {
        manifests.clear();
      }
      int count = annex.size();
      String kind = mediaKind(tx, p, facts, count, zh);
      return new TransferForm(
          zh ? platform + " 向 " + p.destination() + " 移交：同步包 " + id + "（第 "
              + p.sequence() + " 号）" : "Transfer from " + platform + " to "
              + p.destination() + ": sync package " + id + " (sequence " + p.sequence() + ")",
          sender, receiver, content(report, id, zh), p.recordCount(), facts.files(),
          p.bytes(), count == 1 ? "1" : "1–" + count, kind, checks(p, d, zh),
          new TransferForm.Side(p.operator(), Heading.dated(p.createdAt().atZone(zone))),
          Optional.empty(), annex, new FormCode(id, manifests, p.receiptId()));
    });
  }

  /**
   * Returns {@code form} with the receiving side's half filled from {@code receipt}, which
   * answered it: the target platform, who imported and when, what its four-property check
   * found, and the receipt's id in the code.
   *
   * @throws SelectionException if the receipt answers another package, or comes from another
   *     destination than the package went to
   */
  public TransferForm answered(TransferForm form, Receipt receipt, String destination,
      FormPdf.Lang lang) {
    boolean zh = lang == FormPdf.Lang.zh;
    PackageId id = form.code().packageId();
    if (!receipt.packageId().equals(id) || !receipt.targetPlatform().equals(destination)) {
      throw new SelectionException("the receipt " + receipt.receiptId() + " answers package "
          + receipt.packageId() + " from " + receipt.targetPlatform() + ", not " + id + " sent"
          + " to " + destination + "; give the receipt of this package");
    }
    Map<TransferForm.Property, String> found = new java.util.EnumMap<>(
        TransferForm.Property.class);
    for (PropertyCheck c : receipt.checks()) {
      TransferForm.Property p = switch (c.property()) {
        case AUTHENTICITY -> TransferForm.Property.ACCURACY;
        case INTEGRITY -> TransferForm.Property.INTEGRITY;
        case USABILITY -> TransferForm.Property.USABILITY;
        case SECURITY -> TransferForm.Property.SECURITY;
        default -> throw new AssertionError(c.property());
      };
      found.put(p, (c.isPassed() ? zh ? "合格：" : "passed: " : zh ? "不合格：" : "FAILED: ")
          + c.detail());
    }
    String outcome = receipt.outcome().name().toLowerCase(java.util.Locale.ROOT);
    List<TransferForm.Check> checks = form.checks().stream().map(c -> new TransferForm.Check(
        c.property(), c.sender(), Optional.of(found.getOrDefault(c.property(), zh
            ? "回执未载（" + outcome + "）" : "not in the receipt (" + outcome + ")"))))
        .toList();
    return new TransferForm(form.transferName(), form.sender(), receipt.targetPlatform()
        + (zh ? "（回执 " : " (receipt ") + receipt.receiptId() + (zh ? "）" : ")"),
        form.content(), form.records(), form.files(), form.bytes(), form.mediaNumbers(),
        form.mediaKind(), checks, form.senderSide(), Optional.of(new TransferForm.Side(
            receipt.operator(), Heading.dated(receipt.imported().atZone(zone)))), form.annex(),
        new FormCode(id, form.code().manifests(), Optional.of(receipt.receiptId())));
  }

  private static String mediaKind(Transaction tx, PackageRow p, ReportTables.FormFacts facts,
      int count, boolean zh) throws IOException {
    if (facts.isOnline()) {
      return zh ? "在线（网闸摆渡目录）" : "online (gap appliance's ferry folder)";
    }
    int burnt = tx.volumes().burnt(p.id(), 0);
    boolean isDisc = p.medium().endsWith(".iso") || burnt > 0;
    String each = p.bytes() / count > 0 ? String.format(java.util.Locale.ROOT, "%.3f GB",
        (double) p.bytes() / count / 1e9) : "";
    return isDisc ? (zh ? "光盘，" + count + " 张，每张约 " + each : count + " optical disc"
        + (count == 1 ? "" : "s") + ", about " + each + " each")
        : (zh ? "移动硬盘或U盘（" + p.medium() + "），" + count + " 个" : "USB disk or hard "
            + "disk (" + p.medium() + "), " + count);
  }

  private static String content(ReportTables report, PackageId id, boolean zh)
      throws IOException {
    Map<String, Long> fonds = new TreeMap<>();
    TreeSet<String> years = new TreeSet<>();
    Map<String, Long> changes = new TreeMap<>();
    report.forEachCarried(id, (f, y, c) -> {
      fonds.merge(f.isEmpty() ? "—" : f, 1L, Long::sum);
      if (!y.isEmpty()) {
        years.add(y);
      }
      changes.merge(c, 1L, Long::sum);
    });
    Map<String, Long> formats = report.formatsCarried(id);
    String f = fonds.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
    String y = years.isEmpty() ? "—" : years.first().equals(years.last()) ? years.first()
        : years.first() + "–" + years.last();
    String k = formats.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    String c = zh ? "新增 " + changes.getOrDefault("add", 0L) + "，修改 "
        + changes.getOrDefault("modify", 0L) + "，删除 " + changes.getOrDefault("delete", 0L)
        : changes.getOrDefault("add", 0L) + " added, " + changes.getOrDefault("modify", 0L)
            + " modified, " + changes.getOrDefault("delete", 0L) + " deleted";
    return zh ? "全宗：" + f + "；年度：" + y + "；文件格式：" + (k.isEmpty() ? "—" : k) + "；" + c
        : "Fonds: " + f + "; years: " + y + "; file formats: " + (k.isEmpty() ? "—" : k)
            + "; " + c;
  }

  private static List<TransferForm.Check> checks(PackageRow p, Destination d, boolean zh)
      throws IOException {
    // As the destination's template says now: a template changed since is a new version.
    boolean sealed = d != null && Templates.read(d).isEncrypted();
    return List.of(
        new TransferForm.Check(TransferForm.Property.ACCURACY, zh
            ? "已签名（本平台密钥），写入后回读验证签名与清单" : "signed with this platform's key; "
                + "signature and manifests verified on read-back", Optional.empty()),
        new TransferForm.Check(TransferForm.Property.INTEGRITY, zh ? p.recordCount()
            + " 件的全部文件摘要回读一致" : "every file of the " + p.recordCount() + " records "
                + "read back with its digest", Optional.empty()),
        new TransferForm.Check(TransferForm.Property.USABILITY, zh ? "元数据按 archival-record"
            + " 模式校验通过" : "metadata valid against the archival-record schema",
            Optional.empty()),
        new TransferForm.Check(TransferForm.Property.SECURITY, sealed ? (zh
            ? "已加密至接收方证书" : "encrypted to the destination's certificate")
            : (zh ? "未加密（模板未要求）" : "not encrypted (its template does not ask it)"),
            Optional.empty()));
  }
}
