package org.gapsync.source.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gapsync.format.PackageId;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.template.Template;
import org.gapsync.format.template.TemplateReader;
import org.gapsync.source.ledger.PackageRow;
import org.gapsync.source.ledger.RecordStat;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.Transaction;

/** Adding and removing destinations: a target, its template and its certificate. */
public final class Destinations {
  /** The records read and queued at a time: ledger queries take a few hundred ids. */
  private static final int BATCH = 512;

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
      tx.shareHoldings();
      tx.lockDestination(id);
      if (tx.sync().destination(id).isPresent()) {
        throw new SelectionException("destination " + id + " already exists");
      }
      tx.sync().addDestination(id, template.id(), template.version(), xml,
          Certificates.toPem(cert));
      // The records alone, in archival id order, a batch at a time: their files play no part
      // in the selection, and a million records are queued without holding them.
      String why = "selected by template " + template.id() + " when the destination was added";
      int[] queued = {0};
      List<RecordStat> batch = new ArrayList<>(BATCH);
      tx.records().forEachRecordById(r -> {
        if (!r.isDeleted()) {
          batch.add(r);
        }
        if (batch.size() == BATCH) {
          queued[0] += queueSelected(tx, id, template, batch, why);
          batch.clear();
        }
      });
      queued[0] += queueSelected(tx, id, template, batch, why);
      return queued[0];
    });
  }

  /** Queues those of {@code batch} that {@code template} selects; returns how many. */
  private static int queueSelected(Transaction tx, String destination, Template template,
      List<RecordStat> batch, String why) throws IOException {
    Map<String, RecordMetadata> fields = tx.records().fields(batch.stream()
        .map(RecordStat::archivalId).toList());
    List<RecordStat> selected = new ArrayList<>();
    for (RecordStat r : batch) {
      RecordMetadata f = fields.get(r.archivalId());
      if (f != null && template.selection().matches(f)) {
        selected.add(r);
      }
    }
    tx.sync().enqueueFirst(destination, selected, why);
    return selected.size();
  }

  /**
   * What removing a destination did.
   *
   * @param cancelled record versions that were still waiting for it, now cancelled
   * @param unanswered packages to it that no receipt had answered (removed only by force)
   */
  public record Removal(int cancelled, List<PackageId> unanswered) {
    /** Copies the list. */
    public Removal {
      unanswered = List.copyOf(unanswered);
    }
  }

  /**
   * Removes destination {@code id}: nothing is queued for it any more, and what it was sent and
   * held is forgotten, while its packages and every event stay in the ledger's history. A
   * destination that packages were sent to without a receipt coming back is removed only
   * {@code force}d: their records would never be confirmed.
   *
   * @throws UnknownDestinationException if there is no such destination
   * @throws SelectionException if packages to it are unanswered and it is not forced
   */
  public static Removal remove(SourceLedger ledger, String id, boolean force)
      throws IOException {
    return ledger.inTransaction(tx -> {
      tx.shareHoldings();
      tx.lockDestination(id);
      if (tx.sync().destination(id).isEmpty()) {
        throw new UnknownDestinationException(id);
      }
      List<PackageId> unanswered = tx.sync().unanswered(id).stream().map(PackageRow::id)
          .toList();
      if (!unanswered.isEmpty() && !force) {
        throw new SelectionException("destination " + id + " was sent " + unanswered.size()
            + " package" + (unanswered.size() == 1 ? "" : "s") + " that no receipt has "
            + "answered (" + unanswered.get(0) + (unanswered.size() > 1 ? " … "
            + unanswered.get(unanswered.size() - 1) : "") + "): ingest their receipts first, "
            + "or give --force to remove it anyway, and their records are never confirmed");
      }
      return new Removal(tx.sync().removeDestination(id), unanswered);
    });
  }
}
