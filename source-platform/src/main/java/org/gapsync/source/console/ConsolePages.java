package org.gapsync.source.console;

import java.util.List;
import java.util.Optional;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.platform.console.ConsoleView;
import org.gapsync.source.ledger.BrowseTables;
import org.gapsync.source.ledger.StoredFile;
import org.gapsync.source.ledger.StoredRecord;
import org.gapsync.source.ledger.SyncEvent;
import org.gapsync.source.ledger.SyncRow;
import org.gapsync.source.report.ReportPage;

/** What the source console's templates read, one record per page. */
public final class ConsolePages {
  private ConsolePages() {}

  /**
   * The dashboard ({@code console-dashboard.jte}): every destination's figures and the chains.
   *
   * @param view its frame
   * @param report the ledger's report, a few entries a list
   * @param mayReport whether the user may open the full report
   */
  public record Dashboard(ConsoleView view, ReportPage report, boolean mayReport) {}

  /**
   * The record search ({@code console-records.jte}).
   *
   * @param view its frame
   * @param text what was searched for, or empty before a search
   * @param field where it was looked for: any, id, title, fonds or year
   * @param found the records found, at most {@code limit}
   * @param limit how many a search shows at most
   */
  public record Records(ConsoleView view, String text, String field,
      List<BrowseTables.Found> found, int limit) {
    /** Copies the list. */
    public Records {
      found = List.copyOf(found);
    }

    /** Returns whether the search found more than it shows. */
    public boolean isCut() {
      return found.size() >= limit;
    }
  }

  /**
   * One record and its history at every destination ({@code console-record.jte}).
   *
   * @param view its frame
   * @param record the record, at its current version, with its files
   * @param fields its metadata fields, if the ledger holds them
   * @param states where its sync stands at each destination, for each version
   * @param history every sync event of it, oldest first
   */
  public record Record(ConsoleView view, StoredRecord record, Optional<RecordMetadata> fields,
      List<SyncRow> states, List<SyncEvent> history) {
    /** Copies the lists. */
    public Record {
      states = List.copyOf(states);
      history = List.copyOf(history);
    }

    /** Returns its files, by path. */
    public List<StoredFile> files() {
      return record.files().values().stream().sorted(java.util.Comparator.comparing(
          StoredFile::path)).toList();
    }
  }

  /**
   * The packages and their receipts ({@code console-packages.jte}).
   *
   * @param view its frame
   * @param destination the destination shown, or empty for every one
   * @param destinations every destination, for the choice
   * @param packages the newest packages, newest first
   * @param limit how many the page shows at most
   * @param mayForm whether the user may download the registration forms
   */
  public record Packages(ConsoleView view, String destination, List<String> destinations,
      List<BrowseTables.Sent> packages, int limit, boolean mayForm) {
    /** Copies the lists. */
    public Packages {
      destinations = List.copyOf(destinations);
      packages = List.copyOf(packages);
    }
  }

  /**
   * The reports and forms to download ({@code console-reports.jte}).
   *
   * @param view its frame
   * @param destinations every destination, for the choice
   * @param mayForm whether the user may download the registration forms
   */
  public record Reports(ConsoleView view, List<String> destinations, boolean mayForm) {
    /** Copies the list. */
    public Reports {
      destinations = List.copyOf(destinations);
    }
  }
}
