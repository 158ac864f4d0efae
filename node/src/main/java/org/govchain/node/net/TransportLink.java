package org.govchain.node.net;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.MessageChannel;
import org.govchain.p2p.Transport;

/**
 * The {@link PeerLink} over the p2p transport. The transport is attached after construction because
 * its handlers need the chain runtimes, which need this link.
 */
public final class TransportLink implements PeerLink {
  private final AtomicReference<Transport> transport = new AtomicReference<>();

  public void attach(Transport value) {
    if (!transport.compareAndSet(null, value)) {
      throw new IllegalStateException("a transport is already attached");
    }
  }

  private Transport transport() {
    Transport value = transport.get();
    if (value == null) {
      throw new IllegalStateException("no transport attached yet");
    }
    return value;
  }

  @Override
  public boolean send(NodeId peer, MessageChannel channel, ByteString payload) {
    return transport().send(peer, channel, payload).accepted();
  }

  @Override
  public void broadcast(MessageChannel channel, ByteString payload) {
    transport().broadcast(channel, payload);
  }

  @Override
  public CompletableFuture<ByteString> call(
      NodeId peer, String method, ByteString request, Duration deadline) {
    return transport().call(peer, method, request, deadline);
  }
}
