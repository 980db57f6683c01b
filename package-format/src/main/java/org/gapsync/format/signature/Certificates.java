package org.gapsync.format.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.gapsync.format.PackageFormatException;

/** Reads and writes X.509 certificates as PEM, and names them by fingerprint. */
public final class Certificates {
  private Certificates() {}

  /** Returns the PEM text of {@code certificate}. */
  public static String toPem(X509Certificate certificate) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(certificate);
    } catch (IOException e) {
      throw new AssertionError("writing to a string does not fail", e);
    }
    return text.toString();
  }

  /** Writes {@code certificate} as PEM to {@code file}, replacing it. */
  public static void writePem(X509Certificate certificate, Path file) throws IOException {
    Files.writeString(file, toPem(certificate), StandardCharsets.US_ASCII);
  }

  /** Reads one certificate from a PEM (or DER) file. */
  public static X509Certificate readPem(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file.toString(), in.readAllBytes());
    }
  }

  /** Parses one certificate from PEM or DER bytes; {@code name} is used in messages. */
  public static X509Certificate parse(String name, byte[] bytes) throws PackageFormatException {
    try {
      // Bouncy Castle's, which also reads SM2 certificates; the JDK knows no SM2 curve.
      CertificateFactory factory = CertificateFactory.getInstance("X.509",
          BouncyCastle.PROVIDER);
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes));
    } catch (CertificateException e) {
      throw new PackageFormatException(name + ": not an X.509 certificate in PEM or DER form: "
          + e.getMessage(), e);
    }
  }

  /** Returns the SHA-256 fingerprint of the certificate's DER encoding, as hexadecimal. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(certificate.getEncoded()));
    } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  /**
   * Returns the platform id a gapsync certificate names: the common name of its subject, if it
   * has one.
   */
  public static java.util.Optional<String> platformId(X509Certificate certificate) {
    org.bouncycastle.asn1.x500.X500Name name = org.bouncycastle.asn1.x500.X500Name.getInstance(
        certificate.getSubjectX500Principal().getEncoded());
    org.bouncycastle.asn1.x500.RDN[] cn = name.getRDNs(
        org.bouncycastle.asn1.x500.style.BCStyle.CN);
    return cn.length == 0 ? java.util.Optional.empty() : java.util.Optional.of(
        org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(
            cn[0].getFirst().getValue()));
  }

  /** Returns a one-line description: subject and fingerprint, for messages. */
  public static String describe(X509Certificate certificate) {
    return "\"" + certificate.getSubjectX500Principal().getName() + "\" (sha256 fingerprint "
        + fingerprint(certificate).substring(0, 16) + "…)";
  }

  /** Returns how many bytes the DER encoding of {@code certificate} takes. */
  public static int encodedLength(X509Certificate certificate) {
    try {
      return certificate.getEncoded().length;
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
    }
  }
}
