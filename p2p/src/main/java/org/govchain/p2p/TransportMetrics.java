package org.govchain.p2p;

import org.govchain.core.chain.NodeId;
import org.govchain.p2p.tls.RefusalReason;

/**
 * Hooks the node binds to its metrics registry. Every method has a no-op default; calls come from
 * Netty I/O threads and from senders' threads, so implementations must be thread-safe and fast
 * (increment a counter, set a gauge).
 */
public interface TransportMetrics {
  /** The metrics that record nothing. */
  TransportMetrics NONE = new TransportMetrics() {};

  /** The kinds of frames counted separately. */
  enum FrameKind {
    CONSENSUS,
    TRANSACTIONS,
    BLOCK_SYNC,
    REQUEST,
    RESPONSE,
    CONTROL
  }

  /** A frame of {@code wireBytes} (length prefix included, before TLS) was written. */
  default void frameSent(NodeId peer, FrameKind kind, int wireBytes) {}

  /** A frame of {@code wireBytes} was received from an authenticated peer. */
  default void frameReceived(NodeId peer, FrameKind kind, int wireBytes) {}

  /** The peer's outbound queue now holds this many frames and bytes. */
  default void queueDepth(NodeId peer, int frames, long bytes) {}

  /** A send to {@code peer} was refused (queue full, too large...). */
  default void sendRefused(NodeId peer, SendResult result) {}

  /** A connection was refused during the handshake. */
  default void handshakeRefused(RefusalReason reason) {}

  /** A connection to {@code peer} is authenticated and carries traffic. */
  default void connected(NodeId peer) {}

  /** The connection to {@code peer} ended. */
  default void disconnected(NodeId peer, CloseReason reason) {}

  /** A connection that was not yet authenticated was cut off (garbage, oversize, timeout). */
  default void unauthenticatedClosed(CloseReason reason) {}

  /** A new dial to {@code peer} is scheduled after {@code delayMillis}. */
  default void reconnectScheduled(NodeId peer, long delayMillis) {}
}
