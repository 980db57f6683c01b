package org.gapsync.format.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.gapsync.format.PackageFormatException;

/**
 * The announcements by which a platform moved from one signing key to the next, oldest first.
 * Each is a CMS SignedData that holds the next certificate and is signed by the key before it;
 * every bag the platform signs afterwards carries them ({@code sync/succession.pem}), so a peer
 * that trusts any earlier certificate of the platform comes to trust its current one, without a
 * separate trip to exchange certificates. A revoked certificate vouches for nothing.
 *
 * <pre>{@code
 * KeySuccession next = succession.then(KeySuccession.announce(oldKey, newKey.certificate(), clock));
 * TrustStore widened = next.extend(trust);
 * }</pre>
 */
public final class KeySuccession {
  /** No rotation yet. */
  public static final KeySuccession NONE = new KeySuccession(List.of());

  private static final String PEM_TYPE = "CMS";

  private final List<Announcement> announcements;

  private KeySuccession(List<Announcement> announcements) {
    this.announcements = List.copyOf(announcements);
  }

  /**
   * One key rotation: {@code successor} announced by {@code predecessor}'s key.
   *
   * @param predecessor the certificate of the key that signed the announcement
   * @param successor the certificate it announces
   * @param at when it was signed
   * @param encoded the CMS SignedData, DER
   */
  public record Announcement(X509Certificate predecessor, X509Certificate successor,
      Instant at, byte[] encoded) {
    /** Checks presence. */
    public Announcement {
      Objects.requireNonNull(predecessor, "predecessor");
      Objects.requireNonNull(successor, "successor");
      Objects.requireNonNull(at, "at");
      encoded = encoded.clone();
    }
  }

  /** Signs, with {@code current}, the announcement that {@code successor} follows it. */
  public static Announcement announce(SigningKey current, X509Certificate successor,
      Clock clock) {
    try {
      byte[] signed = new PackageSigner(current, clock).signEnclosing(successor.getEncoded());
      return read(signed);
    } catch (java.security.cert.CertificateEncodingException | PackageFormatException e) {
      throw new IllegalStateException("cannot announce " + Certificates.describe(successor), e);
    }
  }

  /** Returns this succession with {@code next} appended. */
  public KeySuccession then(Announcement next) {
    List<Announcement> all = new ArrayList<>(announcements);
    all.add(next);
    return new KeySuccession(all);
  }

  /** Returns the announcements, oldest first. */
  public List<Announcement> announcements() {
    return announcements;
  }

  /** Returns whether there is no announcement. */
  public boolean isEmpty() {
    return announcements.isEmpty();
  }

  /**
   * Returns {@code trust} widened by every announcement whose signer it trusts (directly or
   * through an earlier announcement): the announced certificate is trusted as the same platform.
   * Announcements by or of a revoked certificate are ignored.
   */
  public TrustStore extend(TrustStore trust) {
    TrustStore widened = trust;
    for (Announcement a : accepted(trust)) {
      widened = widened.with(widened.idOf(a.predecessor()).orElseThrow(), a.successor());
    }
    return widened;
  }

  /**
   * Returns the announcement by which {@code trust}, widened by this succession, came to trust
   * {@code signer}; empty when {@code trust} trusts it already or never does.
   */
  public Optional<Announcement> introducing(TrustStore trust, X509Certificate signer) {
    if (trust.idOf(signer).isPresent()) {
      return Optional.empty();
    }
    return accepted(trust).stream().filter(a -> a.successor().equals(signer)).findFirst();
  }

  private List<Announcement> accepted(TrustStore trust) {
    List<Announcement> accepted = new ArrayList<>();
    TrustStore widened = trust;
    for (Announcement a : announcements) {
      Optional<String> id = widened.idOf(a.predecessor());
      if (id.isPresent() && widened.revokedFor(a.successor()).isEmpty()) {
        widened = widened.with(id.get(), a.successor());
        accepted.add(a);
      }
    }
    return accepted;
  }

  /** Returns the announcements as PEM blocks of type CMS, oldest first. */
  public byte[] toPem() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer text = new OutputStreamWriter(bytes, StandardCharsets.US_ASCII);
        PemWriter pem = new PemWriter(text)) {
      for (Announcement a : announcements) {
        pem.writeObject(new PemObject(PEM_TYPE, a.encoded()));
      }
    } catch (IOException e) {
      throw new AssertionError("writing to memory does not fail", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Parses PEM announcements and checks each one's signature; {@code name} is used in messages.
   *
   * @throws PackageFormatException when a block is not a validly signed announcement
   */
  public static KeySuccession parse(String name, byte[] pem) throws PackageFormatException {
    List<Announcement> all = new ArrayList<>();
    try (PemReader reader = new PemReader(new InputStreamReader(
        new java.io.ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
      for (PemObject o = reader.readPemObject(); o != null; o = reader.readPemObject()) {
        if (!o.getType().equals(PEM_TYPE)) {
          throw new PackageFormatException(name + ": holds a " + o.getType()
              + " block where only CMS announcements belong");
        }
        all.add(read(o.getContent()));
      }
    } catch (IOException e) {
      throw new PackageFormatException(name + ": not PEM: " + e.getMessage(), e);
    }
    return new KeySuccession(all);
  }

  private static Announcement read(byte[] encoded) throws PackageFormatException {
    try {
      CMSSignedData data = new CMSSignedData(encoded);
      Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
      if (signers.size() != 1 || data.getSignedContent() == null) {
        throw new PackageFormatException("a key announcement must hold one certificate "
            + "signed by exactly one signer");
      }
      SignerInformation signer = signers.iterator().next();
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> matches = data.getCertificates()
          .getMatches(signer.getSID());
      if (matches.isEmpty()) {
        throw new PackageFormatException("a key announcement lacks its signer's certificate");
      }
      X509CertificateHolder holder = matches.iterator().next();
      Attribute time = signer.getSignedAttributes() == null ? null
          : signer.getSignedAttributes().get(CMSAttributes.signingTime);
      if (time == null) {
        throw new PackageFormatException("a key announcement carries no signing time");
      }
      Instant at = Time.getInstance(time.getAttrValues().getObjectAt(0)).getDate().toInstant();
      if (!holder.isValidOn(java.util.Date.from(at))
          || !signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
              .setProvider(BouncyCastle.PROVIDER).build(holder))) {
        throw new PackageFormatException("a key announcement's signature does not verify");
      }
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter()
          .setProvider(BouncyCastle.PROVIDER);
      X509Certificate successor = Certificates.parse("announced certificate",
          (byte[]) data.getSignedContent().getContent());
      return new Announcement(converter.getCertificate(holder), successor, at, encoded);
    } catch (PackageFormatException e) {
      throw e;
    } catch (Exception e) {
      // Bouncy Castle reports malformed ASN.1 with unchecked exceptions too.
      throw new PackageFormatException("not a valid key announcement: " + e.getMessage(), e);
    }
  }
}
