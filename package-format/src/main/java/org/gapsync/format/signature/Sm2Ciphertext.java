package org.gapsync.format.signature;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.util.BigIntegers;

/**
 * An SM2 ciphertext (GB/T 32918.4) in its two encodings: the raw concatenation
 * C1&#8214;C2&#8214;C3 that Bouncy Castle's cipher reads and writes (C1 the uncompressed point
 * {@code 04}&#8214;x&#8214;y, C2 the encrypted bytes, C3 the SM3 hash), and the ASN.1
 * {@code SM2Cipher} of GM/T 0009, {@code SEQUENCE {x INTEGER, y INTEGER, hash OCTET STRING,
 * ciphertext OCTET STRING}} in DER, which GM/T 0010 envelopes carry and OpenSSL and GmSSL read.
 * Envelopes of format 1.0 carried the raw form; a reader tells them apart by the first byte:
 * {@code 04} (a point) or {@code 30} (a SEQUENCE).
 */
final class Sm2Ciphertext {
  /** Bytes of a coordinate of sm2p256v1. */
  private static final int COORDINATE = 32;
  /** Bytes of C1: the marker and two coordinates. */
  private static final int POINT = 1 + 2 * COORDINATE;
  /** Bytes of C3, an SM3 hash. */
  private static final int HASH = 32;

  private Sm2Ciphertext() {}

  /** Returns the DER {@code SM2Cipher} of the raw ciphertext C1&#8214;C2&#8214;C3. */
  static byte[] toDer(byte[] raw) {
    if (raw.length < POINT + HASH || raw[0] != 0x04) {
      throw new IllegalArgumentException("not a raw SM2 ciphertext with an uncompressed point: "
          + raw.length + " bytes");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(raw, 1, 1 + COORDINATE));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(raw, 1 + COORDINATE, POINT));
    byte[] c2 = Arrays.copyOfRange(raw, POINT, raw.length - HASH);
    byte[] c3 = Arrays.copyOfRange(raw, raw.length - HASH, raw.length);
    try {
      return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(x),
          new ASN1Integer(y), new DEROctetString(c3), new DEROctetString(c2)})
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new AssertionError("DER encoding in memory cannot fail", e);
    }
  }

  /**
   * Returns the raw ciphertext of {@code encoded}, which is either form: a DER {@code SM2Cipher}
   * (format 1.1 and later) or already raw (format 1.0).
   *
   * @throws IllegalArgumentException if it is neither
   */
  static byte[] toRaw(byte[] encoded) {
    if (encoded.length > 0 && encoded[0] == 0x04) {
      return encoded;
    }
    ASN1Sequence s;
    try {
      s = ASN1Sequence.getInstance(encoded);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the SM2-encrypted key is neither an SM2Cipher nor a "
          + "raw ciphertext", e);
    }
    if (s.size() != 4) {
      throw new IllegalArgumentException("an SM2Cipher has 4 parts, not " + s.size());
    }
    byte[] x = BigIntegers.asUnsignedByteArray(COORDINATE,
        ASN1Integer.getInstance(s.getObjectAt(0)).getPositiveValue());
    byte[] y = BigIntegers.asUnsignedByteArray(COORDINATE,
        ASN1Integer.getInstance(s.getObjectAt(1)).getPositiveValue());
    byte[] c3 = ASN1OctetString.getInstance(s.getObjectAt(2)).getOctets();
    byte[] c2 = ASN1OctetString.getInstance(s.getObjectAt(3)).getOctets();
    byte[] raw = new byte[POINT + c2.length + c3.length];
    raw[0] = 0x04;
    System.arraycopy(x, 0, raw, 1, COORDINATE);
    System.arraycopy(y, 0, raw, 1 + COORDINATE, COORDINATE);
    System.arraycopy(c2, 0, raw, POINT, c2.length);
    System.arraycopy(c3, 0, raw, POINT + c2.length, c3.length);
    return raw;
  }
}
