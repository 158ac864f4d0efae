package org.govchain.p2p;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.govchain.core.chain.NodeId;

/**
 * What this node keeps about one member: its outbound queue (which outlives connections, so frames
 * sent while it is away go out when it is back), its address if known, the live connection, the
 * dial in progress and the reconnect state. Connection fields are guarded by this object's monitor.
 */
final class Peer {
  final NodeId id;
  final OutboundQueue queue;
  final AtomicInteger servedCalls = new AtomicInteger();

  InetSocketAddress address;
  volatile SessionHandler live;
  SessionHandler dialing;
  int failures;
  Scheduler.Cancellable reconnect;

  Peer(NodeId id, OutboundQueue queue) {
    this.id = id;
    this.queue = queue;
  }
}
