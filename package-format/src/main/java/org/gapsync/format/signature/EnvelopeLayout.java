package org.gapsync.format.signature;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfoParser;
import org.bouncycastle.asn1.cms.EncryptedContentInfoParser;
import org.bouncycastle.asn1.cms.EnvelopedDataParser;
import org.bouncycastle.asn1.cms.KEKRecipientInfo;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.OriginatorIdentifierOrKey;
import org.bouncycastle.asn1.cms.OriginatorPublicKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.gapsync.format.PackageFormatException;

/**
 * Checks the fields of an envelope that decrypting passes over: the versions (RFC 5652 §6.1,
 * §6.2), the key algorithms and their parameters, the inner content type, the absence of
 * originator information and unprotected attributes, the encoding of each recipient, and the
 * end-of-contents bytes that close it. Every other byte of an envelope is used to decrypt it, so
 * a byte flipped anywhere in one is noticed.
 */
final class EnvelopeLayout {
  /** The head of an envelope (up to its encrypted content) is read twice; it is this small. */
  static final int HEAD_LIMIT = 1 << 16;
  /** The originator key of a key agreement: an ephemeral P-256 key, as the writer makes. */
  private static final AlgorithmIdentifier EPHEMERAL_KEY = new AlgorithmIdentifier(
      X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.prime256v1);
  /** How the writer encrypts a content key to a key of its recipient: SM2, RSA-OAEP. */
  private static final java.util.Set<AlgorithmIdentifier> KEY_TRANSPORT = java.util.Set.of(
      new AlgorithmIdentifier(EnvelopeWriter.SM2_ENCRYPTION), EnvelopeWriter.RSA_OAEP);
  /** How the writer agrees a key with an EC recipient, and wraps the content key under it. */
  private static final AlgorithmIdentifier KEY_AGREEMENT = new AlgorithmIdentifier(
      CMSAlgorithm.ECDH_SHA256KDF, new AlgorithmIdentifier(CMSAlgorithm.AES256_WRAP));
  /**
   * How an envelope ends: the end-of-contents of its five indefinite-length levels (content
   * info, its content, the enveloped data, the encrypted content info, the encrypted content).
   */
  private static final int END_BYTES = 10;

  private EnvelopeLayout() {}

  /**
   * Reads the head of the envelope from {@code in} and checks it; the caller marks the stream
   * before and resets it after.
   *
   * @throws PackageFormatException at the first field that is not what the writer writes
   */
  static void checkHead(InputStream in) throws IOException {
    try {
      ContentInfoParser info = new ContentInfoParser((ASN1SequenceParser)
          new ASN1StreamParser(in).readObject());
      if (!CMSObjectIdentifiers.envelopedData.equals(info.getContentType())) {
        throw unreadable("its content type is not enveloped data");
      }
      EnvelopedDataParser data = new EnvelopedDataParser((ASN1SequenceParser)
          info.getContent(BERTags.SEQUENCE));
      int version = data.getVersion().intValueExact();
      if (data.getOriginatorInfo() != null) {
        throw unreadable("it carries originator information, which no writer here puts there");
      }
      boolean isAllVersionZero = true;
      ASN1Set recipients = ASN1Set.getInstance(data.getRecipientInfos().getLoadedObject());
      for (ASN1Encodable r : recipients) {
        isAllVersionZero &= checkRecipient(RecipientInfo.getInstance(r));
      }
      if (version != (isAllVersionZero ? 0 : 2)) {
        throw unreadable("its version is " + version + ", not " + (isAllVersionZero ? 0 : 2));
      }
      EncryptedContentInfoParser content = data.getEncryptedContentInfo();
      if (!CMSObjectIdentifiers.data.equals(content.getContentType())) {
        throw unreadable("its encrypted content is not of the type data");
      }
    } catch (PackageFormatException e) {
      throw e;
    } catch (IOException | ClassCastException | IllegalArgumentException
        | IllegalStateException | ArithmeticException e) {
      throw unreadable("its head is not a CMS envelope (" + e.getMessage() + ")");
    }
  }

  /** Checks one recipient's version and originator; returns whether its version is 0. */
  private static boolean checkRecipient(RecipientInfo recipient) throws PackageFormatException {
    ASN1Encodable info = recipient.getInfo();
    if (info instanceof KeyTransRecipientInfo transport) {
      // Version 0 names the certificate by issuer and serial number, as the writer does.
      if (transport.getVersion().intValueExact() != 0 || transport.getRecipientIdentifier()
          .isTagged() || !KEY_TRANSPORT.contains(transport.getKeyEncryptionAlgorithm())
          || !isCanonical(recipient, new RecipientInfo(new KeyTransRecipientInfo(
              transport.getRecipientIdentifier(), transport.getKeyEncryptionAlgorithm(),
              transport.getEncryptedKey())))) {
        throw unreadable("its key transport recipient is not of version 0 by issuer and serial");
      }
      return true;
    }
    if (info instanceof KeyAgreeRecipientInfo agreement) {
      OriginatorPublicKey originator = agreement.getOriginator().getOriginatorKey();
      if (agreement.getVersion().intValueExact() != 3 || originator == null
          || !EPHEMERAL_KEY.equals(originator.getAlgorithm())
          || !KEY_AGREEMENT.equals(agreement.getKeyEncryptionAlgorithm())
          || !isCanonical(recipient, new RecipientInfo(new KeyAgreeRecipientInfo(
              new OriginatorIdentifierOrKey(new OriginatorPublicKey(EPHEMERAL_KEY,
                  originator.getPublicKey().getOctets())), agreement.getUserKeyingMaterial(),
              agreement.getKeyEncryptionAlgorithm(), agreement.getRecipientEncryptedKeys())))) {
        throw unreadable("its key agreement recipient is not of version 3 with an ephemeral "
            + "P-256 key, encoded as the writer encodes it");
      }
      return false;
    }
    if (info instanceof KEKRecipientInfo kek && kek.getVersion().intValueExact() == 4) {
      // The read-back recipient of envelopes written before 1.2.
      return false;
    }
    throw unreadable("it has a recipient of a kind no writer here makes");
  }

  /**
   * Checks that the envelope file {@code sealed} ends as the writer ends one: the closing
   * end-of-contents bytes that a reader, once it has the content, need not read.
   *
   * @throws PackageFormatException if it does not
   */
  static void checkEnd(Path sealed) throws IOException {
    try (FileChannel channel = FileChannel.open(sealed, StandardOpenOption.READ)) {
      ByteBuffer end = ByteBuffer.allocate(END_BYTES);
      long at = channel.size() - END_BYTES;
      while (at >= 0 && end.hasRemaining() && channel.read(end, at + end.position()) >= 0) {
        // reads the last bytes
      }
      for (int i = 0; i < END_BYTES; i++) {
        if (at < 0 || end.get(i) != 0) {
          throw new PackageFormatException("it does not decrypt: the envelope is damaged or "
              + "truncated (it does not end with the end-of-contents bytes that close it)");
        }
      }
    }
  }

  /**
   * Returns {@code content}, the decrypted stream of {@code parser}'s envelope read from
   * {@code in}, checking at its end that no unprotected attributes follow.
   */
  static InputStream checkingEnd(InputStream content, CMSEnvelopedDataParser parser) {
    return new FilterInputStream(content) {
      private boolean isChecked;

      @Override
      public int read() throws IOException {
        int b = super.read();
        return b < 0 ? end(b) : b;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        return n < 0 ? end(n) : n;
      }

      private int end(int eof) throws IOException {
        if (!isChecked) {
          isChecked = true;
          if (parser.getUnprotectedAttributes() != null) {
            throw unreadable("it carries unprotected attributes, which no writer here puts there");
          }
        }
        return eof;
      }
    };
  }

  /**
   * Returns whether {@code read} is encoded as {@code rebuilt}, the same values put together
   * anew: a tag, a version or a padding no field of the values shows reads differently.
   */
  private static boolean isCanonical(RecipientInfo read, RecipientInfo rebuilt)
      throws PackageFormatException {
    try {
      return Arrays.equals(read.getEncoded(ASN1Encoding.DER), rebuilt.getEncoded(
          ASN1Encoding.DER));
    } catch (IOException e) {
      throw unreadable("its recipient cannot be encoded again (" + e.getMessage() + ")");
    }
  }

  /** Returns the refusal of an envelope that cannot be read, saying {@code what} is wrong. */
  static PackageFormatException unreadable(String what) {
    return unreadable(what, null);
  }

  /** Returns the refusal of an envelope that {@code cause} could not read. */
  static PackageFormatException unreadable(String what, Throwable cause) {
    return new PackageFormatException("not a readable CMS envelope (damaged, truncated or not "
        + "encrypted by gapsync): " + what, cause);
  }
}
