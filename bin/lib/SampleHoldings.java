import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes sample archival holdings for the demo: records in several fonds and years, open,
 * controlled and restricted, each a folder with its {@code metadata.xml}, a JPEG scan, a
 * plain-text transcript, for some a TIFF master and an XML finding aid. The same arguments
 * always give the same records.
 *
 * <pre>{@code
 * java bin/lib/SampleHoldings.java holdings 64
 * java bin/lib/SampleHoldings.java holdings 1 F003-2024-0001   # one more record
 * }</pre>
 */
public final class SampleHoldings {
  private static final List<String[]> FONDS = List.of(
      new String[] {"F001", "市人民政府办公室", "City Government Office"},
      new String[] {"F002", "市卫生健康委员会", "City Health Commission"},
      new String[] {"F003", "市教育局", "City Education Bureau"},
      new String[] {"F004", "市城乡建设局", "City Construction Bureau"});
  private static final List<String> SUBJECTS = List.of("城市总体规划修编", "防汛抗旱工作",
      "中小学校舍安全改造", "公共卫生应急体系建设", "老旧小区改造", "档案数字化建设",
      "重点工程项目审批", "人口普查", "环境保护督查", "营商环境优化", "乡村振兴", "文物保护");
  private static final List<String> FORMS = List.of("关于%s的通知", "%s工作总结", "%s专题会议纪要",
      "关于%s的批复", "关于%s有关问题的请示", "%s实施方案");
  private static final String[] OPENNESS = {"open", "open", "open", "controlled", "restricted"};

  private SampleHoldings() {}

  /** Writes {@code count} records under {@code root}, or one record with the given id. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: java SampleHoldings.java ROOT COUNT [ID]");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    Path root = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    if (args.length == 3) {
      String id = args[2];
      write(root, id, new Random(id.hashCode()), "open");
      return;
    }
    Random random = new Random(20171201L);
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      String[] fonds = FONDS.get(i % FONDS.size());
      int year = 1985 + random.nextInt(39);
      String id = String.format(Locale.ROOT, "%s-%d-%04d", fonds[0], year, i + 1);
      bytes += write(root, id, random, OPENNESS[random.nextInt(OPENNESS.length)]);
    }
    System.out.printf(Locale.ROOT, "wrote %d records (%.1f MB) under %s%n", count, bytes / 1e6,
        root);
  }

  private static long write(Path root, String id, Random random, String openness)
      throws IOException {
    String[] part = id.split("-");
    String[] fonds = FONDS.stream().filter(f -> f[0].equals(part[0])).findFirst()
        .orElse(FONDS.get(0));
    String year = part[1];
    Path dir = Files.createDirectories(root.resolve(part[0]).resolve(year).resolve(id));
    String subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
    String title = String.format(FORMS.get(random.nextInt(FORMS.size())), subject);
    int pages = 1 + random.nextInt(4);
    String security = switch (openness) {
      case "restricted" -> "secret";
      case "controlled" -> "internal";
      default -> "none";
    };
    String retention = random.nextInt(3) == 0 ? "P30Y" : "permanent";
    String month = String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12));
    String day = String.format(Locale.ROOT, "%02d", 1 + random.nextInt(28));
    Files.writeString(dir.resolve("metadata.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <record xmlns="urn:gapsync:archival-record:1" formatVersion="1.0">
          <identifier>%s</identifier>
          <title>%s</title>
          <fonds>%s</fonds>
          <year>%s</year>
          <retention>%s</retention>
          <openness>%s</openness>
          <securityLevel>%s</securityLevel>
          <creator>%s</creator>
          <dateCreated>%s-%s-%s</dateCreated>
          <description>%s, %s: %s.</description>
          <property name="pages">%d</property>
        </record>
        """.formatted(id, title, part[0], year, retention, openness, security, fonds[1], year,
        month, day, fonds[2], year, subject, pages), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("transcript.txt"), title + "\n" + fonds[1] + "  " + year
        + "年" + month + "月" + day + "日\n\n" + (subject + "。").repeat(20 + random.nextInt(40))
        + "\n", StandardCharsets.UTF_8);
    BufferedImage page = page(random, 620, 877);
    ImageIO.write(page, "jpg", dir.resolve("scan-001.jpg").toFile());
    if (random.nextInt(3) == 0) {
      ImageIO.write(page(random, 310, 438), "tiff", dir.resolve("master-001.tif").toFile());
    }
    if (random.nextInt(4) == 0) {
      Files.writeString(dir.resolve("finding-aid.xml"), """
          <?xml version="1.0" encoding="UTF-8"?>
          <findingAid record="%s"><item page="1">%s</item></findingAid>
          """.formatted(id, title), StandardCharsets.UTF_8);
    }
    try (var files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Draws a grey page with lines of "text" (bars: a headless JDK may have no fonts). */
  private static BufferedImage page(Random random, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(236, 232, 224));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(40, 40, 40));
    int margin = width / 10;
    int line = height / 40;
    g.fillRect(width / 4, margin, width / 2, line);
    for (int y = margin + 3 * line; y < height - margin; y += 2 * line) {
      int length = (width - 2 * margin) * (60 + random.nextInt(41)) / 100;
      g.fillRect(margin, y, length, line / 2 + 1);
    }
    g.setColor(new Color(180, 40, 40));
    g.drawOval(width - 3 * margin, height - 3 * margin, 2 * margin, 2 * margin);
    g.dispose();
    return image;
  }
}
