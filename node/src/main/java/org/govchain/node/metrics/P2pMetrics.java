package org.govchain.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.CloseReason;
import org.govchain.p2p.SendResult;
import org.govchain.p2p.TransportMetrics;
import org.govchain.p2p.tls.RefusalReason;

/** The p2p transport's hooks, counted in Micrometer under {@code govchain.p2p.*}. */
public final class P2pMetrics implements TransportMetrics {
  private final MeterRegistry registry;

  public P2pMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void frameSent(NodeId peer, FrameKind kind, int wireBytes) {
    registry
        .counter("govchain.p2p.frames.sent", "peer", peer.value(), "kind", kind.name())
        .increment();
    registry.counter("govchain.p2p.bytes.sent", "peer", peer.value()).increment(wireBytes);
  }

  @Override
  public void frameReceived(NodeId peer, FrameKind kind, int wireBytes) {
    registry
        .counter("govchain.p2p.frames.received", "peer", peer.value(), "kind", kind.name())
        .increment();
    registry.counter("govchain.p2p.bytes.received", "peer", peer.value()).increment(wireBytes);
  }

  @Override
  public void sendRefused(NodeId peer, SendResult result) {
    registry
        .counter("govchain.p2p.send.refused", "peer", peer.value(), "result", result.name())
        .increment();
  }

  @Override
  public void handshakeRefused(RefusalReason reason) {
    registry.counter("govchain.p2p.handshake.refused", "reason", reason.name()).increment();
  }

  @Override
  public void connected(NodeId peer) {
    registry.counter("govchain.p2p.connects", "peer", peer.value()).increment();
  }

  @Override
  public void disconnected(NodeId peer, CloseReason reason) {
    registry
        .counter("govchain.p2p.disconnects", "peer", peer.value(), "reason", reason.name())
        .increment();
  }

  @Override
  public void reconnectScheduled(NodeId peer, long delayMillis) {
    registry.counter("govchain.p2p.reconnects", "peer", peer.value()).increment();
  }
}
