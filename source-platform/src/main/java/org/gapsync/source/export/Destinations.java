package org.gapsync.source.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.template.Template;
import org.gapsync.format.template.TemplateReader;
import org.gapsync.source.ledger.RecordStat;
import org.gapsync.source.ledger.SourceLedger;

/** Adding destinations: a target, its template and its certificate. */
public final class Destinations {
  private Destinations() {}

  /**
   * Adds destination {@code id} and queues for it every record its template selects.
   *
   * @return how many records were queued
   */
  public static int add(SourceLedger ledger, String id, Path templateFile, X509Certificate cert)
      throws IOException {
    Template template = TemplateReader.read(templateFile);
    String xml = Files.readString(templateFile, StandardCharsets.UTF_8);
    return ledger.inTransaction(tx -> {
      if (tx.sync().destination(id).isPresent()) {
        throw new SelectionException("destination " + id + " already exists");
      }
      tx.sync().addDestination(id, template.id(), template.version(), xml,
          Certificates.toPem(cert));
      int queued = 0;
      // The records alone, in archival id order: their files play no part in the selection.
      List<RecordStat> records = new ArrayList<>();
      tx.records().forEachRecord(records::add);
      records.sort(Comparator.comparing(RecordStat::archivalId));
      for (RecordStat r : records) {
        Optional<RecordMetadata> fields = tx.records().fields(r.archivalId());
        if (!r.isDeleted() && fields.isPresent() && template.selection().matches(fields.get())) {
          tx.sync().enqueue(r.archivalId(), id, r.version(), "add",
              "selected by template " + template.id() + " when the destination was added");
          queued++;
        }
      }
      return queued;
    });
  }
}
