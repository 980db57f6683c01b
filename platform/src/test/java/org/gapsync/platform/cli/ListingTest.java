package org.gapsync.platform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** A listing in each format, read back as a program or a person would. */
class ListingTest {
  private static String print(Listing.Format format) throws Exception {
    StringWriter out = new StringWriter();
    try (Listing list = Listing.of(format, new PrintWriter(out), "archivalId", "attempts",
        "lastFailure")) {
      list.row("F001-1998-0001", 1, Optional.empty());
      list.row("F001-1998-0002", 12, "replica differs: \"scan.jpg\", size, digest\nsecond");
    }
    return out.toString();
  }

  @Test
  void aTableAlignsItsColumnsUnderHeadingsRightAlignsNumbersAndKeepsARowOnOneLine() throws Exception {
    assertEquals("""
        ARCHIVAL ID     ATTEMPTS  LAST FAILURE
        F001-1998-0001         1  -
        F001-1998-0002        12  replica differs: "scan.jpg", size, digest second
        """, print(Listing.Format.table));
  }

  @Test
  void csvReadsBackFieldForFieldWithQuotesCommasAndNewlines() throws Exception {
    var records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new java.io.StringReader(print(Listing.Format.csv))).getRecords();

    assertEquals(2, records.size());
    CSVRecord second = records.get(1);
    assertEquals("12", second.get("attempts"));
    assertEquals("replica differs: \"scan.jpg\", size, digest\nsecond",
        second.get("lastFailure"));
    assertEquals("", records.get(0).get("lastFailure"));
  }

  @Test
  void jsonIsAnArrayOfObjectsWithNumbersAndNullsEndingWithANewline() throws Exception {
    String json = print(Listing.Format.json);

    assertEquals('\n', json.charAt(json.length() - 1));
    assertTrue(json.startsWith("[ {"), json);
    assertTrue(json.contains("\"attempts\" : 12"), json);
    assertTrue(json.contains("\"lastFailure\" : null"), json);
  }

  @Test
  void anEmptyListingIsAHeaderAloneOrAnEmptyArray() throws Exception {
    StringWriter csv = new StringWriter();
    Listing.of(Listing.Format.csv, new PrintWriter(csv), "user", "role").close();
    StringWriter json = new StringWriter();
    Listing.of(Listing.Format.json, new PrintWriter(json), "user", "role").close();

    assertEquals("user,role\n", csv.toString());
    assertEquals("[ ]\n", json.toString());
  }
}
