package org.govchain.p2p.tls;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.govchain.core.crypto.Digests;
import org.govchain.core.crypto.Hash;

/** A certificate with its private key, as {@link NetworkCertificates} issues them. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

  /** SHA-256 of the certificate's DER encoding: the pin a genesis records for a node. */
  public Hash sha256() {
    return certificateSha256(certificate);
  }

  public String certificatePem() {
    return Pem.certificate(certificate);
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}); store it with mode 0600. */
  public String privateKeyPem() {
    return Pem.privateKey(privateKey);
  }

  public static Hash certificateSha256(X509Certificate certificate) {
    try {
      return Hash.of(Digests.sha256(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
    }
  }
}
