package org.govchain.p2p.testing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govchain.core.chain.NodeId;
import org.govchain.core.crypto.Hash;
import org.govchain.p2p.tls.IssuedCertificate;
import org.govchain.p2p.tls.MembershipPins;
import org.govchain.p2p.tls.NetworkCertificates;
import org.govchain.p2p.tls.TlsMaterial;

/**
 * A network authority and {@code size} member certificates ({@code department-0}...), all valid for
 * a year from {@link #NOW}, with the pins a genesis would hold.
 */
public final class TestNetwork {
  /** The instant every test certificate is judged at (the transports get {@link #clock()}). */
  public static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");

  public final IssuedCertificate authority;
  public final List<IssuedCertificate> nodes;
  public final MembershipPins pins;
  private final SecureRandom random = new SecureRandom();

  public TestNetwork(int size) {
    authority =
        NetworkCertificates.createAuthority(
            "test-city", NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650), random);
    List<IssuedCertificate> issued = new ArrayList<>();
    Map<NodeId, Hash> pinMap = new HashMap<>();
    for (int i = 0; i < size; i++) {
      IssuedCertificate node =
          issue(authority, id(i), NOW.minus(Duration.ofDays(1)), Duration.ofDays(365));
      issued.add(node);
      pinMap.put(id(i), node.sha256());
    }
    nodes = List.copyOf(issued);
    pins = MembershipPins.of(pinMap);
  }

  public static NodeId id(int index) {
    return new NodeId("department-" + index);
  }

  public static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  public List<NodeId> ids() {
    List<NodeId> ids = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      ids.add(id(i));
    }
    return ids;
  }

  public TlsMaterial material(int index) {
    return TlsMaterial.of(nodes.get(index), authority);
  }

  public IssuedCertificate issue(
      IssuedCertificate issuer, NodeId node, Instant notBefore, Duration validity) {
    return NetworkCertificates.issueNodeCertificate(
        issuer, node, List.of("localhost", "127.0.0.1"), notBefore, validity, random);
  }

  public IssuedCertificate otherAuthority(String name) {
    return NetworkCertificates.createAuthority(
        name, NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650), random);
  }
}
