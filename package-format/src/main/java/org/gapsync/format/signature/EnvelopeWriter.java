package org.gapsync.format.signature;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipient;
import org.bouncycastle.cms.KeyTransRecipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKEKEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.AsymmetricKeyWrapper;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OperatorException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JceAsymmetricKeyWrapper;
import org.gapsync.format.container.Seal;

/**
 * Encrypts a package to one recipient's certificate as it is written: a streamed CMS
 * EnvelopedData (RFC 5652) in BER indefinite-length form. For an international certificate its
 * content is AES-256-CBC under a fresh key, that key agreed with the recipient's EC public key
 * (ephemeral-static ECDH, X9.63 KDF with SHA-256, AES-256 key wrap). For a national (SM2)
 * certificate the content is SM4-CBC, its key encrypted to the recipient's SM2 public key
 * (key transport with SM2 public-key encryption, GB/T 32918.4, as GM/T 0010 and GB/T 35275 lay
 * out the envelope, the encrypted key a DER {@code SM2Cipher}). For an international RSA
 * certificate the content is AES-256-CBC, its key encrypted to the recipient's RSA key with
 * RSAES-OAEP (SHA-256). Memory stays the same for a package of any size.
 *
 * <p>The envelope has one recipient, the destination, so every byte of it is one the destination
 * reads. The writer keeps the content key in memory while it lives, so that it can read back
 * and verify what it wrote ({@link #readBack}) without being able to open it ever after.
 * (Envelopes written before 1.2 also wrapped the content key for such a key of the writer's, a
 * second recipient the destination cannot check; they are read as before.)
 *
 * <pre>{@code
 * EnvelopeWriter envelope = EnvelopeWriter.to(destinationCertificate);
 * ContainerWriter out = ContainerWriter.create(ContainerFormat.TAR, medium, id, options,
 *     envelope);
 * }</pre>
 */
public final class EnvelopeWriter implements Seal {
  /** What a sealed package's file name ends with, after {@code .tar}. */
  public static final String EXTENSION = ".p7m";

  /** SM2 public-key encryption with SM3, the key transport of the national profile. */
  static final ASN1ObjectIdentifier SM2_ENCRYPTION = GMObjectIdentifiers.sm2encrypt_with_sm3;
  /** Bouncy Castle's cipher for {@link #SM2_ENCRYPTION}. */
  static final String SM2_CIPHER = "SM2withSM3";

  /** RSAES-OAEP with SHA-256 and MGF1 with SHA-256 (RFC 8017, RFC 4055), for an RSA key. */
  static final AlgorithmIdentifier RSA_OAEP = new AlgorithmIdentifier(
      PKCSObjectIdentifiers.id_RSAES_OAEP, new RSAESOAEPparams(
          new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
          new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, new AlgorithmIdentifier(
              NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)),
          RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));
  /** The smallest RSA key this writer encrypts to. */
  public static final int MIN_RSA_BITS = 3072;

  private final X509Certificate recipient;
  /** The content key of the envelope {@link #wrap} began, once it has. */
  private SecretKey contentKey;

  private EnvelopeWriter(X509Certificate recipient) {
    this.recipient = recipient;
  }

  /**
   * Returns a writer encrypting to the holder of {@code recipient}'s private key.
   *
   * @throws IllegalArgumentException if the certificate's key is neither an EC key nor an RSA
   *     key of {@value #MIN_RSA_BITS} bits or more
   */
  public static EnvelopeWriter to(X509Certificate recipient) {
    Objects.requireNonNull(recipient, "recipient");
    PublicKey key = recipient.getPublicKey();
    if (!(key instanceof ECPublicKey) && !(key instanceof RSAPublicKey)) {
      throw new IllegalArgumentException("cannot encrypt to a " + key.getAlgorithm()
          + " key: " + Certificates.describe(recipient));
    }
    if (key instanceof ECPublicKey) {
      org.bouncycastle.asn1.ASN1Encodable curve = org.bouncycastle.asn1.x509
          .SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
      if (!org.bouncycastle.asn1.x9.X9ObjectIdentifiers.prime256v1.equals(curve)
          && !org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm2p256v1.equals(curve)) {
        throw new IllegalArgumentException("cannot encrypt to an EC key on curve " + curve
            + ": the profiles use P-256 (prime256v1) or SM2 (sm2p256v1): "
            + Certificates.describe(recipient));
      }
    }
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      throw new IllegalArgumentException("cannot encrypt to a " + rsa.getModulus().bitLength()
          + "-bit RSA key, the international profile asks for " + MIN_RSA_BITS + " bits or "
          + "more: " + Certificates.describe(recipient));
    }
    return new EnvelopeWriter(recipient);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if this writer has sealed a package already: one writer,
   *     one content key, one package
   */
  @Override
  public synchronized OutputStream wrap(OutputStream medium) throws IOException {
    if (contentKey != null) {
      throw new IllegalStateException("this envelope writer has sealed a package already");
    }
    try {
      SignatureProfile profile = SignatureProfile.of(recipient.getPublicKey());
      boolean isNational = profile == SignatureProfile.SM2_SM3;
      CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
      generator.setBufferSize(1 << 16);
      if (profile.isKeyTransport()) {
        JceAsymmetricKeyWrapper wrapper = new JceAsymmetricKeyWrapper(isNational
            ? new AlgorithmIdentifier(SM2_ENCRYPTION) : RSA_OAEP, recipient.getPublicKey())
            .setProvider(BouncyCastle.PROVIDER);
        if (isNational) {
          wrapper.setAlgorithmMapping(SM2_ENCRYPTION, SM2_CIPHER);
        }
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient,
            isNational ? new Sm2CipherWrapper(wrapper) : wrapper));
      } else {
        KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        ephemeral.initialize(((ECPublicKey) recipient.getPublicKey()).getParams(),
            new SecureRandom());
        KeyPair pair = ephemeral.generateKeyPair();
        generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(
            CMSAlgorithm.ECDH_SHA256KDF, pair.getPrivate(), pair.getPublic(),
            CMSAlgorithm.AES256_WRAP).addRecipient(recipient)
            .setProvider(BouncyCastle.PROVIDER));
      }
      OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(isNational
          ? CMSAlgorithm.SM4_CBC : CMSAlgorithm.AES256_CBC)
          .setProvider(BouncyCastle.contentFor(profile)).build();
      OutputStream content = generator.open(medium, encryptor);
      Object key = encryptor.getKey().getRepresentation();
      contentKey = key instanceof SecretKey secret ? secret
          : new SecretKeySpec((byte[]) key, isNational ? "SM4" : "AES");
      return new FilterOutputStream(content) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          // Bouncy Castle's stream ends the envelope but leaves the medium's stream open.
          try (medium) {
            super.close();
          }
        }
      };
    } catch (GeneralSecurityException | CMSException e) {
      throw new IOException("cannot encrypt to " + Certificates.describe(recipient) + ": "
          + e.getMessage(), e);
    }
  }

  /** Writes the SM2-encrypted content key as the DER {@code SM2Cipher} of GM/T 0009. */
  private static final class Sm2CipherWrapper extends AsymmetricKeyWrapper {
    private final JceAsymmetricKeyWrapper raw;

    Sm2CipherWrapper(JceAsymmetricKeyWrapper raw) {
      super(raw.getAlgorithmIdentifier());
      this.raw = raw;
    }

    @Override
    public byte[] generateWrappedKey(GenericKey key) throws OperatorException {
      return Sm2Ciphertext.toDer(raw.generateWrappedKey(key));
    }
  }

  @Override
  public String extension() {
    return EXTENSION;
  }

  /** Returns the certificate this writer encrypts to. */
  public X509Certificate recipient() {
    return recipient;
  }

  /**
   * Opens the package this writer wrote with the content key it kept in memory, passing over
   * the recipient's part, which only the recipient's private key opens, and returns its
   * decrypted bytes as a stream.
   *
   * @throws IllegalStateException if this writer has sealed nothing yet
   */
  public InputStream readBack(InputStream sealed) throws IOException {
    SecretKey key;
    synchronized (this) {
      key = contentKey;
    }
    if (key == null) {
      throw new IllegalStateException("this envelope writer has sealed nothing to read back");
    }
    SignatureProfile profile = SignatureProfile.of(recipient.getPublicKey());
    JceKEKEnvelopedRecipient known = new JceKEKEnvelopedRecipient(key) {
      @Override
      protected Key extractSecretKey(AlgorithmIdentifier keyAlgorithm,
          AlgorithmIdentifier contentAlgorithm, byte[] encryptedKey) {
        return key;
      }
    };
    known.setProvider(BouncyCastle.PROVIDER).setContentProvider(BouncyCastle.contentFor(
        profile));
    if (profile.isKeyTransport()) {
      return EnvelopeReader.open(sealed, List.of(new EnvelopeReader.Candidate(
          new JceKeyTransRecipientId(recipient), (KeyTransRecipient)
              known::getRecipientOperator)), "this writer's content key");
    }
    KeyAgreeRecipient agreed = new KeyAgreeRecipient() {
      @Override
      public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyAlgorithm,
          AlgorithmIdentifier contentAlgorithm, SubjectPublicKeyInfo senderKey,
          ASN1OctetString userKeyingMaterial, byte[] encryptedKey) throws CMSException {
        return known.getRecipientOperator(keyAlgorithm, contentAlgorithm, encryptedKey);
      }

      @Override
      public AlgorithmIdentifier getPrivateKeyAlgorithmIdentifier() {
        return SubjectPublicKeyInfo.getInstance(recipient.getPublicKey().getEncoded())
            .getAlgorithm();
      }
    };
    return EnvelopeReader.open(sealed, List.of(new EnvelopeReader.Candidate(
        new JceKeyAgreeRecipientId(recipient), agreed)), "this writer's content key");
  }

  /**
   * Decrypts a package this writer wrote into the new file {@code plain}, with the key it kept
   * in memory.
   *
   * @throws PackageFormatException when it is damaged or truncated
   */
  public void readBack(Path sealed, Path plain) throws IOException {
    EnvelopeReader.decrypt(sealed, this::readBack, plain);
  }
}
