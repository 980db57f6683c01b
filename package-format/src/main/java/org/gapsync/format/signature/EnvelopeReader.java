package org.gapsync.format.signature;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Provider;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyTransRecipient;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.gapsync.format.PackageFormatException;

/**
 * Opens a package encrypted by {@link EnvelopeWriter} with the recipient's private key, as a
 * stream of its decrypted bytes; memory stays the same for a package of any size. A package
 * encrypted for someone else is refused with the certificate it was meant for.
 *
 * <pre>{@code
 * EnvelopeReader.decrypt(Path.of("/media/usb/pkg-000001.tar.p7m"), key, staging);
 * }</pre>
 */
public final class EnvelopeReader {
  /** DER of the content type id-envelopedData, 1.2.840.113549.1.7.3, with its tag. */
  private static final byte[] ENVELOPED_DATA = HexFormat.of().parseHex(
      "06092a864886f70d010703");

  private EnvelopeReader() {}

  /** Returns whether {@code file} is a CMS EnvelopedData, judged by its first bytes. */
  public static boolean isEnvelope(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(32);
    }
    if (head.length < 2 + ENVELOPED_DATA.length || head[0] != 0x30) {
      return false;
    }
    // The outer SEQUENCE's length takes one byte (short or indefinite form) to five.
    int lengthBytes = (head[1] & 0x80) == 0 || head[1] == (byte) 0x80 ? 1 : 1 + (head[1] & 0x7f);
    int at = 1 + lengthBytes;
    return at + ENVELOPED_DATA.length <= head.length && Arrays.equals(head, at,
        at + ENVELOPED_DATA.length, ENVELOPED_DATA, 0, ENVELOPED_DATA.length);
  }

  /**
   * Returns the name for the decrypted copy of the envelope file {@code sealed}: its own name
   * without {@code .p7m} ({@code pkg.tar.p7m} gives {@code pkg.tar}), or with {@code .tar}
   * added when it does not end so.
   */
  public static String plainName(Path sealed) {
    String name = sealed.getFileName().toString();
    return name.endsWith(EnvelopeWriter.EXTENSION) && name.length()
        > EnvelopeWriter.EXTENSION.length() ? name.substring(0, name.length()
        - EnvelopeWriter.EXTENSION.length()) : name + ".tar";
  }

  /**
   * Returns the decrypted bytes of {@code sealed}, opened with {@code key}'s private key.
   *
   * @throws PackageFormatException when it is not an envelope, or not encrypted for this key
   *     (the message names the certificates it was encrypted for)
   */
  public static InputStream open(InputStream sealed, SigningKey key) throws IOException {
    return open(sealed, List.of(key));
  }

  /**
   * Returns the decrypted bytes of {@code sealed}, opened with whichever of {@code keys} it was
   * encrypted for: a platform's current key and the ones it retired by rotation.
   *
   * @throws PackageFormatException when it is not an envelope, or not encrypted for any of them
   *     (the message names the certificates it was encrypted for)
   */
  public static InputStream open(InputStream sealed, List<SigningKey> keys) throws IOException {
    List<Candidate> candidates = keys.stream().map(EnvelopeReader::candidate).toList();
    return open(sealed, candidates, "this platform's certificate " + (keys.isEmpty() ? "(none)"
        : Certificates.describe(keys.get(0).certificate())) + (keys.size() > 1 ? " or one of "
        + "its " + (keys.size() - 1) + " retired ones" : ""));
  }

  /**
   * Decrypts the envelope {@code sealed} with {@code key}'s private key into the new file
   * {@code plain}, a buffer at a time.
   *
   * @throws PackageFormatException when it is not for this key, or is damaged or truncated
   */
  public static void decrypt(Path sealed, SigningKey key, Path plain) throws IOException {
    decrypt(sealed, List.of(key), plain);
  }

  /**
   * Decrypts the envelope {@code sealed} with whichever of {@code keys} it was encrypted for into
   * the new file {@code plain}, a buffer at a time.
   *
   * @throws PackageFormatException when it is for none of them, or is damaged or truncated
   */
  public static void decrypt(Path sealed, List<SigningKey> keys, Path plain)
      throws IOException {
    decrypt(sealed, in -> open(in, keys), plain);
  }

  /**
   * Checks what of the envelope file {@code sealed} can be checked without a key to open it:
   * its head (content types, versions, recipients and their algorithms, each as the writer
   * writes them) and its closing bytes. A read-back of a disc that only the destination can
   * open checks this much.
   *
   * @throws PackageFormatException at the first field that is not what the writer writes
   */
  public static void checkLayout(Path sealed) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(sealed))) {
      EnvelopeLayout.checkHead(in);
    }
    EnvelopeLayout.checkEnd(sealed);
  }

  /** Opens an envelope's stream as a stream of its decrypted bytes. */
  @FunctionalInterface
  interface Opening {
    /** Returns the decrypted bytes of {@code sealed}. */
    InputStream open(InputStream sealed) throws IOException;
  }

  /**
   * Checks how the envelope file {@code sealed} ends, then decrypts it through {@code opening}
   * into the new file {@code plain}, a buffer at a time.
   */
  static void decrypt(Path sealed, Opening opening, Path plain) throws IOException {
    EnvelopeLayout.checkEnd(sealed);
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = opening.open(Files.newInputStream(sealed));
        OutputStream out = Files.newOutputStream(plain, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
      for (;;) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException e) {
          throw new PackageFormatException("it does not decrypt: the envelope is damaged or "
              + "truncated (" + e.getMessage() + ")", e);
        }
        if (n < 0) {
          return;
        }
        out.write(buffer, 0, n);
      }
    }
  }

  /** Returns how {@code key} finds and opens its part of an envelope, by its profile. */
  private static Candidate candidate(SigningKey key) {
    Provider content = BouncyCastle.contentFor(key.profile());
    if (key.profile().isKeyTransport()) {
      JceKeyTransEnvelopedRecipient transport = new JceKeyTransEnvelopedRecipient(
          key.privateKey());
      transport.setProvider(BouncyCastle.PROVIDER).setContentProvider(content);
      if (key.profile() != SignatureProfile.SM2_SM3) {
        return new Candidate(new JceKeyTransRecipientId(key.certificate()), transport);
      }
      transport.setAlgorithmMapping(EnvelopeWriter.SM2_ENCRYPTION, EnvelopeWriter.SM2_CIPHER);
      // Bouncy Castle's cipher reads the raw form; the key may come in either (see Sm2Ciphertext).
      KeyTransRecipient either = (keyAlgorithm, contentAlgorithm, encryptedKey) -> {
        try {
          return transport.getRecipientOperator(keyAlgorithm, contentAlgorithm,
              Sm2Ciphertext.toRaw(encryptedKey));
        } catch (IllegalArgumentException e) {
          throw new CMSException(e.getMessage(), e);
        }
      };
      return new Candidate(new JceKeyTransRecipientId(key.certificate()), either);
    }
    return new Candidate(new JceKeyAgreeRecipientId(key.certificate()),
        new JceKeyAgreeEnvelopedRecipient(key.privateKey()).setProvider(BouncyCastle.PROVIDER)
            .setContentProvider(content));
  }

  /** A recipient this reader can be: its id in the envelope and the key that opens it. */
  record Candidate(RecipientId id, Recipient recipient) {}

  static InputStream open(InputStream sealed, List<Candidate> candidates, String who)
      throws IOException {
    try {
      InputStream in = new BufferedInputStream(sealed, EnvelopeLayout.HEAD_LIMIT);
      in.mark(EnvelopeLayout.HEAD_LIMIT);
      EnvelopeLayout.checkHead(in);
      try {
        in.reset();
      } catch (IOException e) {
        throw EnvelopeLayout.unreadable("its head is longer than " + EnvelopeLayout.HEAD_LIMIT
            + " bytes, which no writer here makes", e);
      }
      CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(in);
      for (Candidate c : candidates) {
        RecipientInformation mine = parser.getRecipientInfos().get(c.id());
        if (mine != null) {
          return EnvelopeLayout.checkingEnd(mine.getContentStream(c.recipient())
              .getContentStream(), parser);
        }
      }
      String meant = parser.getRecipientInfos().getRecipients().stream()
          .map(RecipientInformation::getRID).map(EnvelopeReader::describe)
          .flatMap(Optional::stream).collect(Collectors.joining(", "));
      parser.close();
      throw new PackageFormatException("encrypted for " + (meant.isEmpty() ? "another "
          + "recipient" : meant) + ", not for " + who);
    } catch (PackageFormatException e) {
      sealed.close();
      throw e;
    } catch (CMSException | RuntimeException e) {
      sealed.close();
      throw EnvelopeLayout.unreadable(e.getMessage(), e);
    }
  }

  /** Describes a certificate recipient by issuer and serial; empty for any other kind. */
  private static Optional<String> describe(RecipientId id) {
    X500Name name;
    BigInteger serial;
    if (id instanceof KeyAgreeRecipientId agree) {
      name = agree.getIssuer();
      serial = agree.getSerialNumber();
    } else if (id instanceof KeyTransRecipientId transport) {
      name = transport.getIssuer();
      serial = transport.getSerialNumber();
    } else {
      return Optional.empty();
    }
    String issuer;
    try {
      issuer = name == null ? "an unnamed issuer" : new X500Principal(name.getEncoded())
          .getName();
    } catch (IOException | IllegalArgumentException e) {
      issuer = String.valueOf(name);
    }
    return Optional.of("\"" + issuer + "\" (certificate serial "
        + (serial == null ? "unknown" : serial.toString(16)) + ")");
  }

}
