package org.gapsync.format.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.files.FileTrees;

/**
 * A platform's private signing key with its self-signed certificate, kept in a PKCS#12 file
 * protected by a passphrase.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.generate("archive-lan", SignatureProfile.ECDSA_P256_SHA256,
 *     Clock.systemUTC(), Duration.ofDays(3650));
 * key.store(home.resolve("signing.p12"), passphrase);
 * }</pre>
 */
public final class SigningKey {
  private static final String ALIAS = "signing";

  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final SignatureProfile profile;
  private final KeySuccession succession;

  private SigningKey(PrivateKey privateKey, X509Certificate certificate,
      SignatureProfile profile, KeySuccession succession) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.succession = Objects.requireNonNull(succession, "succession");
  }

  /**
   * Generates a key pair and a self-signed certificate naming {@code platformId}, its
   * organisation the placeholder {@code gapsync platform}.
   */
  public static SigningKey generate(String platformId, SignatureProfile profile, Clock clock,
      Duration validity) {
    return generate(platformId, "", profile, clock, validity);
  }

  /**
   * Generates a key pair and a self-signed certificate whose subject names {@code platformId}
   * (CN) and {@code organisation} (O; the placeholder {@code gapsync platform} when blank), with
   * a subject key identifier (and the same as authority key identifier).
   */
  public static SigningKey generate(String platformId, String organisation,
      SignatureProfile profile, Clock clock, Duration validity) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(profile.keyAlgorithm(),
          BouncyCastle.PROVIDER);
      generator.initialize(profile.keySpec(), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      // Most significant first, so that it reads "CN=id,O=organisation" as before.
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O,
          organisation.isBlank() ? "gapsync platform" : organisation.strip())
          .addRDN(BCStyle.CN, platformId).build();
      Instant now = clock.instant();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
          Date.from(now.plus(validity)), subject, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          ids.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          ids.createAuthorityKeyIdentifier(pair.getPublic()));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation
              | (profile.isKeyTransport() ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement)));
      ContentSigner signer = new JcaContentSignerBuilder(profile.jcaName())
          .setProvider(BouncyCastle.PROVIDER).build(pair.getPrivate());
      X509Certificate certificate = new JcaX509CertificateConverter()
          .setProvider(BouncyCastle.PROVIDER).getCertificate(builder.build(signer));
      return new SigningKey(pair.getPrivate(), certificate, profile, KeySuccession.NONE);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate a " + profile + " key", e);
    }
  }

  /**
   * Loads the key from a PKCS#12 file.
   *
   * @throws PackageFormatException when the passphrase is wrong or the file holds no key
   */
  public static SigningKey load(Path file, char[] passphrase) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      // Bouncy Castle's reader, which also knows SM2 keys; the JDK writes them (see store).
      KeyStore store = KeyStore.getInstance("PKCS12", BouncyCastle.PROVIDER);
      store.load(in, passphrase);
      if (!(store.getKey(ALIAS, passphrase) instanceof PrivateKey key)
          || !(store.getCertificate(ALIAS) instanceof X509Certificate cert)) {
        throw new PackageFormatException(file + ": holds no gapsync signing key");
      }
      return new SigningKey(key, cert, SignatureProfile.of(cert.getPublicKey()),
          KeySuccession.NONE);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new PackageFormatException(file + ": wrong passphrase", e);
      }
      throw e;
    } catch (UnrecoverableKeyException e) {
      throw new PackageFormatException(file + ": wrong passphrase", e);
    } catch (GeneralSecurityException e) {
      throw new PackageFormatException(file + ": unreadable key file: " + e.getMessage(), e);
    }
  }

  /**
   * Stores the key in a PKCS#12 file, written beside it first and then renamed into place. The
   * JDK writes it, protected by PBES2 with AES-256 and an HMAC-SHA-256 integrity check; the
   * file is its owner's alone ({@code 0600}) from the moment it exists.
   */
  public void store(Path file, char[] passphrase) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, privateKey, passphrase, new Certificate[] {certificate});
      store.store(bytes, passphrase);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot store key", e);
    }
    FileTrees.replacePrivate(file, bytes.toByteArray());
  }


  /** Returns the certificate that others trust to verify this key's signatures. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Returns the announcements that lead from this platform's earlier keys to this one; every
   * bag this key signs carries them.
   */
  public KeySuccession succession() {
    return succession;
  }

  /** Returns this key with {@code succession}, the announcements that lead to it. */
  public SigningKey withSuccession(KeySuccession succession) {
    return new SigningKey(privateKey, certificate, profile, succession);
  }

  /** Returns the signature profile of this key. */
  public SignatureProfile profile() {
    return profile;
  }

  PrivateKey privateKey() {
    return privateKey;
  }
}
