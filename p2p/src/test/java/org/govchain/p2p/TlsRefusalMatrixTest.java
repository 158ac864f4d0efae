package org.govchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.TransportFixture.Node;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Ping;
import org.govchain.p2p.testing.Await;
import org.govchain.p2p.testing.RawPeer;
import org.govchain.p2p.testing.TestNetwork;
import org.govchain.p2p.tls.IssuedCertificate;
import org.govchain.p2p.tls.RefusalReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real TLS over loopback sockets: every way of not being a member is refused during the handshake,
 * counted under its reason, and never reaches the message handler; members connect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsRefusalMatrixTest {
  private TransportFixture fixture;
  private Node server;

  @BeforeAll
  void startServer() throws Exception {
    fixture = new TransportFixture(3);
    server = fixture.start(0);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.close();
  }

  /** Connects a hostile client and waits until the server refused it for {@code expected}. */
  private void assertRefused(SslContext client, RefusalReason expected, NodeId helloClaim) {
    long before = server.metrics.refusals(expected);
    long connectsBefore = server.metrics.connects.get();
    try (RawPeer peer = RawPeer.tls(fixture.clientGroup, server.address, client)) {
      if (peer.awaitHandshake() && helloClaim != null) {
        peer.write(TransportFixture.hello(helloClaim));
      }
      Await.until(
          "server refuses with " + expected + " (seen " + server.metrics.refusals + ")",
          () -> server.metrics.refusals(expected) == before + 1);
      Await.until("the hostile connection is closed", peer::isClosed);
    }
    assertEquals(connectsBefore, server.metrics.connects.get(), "nothing was admitted");
    assertTrue(server.received.isEmpty(), "nothing was delivered");
  }

  @Test
  void aClientWithoutCertificateIsRefused() throws Exception {
    assertRefused(fixture.clientContext(null, "TLSv1.3"), RefusalReason.NO_CERTIFICATE, null);
  }

  @Test
  void aSelfSignedCertificateIsRefused() throws Exception {
    IssuedCertificate self = fixture.network.otherAuthority("self");
    assertRefused(fixture.clientContext(self, "TLSv1.3"), RefusalReason.SELF_SIGNED, null);
  }

  @Test
  void aCertificateFromAnotherNetworksAuthorityIsRefused() throws Exception {
    IssuedCertificate other = fixture.network.otherAuthority("other-city");
    IssuedCertificate forged =
        fixture.network.issue(other, TestNetwork.id(1), TestNetwork.NOW, Duration.ofDays(30));
    assertRefused(fixture.clientContext(forged, "TLSv1.3"), RefusalReason.UNKNOWN_AUTHORITY, null);
  }

  @Test
  void anExpiredCertificateIsRefused() throws Exception {
    IssuedCertificate expired =
        fixture.network.issue(
            fixture.network.authority,
            TestNetwork.id(1),
            TestNetwork.NOW.minus(Duration.ofDays(30)),
            Duration.ofDays(10));
    assertRefused(fixture.clientContext(expired, "TLSv1.3"), RefusalReason.EXPIRED, null);
  }

  @Test
  void aNonMemberWithAValidCertificateIsRefused() throws Exception {
    IssuedCertificate stranger =
        fixture.network.issue(
            fixture.network.authority,
            new NodeId("stranger"),
            TestNetwork.NOW,
            Duration.ofDays(30));
    assertRefused(fixture.clientContext(stranger, "TLSv1.3"), RefusalReason.NOT_MEMBER, null);
  }

  @Test
  void aSecondCertificateForAMemberIsRefused() throws Exception {
    IssuedCertificate reissued =
        fixture.network.issue(
            fixture.network.authority, TestNetwork.id(1), TestNetwork.NOW, Duration.ofDays(30));
    assertRefused(fixture.clientContext(reissued, "TLSv1.3"), RefusalReason.NOT_PINNED, null);
  }

  @Test
  void aMembersCertificatePresentedUnderAnotherNodeIdIsRefused() throws Exception {
    // The certificate of department-1, by a node whose Hello says it is department-2.
    assertRefused(fixture.memberClientContext(1), RefusalReason.WRONG_NODE, TestNetwork.id(2));
  }

  @Test
  void tls12IsRefused() throws Exception {
    assertRefused(
        fixture.clientContext(fixture.network.nodes.get(1), "TLSv1.2"),
        RefusalReason.TLS_VERSION,
        null);
  }

  @Test
  void aFirstFrameOtherThanHelloIsRefused() throws Exception {
    try (RawPeer peer =
        RawPeer.tls(fixture.clientGroup, server.address, fixture.memberClientContext(2))) {
      long before = server.metrics.refusals(RefusalReason.BAD_HELLO);
      assertTrue(peer.awaitHandshake());
      peer.write(
          TransportFixture.frame(Frame.newBuilder().setPing(Ping.getDefaultInstance()).build()));
      Await.until(
          "refused for a bad hello",
          () -> server.metrics.refusals(RefusalReason.BAD_HELLO) == before + 1);
      Await.until("closed", peer::isClosed);
    }
  }

  @Test
  void aDialedAddressAnsweringWithAnotherMembersCertificateIsRefused() throws Exception {
    // Something at "department-1"'s address presents department-2's valid, pinned certificate.
    Channel impostor = impostorServer(fixture.network.nodes.get(2));
    try {
      Node dialer = fixture.start(0);
      dialer.transport.connect(
          Map.of(TestNetwork.id(1), (InetSocketAddress) impostor.localAddress()));
      Await.until(
          "the dialer refuses the wrong node",
          () -> dialer.metrics.refusals(RefusalReason.WRONG_NODE) >= 1);
      assertFalse(dialer.transport.isConnected(TestNetwork.id(1)));
      assertFalse(dialer.transport.isConnected(TestNetwork.id(2)));
    } finally {
      impostor.close().syncUninterruptibly();
    }
  }

  @Test
  void aDialedServerWithAnExpiredCertificateIsRefused() throws Exception {
    IssuedCertificate expired =
        fixture.network.issue(
            fixture.network.authority,
            TestNetwork.id(1),
            TestNetwork.NOW.minus(Duration.ofDays(30)),
            Duration.ofDays(10));
    Channel stale = impostorServer(expired);
    try {
      Node dialer = fixture.start(0);
      dialer.transport.connect(Map.of(TestNetwork.id(1), (InetSocketAddress) stale.localAddress()));
      Await.until(
          "the dialer refuses the expired server",
          () -> dialer.metrics.refusals(RefusalReason.EXPIRED) >= 1);
      assertFalse(dialer.transport.isConnected(TestNetwork.id(1)));
    } finally {
      stale.close().syncUninterruptibly();
    }
  }

  @Test
  void membersConnectAndTalk() throws Exception {
    Node one = fixture.start(1);
    one.transport.connect(TransportFixture.addresses(server));
    Await.until("connected", () -> server.transport.isConnected(one.id()));
    Await.until("connected", () -> one.transport.isConnected(server.id()));
    assertEquals(
        SendResult.QUEUED,
        one.transport.send(server.id(), MessageChannel.CONSENSUS, ByteString.copyFromUtf8("hi")));
    Await.until("delivered", () -> server.received.size() == 1);
    assertEquals(one.id(), server.received.get(0).from());
    assertEquals("hi", server.received.get(0).payload().toStringUtf8());
    server.received.clear();
    one.transport.close();
  }

  private Channel impostorServer(IssuedCertificate certificate) throws Exception {
    SslContext tls =
        SslContextBuilder.forServer(certificate.privateKey(), certificate.certificate())
            .protocols("TLSv1.3")
            .build();
    return new ServerBootstrap()
        .group(fixture.clientGroup)
        .channel(NioServerSocketChannel.class)
        .childHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel channel) {
                channel.pipeline().addLast(tls.newHandler(channel.alloc()));
              }
            })
        .bind(new InetSocketAddress("127.0.0.1", 0))
        .syncUninterruptibly()
        .channel();
  }
}
