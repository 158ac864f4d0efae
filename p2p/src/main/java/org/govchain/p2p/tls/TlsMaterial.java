package org.govchain.p2p.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.NodeId;

/**
 * What a node needs to speak TLS on the network: its private key, its certificate, and the network
 * authority's certificate (the only trust anchor).
 */
public record TlsMaterial(
    PrivateKey privateKey, X509Certificate certificate, X509Certificate authority) {

  /** Reads the three PEM texts, checking that the key belongs to the certificate. */
  public static TlsMaterial fromPem(
      String privateKeyPem, String certificatePem, String authorityPem)
      throws MalformedInputException {
    PrivateKey key = Pem.readPrivateKey(privateKeyPem);
    X509Certificate certificate = Pem.readCertificate(certificatePem);
    X509Certificate authority = Pem.readCertificate(authorityPem);
    checkKeyMatches(key, certificate);
    try {
      certificate.verify(authority.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new MalformedInputException("the certificate was not issued by the given authority");
    }
    NodeIdentity.of(certificate);
    return new TlsMaterial(key, certificate, authority);
  }

  public static TlsMaterial of(IssuedCertificate node, IssuedCertificate authority) {
    return new TlsMaterial(node.privateKey(), node.certificate(), authority.certificate());
  }

  /** The node id this material's certificate names. */
  public NodeId nodeId() {
    try {
      return NodeIdentity.of(certificate);
    } catch (MalformedInputException e) {
      throw new IllegalStateException("node TLS material without a node id: " + e.getMessage(), e);
    }
  }

  private static void checkKeyMatches(PrivateKey key, X509Certificate certificate)
      throws MalformedInputException {
    byte[] probe = "govchain/v1/tls-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try {
      java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new MalformedInputException("the private key does not belong to the certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new MalformedInputException(
          "the private key does not fit the certificate: " + e.getMessage());
    }
  }
}
