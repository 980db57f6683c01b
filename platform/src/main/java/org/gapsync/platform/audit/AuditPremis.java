package org.gapsync.platform.audit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.premis.Premis;
import org.gapsync.platform.premis.PremisWriter;

/**
 * The audit trail in PREMIS: each event, typed by its command ({@link Premis#typeOf}), with its
 * sequence and chain hash in its detail, so that an export can be matched against
 * {@code ledger verify} and a seal.
 */
public final class AuditPremis {
  private AuditPremis() {}

  /**
   * Writes the whole ledger of {@code platform} as PREMIS: the application's objects, the audit
   * trail, then the application's own events, in one transaction.
   */
  public static void export(Ledger<?> ledger, String platform, PremisWriter out)
      throws IOException {
    ledger.exportPremis(platform, out, sql -> {
      AuditTrail.forEach(sql, e -> Premis.write(out, event(platform, e)));
      return null;
    });
  }

  /** Returns an audit trail event as a PREMIS event of the platform {@code platform}. */
  static PremisWriter.Event event(String platform, AuditEvent e) {
    String detail = e.action() + (e.object().isEmpty() ? "" : " " + e.object())
        + " (audit event " + e.sequence() + ", chain hash " + e.hash() + ")";
    return new PremisWriter.Event(Premis.AUDIT_EVENT, platform + "/audit/" + e.sequence(),
        Premis.typeOf(e.action(), e.object()), e.at(), detail, e.outcome(),
        e.details().isEmpty() ? Optional.empty() : Optional.of(e.details()), e.actor(),
        List.of());
  }
}
