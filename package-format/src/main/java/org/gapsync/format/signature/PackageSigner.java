package org.gapsync.format.signature;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Makes detached CMS signatures (RFC 5652 SignedData without the content) with the signer's
 * certificate inside and the signing time, taken from the given clock, as a signed attribute.
 * A signer whose key was rotated also hands out the key's {@link KeySuccession}, which every
 * bag it signs carries.
 */
public final class PackageSigner {
  private final SigningKey key;
  private final Clock clock;

  /**
   * Creates a signer with {@code key}, stamping signatures with {@code clock}'s time; its bags
   * carry the key's succession.
   */
  public PackageSigner(SigningKey key, Clock clock) {
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Returns the DER bytes of a detached signature over {@code content}. */
  public byte[] sign(byte[] content) {
    return sign(content, false);
  }

  /** Returns the DER bytes of a signature that holds {@code content} inside it. */
  public byte[] signEnclosing(byte[] content) {
    return sign(content, true);
  }

  private byte[] sign(byte[] content, boolean enclose) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(key.profile().jcaName())
          .setProvider(BouncyCastle.PROVIDER).build(key.privateKey());
      AttributeTable signed = new AttributeTable(new Attribute(CMSAttributes.signingTime,
          new DERSet(new Time(Date.from(clock.instant())))));
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
          new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
          .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signed))
          .build(signer, key.certificate()));
      generator.addCertificates(new JcaCertStore(List.of(key.certificate())));
      return generator.generate(new CMSProcessableByteArray(content), enclose)
          .getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
    } catch (OperatorCreationException | CMSException | CertificateEncodingException
        | IOException e) {
      throw new IllegalStateException("cannot sign with " + key.profile(), e);
    }
  }

  /** Returns the certificate that verifies this signer's signatures. */
  public java.security.cert.X509Certificate certificate() {
    return key.certificate();
  }

  /** Returns the announcements of this signer's earlier keys, empty if it never rotated. */
  public KeySuccession succession() {
    return key.succession();
  }

  /** Returns the profile of this signer's signatures. */
  public SignatureProfile profile() {
    return key.profile();
  }
}
