package org.gapsync.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.SignatureCheck;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.validation.Finding;

/** Prints a verification as text for people or as JSON for scripts. */
final class ReportPrinter {
  private ReportPrinter() {}

  static void text(Path path, Verification<?> v, PrintWriter out) {
    v.header().ifPresent(h -> out.println(describe(h)));
    out.println("  at " + path);
    v.signature().ifPresent(s -> out.println("  " + signer(s)));
    if (v.isValid()) {
      out.println("VALID: every byte matches its manifest and the signer is trusted");
      return;
    }
    out.println("INVALID: " + count(v.report().findings().size(), "finding"));
    for (Finding f : v.report().findings()) {
      out.println("  " + f);
    }
  }

  static void json(Path path, String kind, Verification<?> v, PrintWriter out)
      throws IOException {
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("path", path.toString());
      json.writeStringField("kind", kind);
      json.writeBooleanField("valid", v.isValid());
      if (v.header().orElse(null) instanceof PackageHeader h) {
        json.writeStringField("packageId", h.packageId().value());
        json.writeStringField("source", h.sourcePlatform());
        json.writeStringField("destination", h.destination());
        json.writeNumberField("sequence", h.sequence());
        json.writeNumberField("records", h.records().size());
      } else if (v.header().orElse(null) instanceof Receipt r) {
        json.writeStringField("receiptId", r.receiptId().value());
        json.writeStringField("packageId", r.packageId().value());
        json.writeStringField("target", r.targetPlatform());
        json.writeStringField("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
      }
      if (v.signature().isPresent() && v.signature().get().signer().isPresent()) {
        SignatureCheck s = v.signature().get();
        json.writeObjectFieldStart("signer");
        json.writeStringField("subject", s.signer().get().getSubjectX500Principal().getName());
        json.writeStringField("sha256", Certificates.fingerprint(s.signer().get()));
        json.writeStringField("trustedAs", s.trustedAs().orElse(null));
        json.writeStringField("signedAt", s.signedAt().map(Object::toString).orElse(null));
        json.writeEndObject();
      }
      json.writeArrayFieldStart("findings");
      for (Finding f : v.report().findings()) {
        json.writeStartObject();
        json.writeStringField("code", f.code().name());
        json.writeStringField("path", f.path());
        json.writeStringField("message", f.message());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.println();
  }

  private static String describe(Object header) {
    if (header instanceof PackageHeader h) {
      long files = h.records().stream().mapToLong(r -> r.files().size()).sum();
      return "sync package " + h.packageId() + ": " + h.sourcePlatform() + " -> "
          + h.destination() + ", sequence " + h.sequence() + ", " + count(h.records().size(),
          "record") + ", " + count(files, "file") + ", built " + h.created() + " by "
          + h.operator();
    }
    Receipt r = (Receipt) header;
    return "receipt " + r.receiptId() + " from " + r.targetPlatform() + " for package "
        + r.packageId() + ": " + r.outcome().name().toLowerCase(java.util.Locale.ROOT) + ", "
        + count(r.records().size(), "record");
  }

  /** Returns the count and its noun, singular for one: "1 record", "3 records". */
  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String signer(SignatureCheck s) {
    if (s.signer().isEmpty()) {
      return "signature unreadable";
    }
    return "signed by " + Certificates.describe(s.signer().get())
        + s.signedAt().map(t -> " at " + t).orElse("")
        + s.trustedAs().map(id -> ", trusted as " + id).orElse(", NOT trusted");
  }
}
