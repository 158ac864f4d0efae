package org.govchain.p2p.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.NodeId;
import org.govchain.core.crypto.Hash;

/**
 * Decides whether a peer's certificate chain identifies a member node, and which one. The checks
 * run in a fixed order so the reason names the first thing wrong: a certificate must be issued by
 * the network authority (the only trust anchor; intermediates are not accepted), be within its
 * validity period (by the injected clock), be a node certificate naming a member, and be exactly
 * the certificate the membership pins for that member.
 */
public final class PeerCertificateVerifier {
  private final X509Certificate authority;
  private final MembershipPins pins;
  private final Clock clock;

  public PeerCertificateVerifier(X509Certificate authority, MembershipPins pins, Clock clock) {
    this.authority = authority;
    this.pins = pins;
    this.clock = clock;
  }

  /** The member node the chain's leaf certificate identifies. */
  public NodeId verify(X509Certificate[] chain) throws PeerRefusedException {
    if (chain == null || chain.length == 0) {
      throw new PeerRefusedException(RefusalReason.NO_CERTIFICATE, "no certificate presented");
    }
    X509Certificate leaf = chain[0];
    checkIssuer(leaf);
    checkValidity(leaf, "certificate of " + leaf.getSubjectX500Principal().getName());
    checkValidity(authority, "network authority certificate");
    if (leaf.getBasicConstraints() != -1) {
      throw new PeerRefusedException(
          RefusalReason.NOT_A_NODE_CERTIFICATE, "a CA certificate cannot identify a node");
    }
    NodeId node;
    try {
      node = NodeIdentity.of(leaf);
    } catch (MalformedInputException e) {
      throw new PeerRefusedException(RefusalReason.NOT_A_NODE_CERTIFICATE, e.getMessage());
    }
    Optional<Hash> pin = pins.pin(node);
    if (pin.isEmpty()) {
      throw new PeerRefusedException(RefusalReason.NOT_MEMBER, node + " is not a member");
    }
    Hash presented = IssuedCertificate.certificateSha256(leaf);
    if (!presented.equals(pin.get())) {
      Optional<NodeId> owner = pins.ownerOf(presented);
      if (owner.isPresent()) {
        throw new PeerRefusedException(
            RefusalReason.WRONG_NODE,
            "the certificate pinned for " + owner.get() + " claims to be " + node);
      }
      throw new PeerRefusedException(
          RefusalReason.NOT_PINNED,
          "certificate "
              + presented.shortHex()
              + " for "
              + node
              + " is not the pinned "
              + pin.get().shortHex());
    }
    return node;
  }

  private void checkIssuer(X509Certificate leaf) throws PeerRefusedException {
    boolean namedIssuer = leaf.getIssuerX500Principal().equals(authority.getSubjectX500Principal());
    if (namedIssuer && signedBy(leaf, authority)) {
      return;
    }
    if (leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())
        && signedBy(leaf, leaf)) {
      throw new PeerRefusedException(
          RefusalReason.SELF_SIGNED, leaf.getSubjectX500Principal().getName() + " signs itself");
    }
    throw new PeerRefusedException(
        RefusalReason.UNKNOWN_AUTHORITY,
        "issued by "
            + leaf.getIssuerX500Principal().getName()
            + (namedIssuer ? " (same name, another key)" : "")
            + ", not by this network's authority");
  }

  private void checkValidity(X509Certificate certificate, String what) throws PeerRefusedException {
    Date now = Date.from(clock.instant());
    try {
      certificate.checkValidity(now);
    } catch (CertificateExpiredException e) {
      throw new PeerRefusedException(
          RefusalReason.EXPIRED, what + " expired at " + certificate.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new PeerRefusedException(
          RefusalReason.NOT_YET_VALID,
          what + " is valid from " + certificate.getNotBefore().toInstant());
    }
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
    try {
      certificate.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
