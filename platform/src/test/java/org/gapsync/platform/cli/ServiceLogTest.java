package org.gapsync.platform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceLogTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"),
      ZoneOffset.UTC);

  @Test
  void eachActionIsOneLineOfTextAsPeopleReadIt() {
    StringWriter w = new StringWriter();

    new ServiceLog(new PrintWriter(w), ServiceLog.Format.TEXT, CLOCK, "target ferry")
        .accept("import a.tar: applied: 3 records");

    assertEquals("import a.tar: applied: 3 records" + System.lineSeparator(), w.toString());
  }

  @Test
  void asJsonEachActionIsOneObjectPerLineWithItsTimeServiceAndAction() throws Exception {
    StringWriter w = new StringWriter();
    ServiceLog log = new ServiceLog(new PrintWriter(w), ServiceLog.Format.JSON, CLOCK,
        "target ferry");

    log.accept("import a.tar: applied: \"3\" records");
    log.accept("round: 1 imported");

    String[] lines = w.toString().split(System.lineSeparator());
    assertEquals(2, lines.length);
    assertEquals(Map.of("time", "2026-12-03T12:00:00Z", "service", "target ferry", "action",
        "import", "message", "a.tar: applied: \"3\" records"), fields(lines[0]));
    assertEquals("round", fields(lines[1]).get("action"));
  }

  private static Map<String, String> fields(String json) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken());
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        out.put(name, p.getText());
      }
    }
    return out;
  }
}
