package org.govchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.TransportFixture.Node;
import org.govchain.p2p.testing.Await;
import org.govchain.p2p.testing.RawPeer;
import org.govchain.p2p.testing.TestNetwork;
import org.govchain.p2p.tls.RefusalReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Peers that misbehave on purpose, over real loopback TLS: each is cut off with its reason, the
 * memory held for it stays within the limits, and an honest peer's traffic is unaffected.
 */
class HostilePeerTest {
  private static final int FRAME_BYTES_MAX = 128 * 1024;
  private static final long QUEUE_BYTES_MAX = 1024 * 1024;

  private TransportFixture fixture;
  private Node server;

  @BeforeEach
  void start() throws Exception {
    fixture = new TransportFixture(4);
    server =
        fixture.start(
            0,
            TransportFixture.quickLimits()
                .frameBytesMax(FRAME_BYTES_MAX)
                .queueBytesMax(QUEUE_BYTES_MAX)
                .writeBufferWaterMarks(64 * 1024, 128 * 1024)
                .pendingHandshakesMax(4)
                .build(),
            builder -> {});
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** A member (by certificate) that completed TLS and the Hello, as a raw client. */
  private RawPeer liveMember(int index) throws Exception {
    RawPeer peer =
        RawPeer.tls(fixture.clientGroup, server.address, fixture.memberClientContext(index));
    assertTrue(peer.awaitHandshake());
    peer.write(TransportFixture.hello(TestNetwork.id(index)));
    Await.until(
        "member " + index + " is live", () -> server.transport.isConnected(TestNetwork.id(index)));
    return peer;
  }

  @Test
  void garbageInsteadOfTlsIsRefused() {
    byte[] garbage = new byte[4096];
    new Random(1).nextBytes(garbage);
    try (RawPeer peer = RawPeer.plain(fixture.clientGroup, server.address)) {
      peer.write(Unpooled.wrappedBuffer(garbage));
      Await.until("refused", () -> server.metrics.refusals(RefusalReason.TLS_FAILURE) == 1);
      Await.until("closed", peer::isClosed);
    }
  }

  @Test
  void aSilentConnectionIsCutAtTheHandshakeTimeout() {
    try (RawPeer peer = RawPeer.plain(fixture.clientGroup, server.address)) {
      Await.until("timed out", () -> server.metrics.refusals(RefusalReason.HANDSHAKE_TIMEOUT) == 1);
      Await.until("closed", peer::isClosed);
    }
  }

  @Test
  void handshakesBeyondTheLimitAreClosedAtOnce() {
    List<RawPeer> peers = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        peers.add(RawPeer.plain(fixture.clientGroup, server.address));
      }
      RawPeer extra = RawPeer.plain(fixture.clientGroup, server.address);
      peers.add(extra);
      Await.until("the extra connection is closed", extra::isClosed);
      assertEquals(1, server.metrics.refusals(RefusalReason.TOO_MANY_PENDING));
      for (int i = 0; i < 4; i++) {
        assertFalse(peers.get(i).isClosed(), "connections within the limit wait");
      }
    } finally {
      peers.forEach(RawPeer::close);
    }
  }

  @Test
  void garbageFramesFromAMemberCutItOff() throws Exception {
    try (RawPeer peer = liveMember(1)) {
      peer.write(
          Unpooled.buffer().writeInt(6).writeBytes(new byte[] {(byte) 0xff, -1, -1, 1, 2, 3}));
      Await.until(
          "disconnected", () -> server.metrics.disconnects(CloseReason.MALFORMED_FRAME) == 1);
      Await.until("closed", peer::isClosed);
    }
  }

  @Test
  void aFrameOverTheLimitIsRefusedByItsLength() throws Exception {
    try (RawPeer peer = liveMember(1)) {
      peer.write(Unpooled.buffer().writeInt(FRAME_BYTES_MAX));
      Await.until(
          "disconnected", () -> server.metrics.disconnects(CloseReason.FRAME_TOO_LARGE) == 1);
      Await.until("closed", peer::isClosed);
    }
  }

  @Test
  void aHugeDeclaredLengthIsRefusedBeforeAnyBodyArrives() throws Exception {
    try (RawPeer peer = liveMember(1)) {
      peer.write(Unpooled.buffer().writeInt(Integer.MAX_VALUE).writeByte(0));
      Await.until(
          "disconnected", () -> server.metrics.disconnects(CloseReason.FRAME_TOO_LARGE) == 1);
      Await.until("closed", peer::isClosed);
    }
  }

  @Test
  void aTricklingFrameIsCutOff() throws Exception {
    try (RawPeer peer = liveMember(1)) {
      // Declares a frame under the limit, sends a little of it, then one byte every 50 ms: the
      // connection never goes idle, but the frame never completes.
      peer.write(Unpooled.buffer().writeInt(FRAME_BYTES_MAX / 2).writeBytes(new byte[10]));
      io.netty.util.concurrent.ScheduledFuture<?> trickle =
          peer.channel()
              .eventLoop()
              .scheduleAtFixedRate(
                  () -> peer.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0})),
                  50,
                  50,
                  TimeUnit.MILLISECONDS);
      try {
        Await.until(
            "disconnected",
            () -> server.metrics.disconnects(CloseReason.FRAME_ASSEMBLY_TIMEOUT) == 1);
        Await.until("closed", peer::isClosed);
      } finally {
        trickle.cancel(false);
      }
      assertEquals(0, server.metrics.disconnects(CloseReason.IDLE_TIMEOUT));
    }
  }

  @Test
  void aPeerThatNeverReadsIsCutOffWithBoundedMemoryAndOthersUnaffected() throws Exception {
    Node honest = fixture.start(2);
    honest.transport.connect(TransportFixture.addresses(server));
    Await.until("honest peer live", () -> server.transport.isConnected(honest.id()));
    NodeId stuckId = TestNetwork.id(3);
    try (RawPeer stuck = liveMember(3)) {
      stuck.stopReading();
      ByteString chunk = ByteString.copyFrom(new byte[32 * 1024]);
      int honestSent = 0;
      boolean refused = false;
      for (int i = 0; i < 100_000 && !refused; i++) {
        refused =
            server.transport.send(stuckId, MessageChannel.BLOCK_SYNC, chunk)
                == SendResult.QUEUE_FULL;
        assertEquals(
            SendResult.QUEUED,
            server.transport.send(
                honest.id(), MessageChannel.CONSENSUS, ByteString.copyFromUtf8("m" + i)));
        honestSent++;
      }
      assertTrue(refused, "the stuck peer's queue filled up and refused more");
      assertTrue(server.metrics.sendRefusals(SendResult.QUEUE_FULL) >= 1);
      int expected = honestSent;
      Await.until("the honest peer got every message", () -> honest.received.size() == expected);
      for (int i = 0; i < expected; i++) {
        assertEquals("m" + i, honest.received.get(i).payload().toStringUtf8());
      }
      // The node keeps producing for the stuck peer: the kernel's socket buffers fill, Netty's
      // buffer reaches its high-water mark, the queue stays full, and the stall timer fires.
      Await.until(
          "the stuck peer is cut off",
          () -> {
            server.transport.send(stuckId, MessageChannel.BLOCK_SYNC, chunk);
            assertTrue(queuedBytes(stuckId) <= QUEUE_BYTES_MAX);
            return server.metrics.disconnects(CloseReason.WRITE_STALLED) == 1;
          });
      assertTrue(server.metrics.maxQueuedBytes.get() <= QUEUE_BYTES_MAX);
      assertTrue(server.transport.isConnected(honest.id()), "the honest peer stays connected");
    }
  }

  @Test
  void aMemberThatFallsSilentIsCutAtTheIdleTimeout() throws Exception {
    try (RawPeer silent = liveMember(1)) {
      Await.until(
          "disconnected for idleness",
          () -> server.metrics.disconnects(CloseReason.IDLE_TIMEOUT) == 1);
      Await.until("closed", silent::isClosed);
      assertTrue(silent.receivedBytes() > 0, "the server kept sending keep-alives meanwhile");
    }
  }

  @Test
  void keepAlivesHoldAnIdleConnectionOpenPastTheIdleTimeout() throws Exception {
    Node honest = fixture.start(2);
    honest.transport.connect(TransportFixture.addresses(server));
    Await.until("connected", () -> server.transport.isConnected(honest.id()));
    // 3 s idle timeout, 300 ms keep-alive: 12 pings span more than an idle timeout.
    Await.until("12 keep-alives arrived", () -> server.metrics.controlFramesReceived.get() >= 12);
    assertTrue(server.transport.isConnected(honest.id()));
    assertEquals(0, server.metrics.disconnects(CloseReason.IDLE_TIMEOUT));
    assertEquals(0, honest.metrics.disconnects(CloseReason.IDLE_TIMEOUT));
  }

  private long queuedBytes(NodeId node) {
    return server.transport.peers().stream()
        .filter(status -> status.node().equals(node))
        .findFirst()
        .orElseThrow()
        .queuedBytes();
  }
}
