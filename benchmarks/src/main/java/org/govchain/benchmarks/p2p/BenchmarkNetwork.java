package org.govchain.benchmarks.p2p;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.tls.IssuedCertificate;
import org.govchain.p2p.tls.MembershipPins;
import org.govchain.p2p.tls.NetworkCertificates;
import org.govchain.p2p.tls.TlsMaterial;

/** A two-node network (authority, two node certificates, pins) made fresh for a benchmark run. */
final class BenchmarkNetwork {
  static final NodeId SENDER = new NodeId("sender");
  static final NodeId ECHO = new NodeId("echo");

  final IssuedCertificate authority;
  final IssuedCertificate sender;
  final IssuedCertificate echo;
  final MembershipPins pins;

  BenchmarkNetwork() {
    SecureRandom random = new SecureRandom();
    Instant now = Instant.now().minus(Duration.ofMinutes(5));
    authority = NetworkCertificates.createAuthority("benchmark", now, Duration.ofDays(1), random);
    sender =
        NetworkCertificates.issueNodeCertificate(
            authority, SENDER, List.of("localhost"), now, Duration.ofDays(1), random);
    echo =
        NetworkCertificates.issueNodeCertificate(
            authority, ECHO, List.of("localhost"), now, Duration.ofDays(1), random);
    pins = MembershipPins.of(Map.of(SENDER, sender.sha256(), ECHO, echo.sha256()));
  }

  TlsMaterial senderMaterial() {
    return TlsMaterial.of(sender, authority);
  }

  TlsMaterial echoMaterial() {
    return TlsMaterial.of(echo, authority);
  }
}
