package org.govchain.p2p;

import com.google.protobuf.ByteString;
import org.govchain.core.chain.NodeId;

/**
 * Receives every message from an authenticated member. It is called on a Netty I/O thread, in order
 * per peer and channel: it must not block (the node hands the payload to its own bounded queue).
 */
@FunctionalInterface
public interface MessageHandler {
  void onMessage(NodeId from, MessageChannel channel, ByteString payload);
}
