package org.govchain.p2p.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.govchain.core.chain.NodeId;
import org.govchain.core.crypto.Hash;
import org.govchain.p2p.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/** Every refusal reason of the certificate check, without sockets. */
class PeerCertificateVerifierTest {
  private final TestNetwork network = new TestNetwork(3);
  private final PeerCertificateVerifier verifier =
      new PeerCertificateVerifier(
          network.authority.certificate(), network.pins, TestNetwork.clock());

  private RefusalReason refusal(X509Certificate... chain) {
    return assertThrows(PeerRefusedException.class, () -> verifier.verify(chain)).reason();
  }

  @Test
  void aMembersPinnedCertificateIdentifiesIt() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(TestNetwork.id(i), verifier.verify(new X509Certificate[] {cert(i)}));
    }
  }

  private X509Certificate cert(int index) {
    return network.nodes.get(index).certificate();
  }

  @Test
  void noCertificate() {
    assertEquals(RefusalReason.NO_CERTIFICATE, refusal());
  }

  @Test
  void aSelfSignedCertificate() {
    IssuedCertificate self = network.otherAuthority("self");
    assertEquals(RefusalReason.SELF_SIGNED, refusal(self.certificate()));
  }

  @Test
  void aCertificateOfAnotherNetworkForAMembersName() {
    IssuedCertificate other = network.otherAuthority("other-city");
    IssuedCertificate forged =
        network.issue(other, TestNetwork.id(1), TestNetwork.NOW, Duration.ofDays(30));
    assertEquals(RefusalReason.UNKNOWN_AUTHORITY, refusal(forged.certificate()));
  }

  @Test
  void anAuthorityWithOurNameButAnotherKey() {
    IssuedCertificate impostor = network.otherAuthority("test-city");
    IssuedCertificate forged =
        network.issue(impostor, TestNetwork.id(1), TestNetwork.NOW, Duration.ofDays(30));
    PeerRefusedException refused =
        assertThrows(
            PeerRefusedException.class,
            () -> verifier.verify(new X509Certificate[] {forged.certificate()}));
    assertEquals(RefusalReason.UNKNOWN_AUTHORITY, refused.reason());
    assertTrue(refused.getMessage().contains("another key"), refused.getMessage());
  }

  @Test
  void expiredAndNotYetValid() {
    IssuedCertificate old =
        network.issue(
            network.authority,
            TestNetwork.id(1),
            TestNetwork.NOW.minus(Duration.ofDays(10)),
            Duration.ofDays(5));
    assertEquals(RefusalReason.EXPIRED, refusal(old.certificate()));
    IssuedCertificate early =
        network.issue(
            network.authority,
            TestNetwork.id(1),
            TestNetwork.NOW.plus(Duration.ofDays(1)),
            Duration.ofDays(5));
    assertEquals(RefusalReason.NOT_YET_VALID, refusal(early.certificate()));
  }

  @Test
  void theMembersOwnCertificateExpiresByTheClock() {
    Clock later = Clock.fixed(TestNetwork.NOW.plus(Duration.ofDays(400)), ZoneOffset.UTC);
    PeerCertificateVerifier future =
        new PeerCertificateVerifier(network.authority.certificate(), network.pins, later);
    PeerRefusedException refused =
        assertThrows(
            PeerRefusedException.class, () -> future.verify(new X509Certificate[] {cert(0)}));
    assertEquals(RefusalReason.EXPIRED, refused.reason());
  }

  @Test
  void aCertificateOfTheAuthorityForANonMember() {
    IssuedCertificate stranger =
        network.issue(
            network.authority, new NodeId("stranger"), TestNetwork.NOW, Duration.ofDays(30));
    assertEquals(RefusalReason.NOT_MEMBER, refusal(stranger.certificate()));
  }

  @Test
  void aSecondCertificateForAMemberIsNotThePinnedOne() {
    IssuedCertificate reissued =
        network.issue(network.authority, TestNetwork.id(2), TestNetwork.NOW, Duration.ofDays(30));
    assertEquals(RefusalReason.NOT_PINNED, refusal(reissued.certificate()));
  }

  @Test
  void aPinnedCertificateThatNamesAnotherNodeIsTheWrongNode() {
    // A membership that pins node 1 to a certificate naming node 0: a member's certificate
    // presented under another node id.
    Map<NodeId, Hash> pins = new HashMap<>();
    pins.put(TestNetwork.id(0), network.nodes.get(1).sha256());
    pins.put(TestNetwork.id(1), network.nodes.get(0).sha256());
    PeerCertificateVerifier crossed =
        new PeerCertificateVerifier(
            network.authority.certificate(), MembershipPins.of(pins), TestNetwork.clock());
    PeerRefusedException refused =
        assertThrows(
            PeerRefusedException.class, () -> crossed.verify(new X509Certificate[] {cert(0)}));
    assertEquals(RefusalReason.WRONG_NODE, refused.reason());
  }

  @Test
  void theAuthorityCertificateItselfIdentifiesNoNode() {
    assertEquals(RefusalReason.NOT_A_NODE_CERTIFICATE, refusal(network.authority.certificate()));
  }
}
