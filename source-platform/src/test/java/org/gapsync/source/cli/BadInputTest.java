package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that once ended in a raw SQL error or a stack overflow gets a one-line refusal. */
class BadInputTest {
  @TempDir
  Path dir;

  private static String metadata(String id, String description) {
    return """
        <record xmlns="urn:gapsync:archival-record:1" formatVersion="1.0">
          <identifier>%s</identifier><title>t</title><fonds>F1</fonds><year>2001</year>
          <retention>permanent</retention><openness>open</openness>
          <description>%s</description>
        </record>
        """.formatted(id, description);
  }

  @Test
  void aRecordWithAFieldTooLongIsSkippedByNameAndTheOthersAreScanned() throws Exception {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    assertEquals(0, SourceCli.run(dir, "init", "--id", "archive-lan").code());
    assertEquals(0, SourceCli.run(dir, "user", "add", SourceCli.ME, "--role", "archivist")
        .code());
    Path holdings = dir.resolve("holdings");
    for (String[] r : new String[][] {{"A-1", "short"}, {"A-2", "x".repeat(100 * 1024)},
        {"A-3", "y".repeat(30 * 1024 * 1024)}}) {
      Path f = Files.createDirectories(holdings.resolve(r[0]));
      Files.writeString(f.resolve("metadata.xml"), metadata(r[0], r[1]));
    }

    SourceCli.Run scan = SourceCli.run(dir, "holdings", "scan", holdings.toString());

    assertEquals(ExitCodes.INVALID, scan.code(), scan.out() + scan.err());
    String all = scan.out() + scan.err();
    assertTrue(all.contains("A-2/metadata.xml: description is 102400 characters long, more "
        + "than the 65536 a field may hold; move the long text into a file of the record"), all);
    assertTrue(all.contains("A-3/metadata.xml: description is 31457280 characters long"), all);
    assertTrue(all.lines().allMatch(l -> l.length() < 400), "no value echoed: " + all.length());
    assertTrue(all.contains("1 added"), "A-1 is recorded: " + all);
  }

  @Test
  void aTemplateNestedThousandsDeepIsRefusedOnOneLine() throws Exception {
    String example = Files.readString(SourceCli.EXAMPLES.resolve("reading-room.xml"));
    String deep = "<not>".repeat(2000) + "<equals field=\"openness\" value=\"open\"/>"
        + "</not>".repeat(2000);
    Path template = dir.resolve("deep.xml");
    Files.writeString(template, example.replaceFirst("(?s)<selection>.*</selection>",
        "<selection>" + deep + "</selection>"));

    SourceCli.Run check = SourceCli.run(dir, "template", "check", template.toString());

    assertEquals(ExitCodes.INVALID, check.code(), check.out() + check.err());
    assertTrue((check.out() + check.err()).contains("elements nest more than 64 deep"),
        check.out() + check.err());
  }
}
