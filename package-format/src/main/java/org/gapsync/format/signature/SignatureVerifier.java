package org.gapsync.format.signature;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.gapsync.format.validation.Finding;
import org.gapsync.format.validation.FindingCode;

/**
 * Verifies a detached CMS signature: that it parses, that exactly one signer signed, that the
 * signature matches the content under the certificate inside, that the certificate was valid
 * at the signing time, and that the trust store holds that very certificate.
 */
public final class SignatureVerifier {
  private final TrustStore trust;

  /** Creates a verifier that trusts the certificates in {@code trust}. */
  public SignatureVerifier(TrustStore trust) {
    this.trust = Objects.requireNonNull(trust, "trust");
  }

  /** Checks {@code signature}, found at {@code path}, over {@code content}. */
  public SignatureCheck verify(String path, byte[] content, byte[] signature) {
    return verify(path, content, signature, KeySuccession.NONE);
  }

  /**
   * Checks {@code signature}, found at {@code path}, over {@code content}, trusting also the
   * certificates that {@code succession} announces by keys this verifier trusts.
   */
  public SignatureCheck verify(String path, byte[] content, byte[] signature,
      KeySuccession succession) {
    TrustStore widened = succession.extend(trust);
    List<Finding> findings = new ArrayList<>();
    try {
      CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(content), signature);
      Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        return invalid(path, "holds " + signers.size() + " signers, expected exactly one");
      }
      SignerInformation signer = signers.iterator().next();
      Optional<String> misshapen = misshapen(data, signer);
      if (misshapen.isPresent()) {
        return invalid(path, misshapen.get() + " (a damaged byte, or not a gapsync signature)");
      }
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> matches = data.getCertificates()
          .getMatches(signer.getSID());
      if (matches.isEmpty()) {
        return invalid(path, "does not contain the signer's certificate");
      }
      X509CertificateHolder holder = matches.iterator().next();
      X509Certificate certificate = new JcaX509CertificateConverter()
          .setProvider(BouncyCastle.PROVIDER).getCertificate(holder);
      Optional<Instant> signedAt = signingTime(signer);
      if (signedAt.isEmpty()) {
        findings.add(new Finding(FindingCode.SIGNATURE_INVALID, path,
            "signature carries no signing time"));
      } else if (!holder.isValidOn(Date.from(signedAt.get()))) {
        // Bouncy Castle refuses to check a signature made outside the validity period.
        findings.add(new Finding(FindingCode.SIGNER_CERTIFICATE_EXPIRED, path,
            "signed at " + signedAt.get() + " by " + Certificates.describe(certificate)
                + ", valid only from " + certificate.getNotBefore().toInstant() + " to "
                + certificate.getNotAfter().toInstant()));
      } else if (!verifies(signer, holder)) {
        findings.add(new Finding(FindingCode.SIGNATURE_INVALID, path,
            "signature does not match the signed content (altered after signing)"));
      }
      Optional<String> trustedAs = widened.idOf(certificate);
      Optional<String> revokedFor = trust.revokedFor(certificate);
      if (revokedFor.isPresent()) {
        findings.add(new Finding(FindingCode.SIGNER_REVOKED, path, "signed by "
            + Certificates.describe(certificate) + ", which was revoked as the certificate of "
            + revokedFor.get() + "; ask " + revokedFor.get()
            + " for one signed by its current key"));
      } else if (trustedAs.isEmpty()) {
        findings.add(new Finding(FindingCode.SIGNER_UNTRUSTED, path, "signed by "
            + Certificates.describe(certificate) + ", which is not a trusted certificate; "
            + "add the sender's certificate with 'trust add' if it is genuine"));
      }
      return new SignatureCheck(Optional.of(certificate), trustedAs, signedAt, findings,
          succession.introducing(trust, certificate));
    } catch (CMSException | CertificateException | OperatorCreationException
        | RuntimeException e) {
      // Bouncy Castle reports malformed ASN.1 with unchecked exceptions too.
      return invalid(path, "not a valid CMS signature: " + e.getMessage());
    }
  }

  /**
   * Returns what in the signature lies outside what its signature covers and is not as gapsync
   * writes it, if anything: Bouncy Castle verifies the signer's signed attributes and the
   * content, but reads past the outer content type, the versions, the digest algorithm set, the
   * certificates beyond the signer's and any unsigned attributes. A flipped byte there must not
   * go unnoticed.
   */
  private static Optional<String> misshapen(CMSSignedData data, SignerInformation signer) {
    ContentInfo info = data.toASN1Structure();
    SignedData signed = SignedData.getInstance(info.getContent());
    if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
      return Optional.of("its content type is " + info.getContentType() + ", not signed data");
    }
    int version = signed.getVersion().intValueExact();
    if (version != 1 && version != 3) {
      return Optional.of("signed data of version " + version + ", expected 1 or 3");
    }
    if (!CMSObjectIdentifiers.data.equals(signed.getEncapContentInfo().getContentType())
        || signed.getEncapContentInfo().getContent() != null) {
      return Optional.of("it does not sign detached data");
    }
    if (signed.getDigestAlgorithms().size() != 1 || !AlgorithmIdentifier.getInstance(signed
        .getDigestAlgorithms().getObjectAt(0)).equals(signer.getDigestAlgorithmID())) {
      return Optional.of("its digest algorithms are not just the signer's");
    }
    if (data.getCertificates().getMatches(null).size() != 1 || signed.getCRLs() != null) {
      return Optional.of("it holds other certificates or revocation lists than the signer's");
    }
    if (signer.getVersion() != version || signer.getUnsignedAttributes() != null) {
      return Optional.of("its signer information is of version " + signer.getVersion()
          + " or carries unsigned attributes");
    }
    return Optional.empty();
  }

  private boolean verifies(SignerInformation signer, X509CertificateHolder holder)
      throws OperatorCreationException, CertificateException {
    try {
      return signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
          .setProvider(BouncyCastle.PROVIDER).build(holder));
    } catch (CMSException e) {
      // A content digest that differs from the signed one is reported by exception.
      return false;
    }
  }

  private static SignatureCheck invalid(String path, String message) {
    return new SignatureCheck(Optional.empty(), Optional.empty(), Optional.empty(),
        List.of(new Finding(FindingCode.SIGNATURE_INVALID, path, message)));
  }

  private static Optional<Instant> signingTime(SignerInformation signer) {
    if (signer.getSignedAttributes() == null) {
      return Optional.empty();
    }
    Attribute attribute = signer.getSignedAttributes().get(CMSAttributes.signingTime);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate()
        .toInstant());
  }
}
