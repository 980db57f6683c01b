package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every source command that lists something gives the same rows as CSV and as JSON. */
class ListingFormatsTest {
  private static final SigningKey TARGET = Fixtures.key("reading-room");

  @TempDir
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, "reading-room", "reading-room.xml", TARGET);
  }

  static Stream<Arguments> listings() {
    return Stream.of(
        Arguments.of(List.of("queue"), "archivalId", 7),
        Arguments.of(List.of("destination", "list"), "nextSequence", 1),
        Arguments.of(List.of("trust", "list"), "sha256", 1),
        Arguments.of(List.of("user", "list"), "role", 2),
        Arguments.of(List.of("ledger", "query"), "state", 7),
        Arguments.of(List.of("ledger", "history", "F001-1998-0001"), "detail", 1));
  }

  private SourceCli.Run list(List<String> command, String format) {
    List<String> args = new java.util.ArrayList<>(command);
    args.addAll(List.of("--format", format));
    SourceCli.Run r = SourceCli.run(dir, args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listings")
  void csvAndJsonHoldTheSameRows(List<String> command, String column, int rows)
      throws Exception {
    List<CSVRecord> csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .get().parse(new StringReader(list(command, "csv").out())).getRecords();
    String json = list(command, "json").out();

    assertEquals(rows, csv.size(), command + " rows");
    assertTrue(csv.stream().noneMatch(r -> r.get(column) == null), column);
    assertTrue(json.endsWith("]\n"), json);
    int objects = 0;
    List<String> values = new java.util.ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT) {
          objects++;
        } else if (t == JsonToken.FIELD_NAME && p.currentName().equals(column)) {
          p.nextToken();
          values.add(p.getValueAsString());
        }
      }
    }
    assertEquals(rows, objects, json);
    assertEquals(csv.stream().map(r -> r.get(column)).toList(), values);
  }
}
