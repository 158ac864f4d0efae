package org.govchain.p2p.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.govchain.core.Invariants;
import org.govchain.core.chain.NodeId;

/**
 * Creates a network's certificate authority and its nodes' TLS certificates: ECDSA P-256 keys,
 * SHA256withECDSA signatures, X.509 v3. {@code govchain network init} calls these once per network;
 * the SHA-256 of each node certificate goes into the genesis as that validator's pin.
 *
 * <p>The node certificate names its node in a {@code urn:govchain:node:<id>} URI (see {@link
 * NodeIdentity}), is good for both TLS server and client authentication (a node dials and accepts),
 * and may carry DNS names and IP addresses so the node's gRPC server can present it to clients that
 * check host names.
 */
public final class NetworkCertificates {
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final String CURVE = "secp256r1";

  private NetworkCertificates() {}

  /** Creates a self-signed authority for the network called {@code networkName}. */
  public static IssuedCertificate createAuthority(
      String networkName, Instant notBefore, Duration validity, SecureRandom random) {
    Invariants.argument(!networkName.isBlank(), "a network needs a name");
    KeyPair keys = generateKeyPair(random);
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "govchain")
            .addRDN(BCStyle.OU, networkName)
            .addRDN(BCStyle.CN, "govchain network authority " + networkName)
            .build();
    try {
      JcaX509v3CertificateBuilder builder =
          builder(subject, subject, keys.getPublic(), notBefore, validity, random);
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(keys.getPublic()));
      return new IssuedCertificate(sign(builder, keys.getPrivate(), random), keys.getPrivate());
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("creating the network authority failed", e);
    }
  }

  /**
   * Issues the TLS certificate of {@code node}, signed by {@code authority}. {@code hostNames} are
   * added as DNS names, or as IP addresses when they are IPv4/IPv6 literals.
   */
  public static IssuedCertificate issueNodeCertificate(
      IssuedCertificate authority,
      NodeId node,
      List<String> hostNames,
      Instant notBefore,
      Duration validity,
      SecureRandom random) {
    KeyPair keys = generateKeyPair(random);
    X509Certificate issuer = authority.certificate();
    X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "govchain")
            .addRDN(BCStyle.CN, node.value())
            .build();
    try {
      JcaX509v3CertificateBuilder builder =
          builder(issuerName, subject, keys.getPublic(), notBefore, validity, random);
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(
          Extension.subjectAlternativeName, false, alternativeNames(node, hostNames));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(keys.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(issuer.getPublicKey()));
      return new IssuedCertificate(
          sign(builder, authority.privateKey(), random), keys.getPrivate());
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("issuing the certificate of " + node + " failed", e);
    }
  }

  private static GeneralNames alternativeNames(NodeId node, List<String> hostNames) {
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.uniformResourceIdentifier, NodeIdentity.uriOf(node)));
    for (String host : hostNames) {
      boolean literal = host.matches("[0-9.]+") || host.contains(":");
      names.add(new GeneralName(literal ? GeneralName.iPAddress : GeneralName.dNSName, host));
    }
    return new GeneralNames(names.toArray(new GeneralName[0]));
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer,
      X500Name subject,
      PublicKey key,
      Instant notBefore,
      Duration validity,
      SecureRandom random) {
    Invariants.argument(!validity.isNegative() && !validity.isZero(), "validity must be positive");
    // 127-bit positive serial numbers: unique without a counter, within RFC 5280's 20 octets.
    BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
    return new JcaX509v3CertificateBuilder(
        issuer, serial, Date.from(notBefore), Date.from(notBefore.plus(validity)), subject, key);
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder, java.security.PrivateKey signingKey, SecureRandom random)
      throws GeneralSecurityException {
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
              .setSecureRandom(random)
              .build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("no signer for " + SIGNATURE_ALGORITHM, e);
    }
  }

  static KeyPair generateKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
    }
  }
}
