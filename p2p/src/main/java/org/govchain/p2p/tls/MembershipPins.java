package org.govchain.p2p.tls;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.NodeId;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.crypto.Hash;

/**
 * Which TLS certificate each member node must present: node id → SHA-256 of the certificate's DER
 * encoding, as the genesis of every chain the node hosts fixes it ({@code
 * Validator.tls_certificate_sha256}). A peer is admitted only if it presents exactly the pinned
 * certificate of the node id it names.
 */
public final class MembershipPins {
  private final Map<NodeId, Hash> pinByNode;
  private final Map<Hash, NodeId> nodeByPin;

  private MembershipPins(Map<NodeId, Hash> pinByNode) {
    this.pinByNode = Map.copyOf(pinByNode);
    Map<Hash, NodeId> inverse = new HashMap<>();
    pinByNode.forEach((node, pin) -> inverse.put(pin, node));
    this.nodeByPin = Map.copyOf(inverse);
  }

  /**
   * Pins given by this program; a program error if two nodes share a pin (a certificate names one
   * node).
   */
  public static MembershipPins of(Map<NodeId, Hash> pins) {
    Map<Hash, NodeId> seen = new HashMap<>();
    pins.forEach(
        (node, pin) -> {
          NodeId other = seen.putIfAbsent(pin, node);
          if (other != null) {
            throw new IllegalArgumentException(
                "nodes " + other + " and " + node + " are pinned to one certificate");
          }
        });
    return new MembershipPins(pins);
  }

  /**
   * The union of the members of several chains' validator sets. A node that appears in two chains
   * must be pinned to the same certificate in both; otherwise the genesis files disagree and the
   * input is refused.
   */
  public static MembershipPins fromValidatorSets(Iterable<ValidatorSet> sets)
      throws MalformedInputException {
    Map<NodeId, Hash> pins = new HashMap<>();
    Map<Hash, NodeId> owners = new HashMap<>();
    for (ValidatorSet set : sets) {
      for (ValidatorSet.Member member : set.members()) {
        Hash pin = member.tlsCertificateSha256();
        Hash previous = pins.putIfAbsent(member.nodeId(), pin);
        if (previous != null && !previous.equals(pin)) {
          throw new MalformedInputException(
              "node " + member.nodeId() + " is pinned to two different TLS certificates");
        }
        NodeId owner = owners.putIfAbsent(pin, member.nodeId());
        if (owner != null && !owner.equals(member.nodeId())) {
          throw new MalformedInputException(
              "nodes " + owner + " and " + member.nodeId() + " are pinned to one TLS certificate");
        }
      }
    }
    return new MembershipPins(pins);
  }

  public Optional<Hash> pin(NodeId node) {
    return Optional.ofNullable(pinByNode.get(node));
  }

  /** The member pinned to the certificate with this SHA-256, if any. */
  public Optional<NodeId> ownerOf(Hash certificateSha256) {
    return Optional.ofNullable(nodeByPin.get(certificateSha256));
  }

  /** Every pinned node id. */
  public Set<NodeId> nodes() {
    return pinByNode.keySet();
  }

  public boolean contains(NodeId node) {
    return pinByNode.containsKey(node);
  }

  public int size() {
    return pinByNode.size();
  }
}
