package org.govchain.node.net;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.MessageChannel;

/** What a chain runtime needs of the transport: one-way messages and calls to other nodes. */
public interface PeerLink {
  /** Queues a message for one peer; never blocks. False if it was refused (queue full, unknown). */
  boolean send(NodeId peer, MessageChannel channel, ByteString payload);

  /** Queues a message for every peer; never blocks. */
  void broadcast(MessageChannel channel, ByteString payload);

  /** A request/response call with a deadline. */
  CompletableFuture<ByteString> call(
      NodeId peer, String method, ByteString request, Duration deadline);
}
