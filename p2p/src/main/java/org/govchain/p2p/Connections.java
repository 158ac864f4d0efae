package org.govchain.p2p;

import com.google.protobuf.ByteString;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.tls.PeerCertificateVerifier;
import org.govchain.p2p.tls.RefusalReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member table and the connection rules: which connection to a peer is live, when to dial, and
 * how two nodes that dialed each other at once agree on one connection.
 *
 * <p>One connection per pair. A node dials a peer only while it has neither a live connection nor a
 * dial in progress to it. When both dial at once, the connection dialed by the node with the lower
 * node id is kept: the acceptor refuses the other with a {@code DUPLICATE} goodbye before the
 * dialer ever sent a message on it, so the tie-break loses nothing. A peer that dials while a
 * connection it dialed earlier is live has restarted or given up on it: the new one replaces it.
 */
final class Connections {
  private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
  private static final AttributeKey<Boolean> COUNTED_PENDING =
      AttributeKey.valueOf("govchain.p2p.countedPending");

  enum Admission {
    ADMITTED,
    DUPLICATE,
    STOPPED
  }

  final NodeId local;
  final TransportLimits limits;
  final TransportMetrics metrics;
  final PeerCertificateVerifier verifier;
  final Calls calls;
  final RequestServer server;
  private final MessageHandler handler;
  private final Map<NodeId, Peer> peers;
  private final SslContext serverTls;
  private final SslContext clientTls;
  private final Scheduler scheduler;
  private final Backoff backoff;
  private final RefusalLog refusals;
  private final ChannelGroup channels;
  private final AtomicInteger pendingHandshakes = new AtomicInteger();
  private final Bootstrap dialer;
  private volatile boolean stopped;

  Connections(
      Transport.Parts parts,
      Map<NodeId, Peer> peers,
      Calls calls,
      RequestServer server,
      Scheduler scheduler,
      ChannelGroup channels,
      Bootstrap dialer) {
    this.local = parts.local();
    this.limits = parts.limits();
    this.metrics = parts.metrics();
    this.verifier = parts.verifier();
    this.handler = parts.handler();
    this.serverTls = parts.serverTls();
    this.clientTls = parts.clientTls();
    this.backoff = parts.backoff();
    this.refusals = new RefusalLog(LOG, local.value(), System::nanoTime);
    this.peers = peers;
    this.calls = calls;
    this.server = server;
    this.scheduler = scheduler;
    this.channels = channels;
    this.dialer = dialer;
  }

  Peer peer(NodeId node) {
    return peers.get(node);
  }

  Collection<Peer> peers() {
    return peers.values();
  }

  boolean stopped() {
    return stopped;
  }

  /** Builds the pipeline of an accepted connection, or closes it at once when too many wait. */
  void initAccepted(Channel channel) {
    if (stopped || pendingHandshakes.incrementAndGet() > limits.pendingHandshakesMax()) {
      pendingHandshakes.decrementAndGet();
      metrics.handshakeRefused(RefusalReason.TOO_MANY_PENDING);
      refusals.refused(
          String.valueOf(channel.remoteAddress()),
          RefusalReason.TOO_MANY_PENDING.name(),
          limits.pendingHandshakesMax() + " connections already in their handshake");
      channel.close();
      return;
    }
    channel.attr(COUNTED_PENDING).set(Boolean.TRUE);
    channel.closeFuture().addListener(future -> handshakeOver(channel));
    FrameDecoder decoder = new FrameDecoder(limits.frameAssemblyTimeoutMillis());
    install(
        channel,
        serverTls,
        decoder,
        new SessionHandler(this, SessionHandler.Direction.ACCEPTED, null, decoder));
  }

  private void handshakeOver(Channel channel) {
    if (channel.attr(COUNTED_PENDING).getAndSet(null) != null) {
      pendingHandshakes.decrementAndGet();
    }
  }

  private void install(
      Channel channel, SslContext tls, FrameDecoder decoder, SessionHandler session) {
    channels.add(channel);
    SslHandler ssl = tls.newHandler(channel.alloc());
    ssl.setHandshakeTimeoutMillis(limits.handshakeTimeoutMillis());
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("tls", ssl);
    pipeline.addLast(
        "idle", new IdleStateHandler(limits.idleTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS));
    pipeline.addLast("frames", decoder);
    pipeline.addLast("session", session);
  }

  /** Dials {@code peer} unless stopped, connected, already dialing, or without an address. */
  void dial(Peer peer) {
    synchronized (peer) {
      if (stopped || peer.live != null || peer.dialing != null || peer.address == null) {
        return;
      }
      FrameDecoder decoder = new FrameDecoder(limits.frameAssemblyTimeoutMillis());
      SessionHandler session =
          new SessionHandler(this, SessionHandler.Direction.DIALED, peer, decoder);
      peer.dialing = session;
      Bootstrap attempt =
          dialer
              .clone()
              .handler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                      install(channel, clientTls, decoder, session);
                    }
                  });
      attempt
          .connect(peer.address)
          .addListener(
              future -> {
                if (!future.isSuccess()) {
                  LOG.debug("{}: dialing {} failed: {}", local, peer.id, future.cause().toString());
                  dialFailed(peer, session);
                }
              });
    }
  }

  private void dialFailed(Peer peer, SessionHandler session) {
    synchronized (peer) {
      if (peer.dialing != session) {
        return;
      }
      peer.dialing = null;
      peer.failures++;
      scheduleReconnect(peer);
    }
  }

  /** Called when a dialed connection received the peer's Hello. */
  Admission activateDialed(Peer peer, SessionHandler session) {
    synchronized (peer) {
      if (peer.dialing == session) {
        peer.dialing = null;
      }
      if (stopped) {
        return Admission.STOPPED;
      }
      SessionHandler old = peer.live;
      // The only connection that can be live meanwhile is one the peer dialed.
      if (old != null && !dialedByMeWins(peer)) {
        return Admission.DUPLICATE;
      }
      makeLive(peer, session, old);
      return Admission.ADMITTED;
    }
  }

  /** Called when an accepted connection received a valid Hello. */
  Admission admitAccepted(Peer peer, SessionHandler session) {
    synchronized (peer) {
      if (stopped) {
        return Admission.STOPPED;
      }
      SessionHandler old = peer.live;
      if (old != null) {
        if (old.direction == SessionHandler.Direction.DIALED && dialedByMeWins(peer)) {
          return Admission.DUPLICATE;
        }
      } else if (peer.dialing != null) {
        if (dialedByMeWins(peer)) {
          return Admission.DUPLICATE;
        }
        SessionHandler abandoned = peer.dialing;
        peer.dialing = null;
        abandoned.supersede();
      }
      makeLive(peer, session, old);
      return Admission.ADMITTED;
    }
  }

  private boolean dialedByMeWins(Peer peer) {
    return local.compareTo(peer.id) < 0;
  }

  private void makeLive(Peer peer, SessionHandler session, SessionHandler old) {
    peer.live = session;
    peer.failures = 0;
    if (peer.reconnect != null) {
      peer.reconnect.cancel();
      peer.reconnect = null;
    }
    if (old != null) {
      old.supersede();
    }
  }

  void wentLive(SessionHandler session, Channel channel) {
    handshakeOver(channel);
    Peer peer = session.peer();
    LOG.info(
        "{}: connected to {} ({}, {})", local, peer.id, session.direction, session.remoteHost());
    metrics.connected(peer.id);
  }

  /** Called when any connection closed. */
  void closed(SessionHandler session, CloseReason reason, boolean wasLive) {
    Peer peer = session.peer() != null ? session.peer() : session.dialed();
    if (peer == null) {
      if (reason != CloseReason.HANDSHAKE_REFUSED) {
        metrics.unauthenticatedClosed(reason);
      }
      return;
    }
    calls.connectionLost(session, peer.id);
    synchronized (peer) {
      if (peer.live == session) {
        peer.live = null;
      }
      if (peer.dialing == session) {
        peer.dialing = null;
        if (reason != CloseReason.DUPLICATE) {
          peer.failures++;
        }
      }
      scheduleReconnect(peer);
    }
    if (wasLive) {
      LOG.info("{}: disconnected from {}: {}", local, peer.id, reason);
      metrics.disconnected(peer.id, reason);
    }
  }

  private void scheduleReconnect(Peer peer) {
    if (stopped
        || peer.address == null
        || peer.live != null
        || peer.dialing != null
        || peer.reconnect != null) {
      return;
    }
    long delay = backoff.delayMillis(peer.failures);
    metrics.reconnectScheduled(peer.id, delay);
    peer.reconnect =
        scheduler.schedule(
            () -> {
              synchronized (peer) {
                peer.reconnect = null;
              }
              dial(peer);
            },
            delay);
  }

  /** Queues a frame for {@code peer} and wakes its live connection, if any. */
  SendResult enqueue(Peer peer, Lane lane, Frame frame) {
    if (stopped) {
      return SendResult.STOPPED;
    }
    int wireBytes = FrameCodec.wireBytes(frame);
    if (wireBytes > limits.frameBytesMax()) {
      metrics.sendRefused(peer.id, SendResult.TOO_LARGE);
      return SendResult.TOO_LARGE;
    }
    SendResult result = peer.queue.offer(new QueuedFrame(lane, frame, wireBytes));
    if (!result.accepted()) {
      metrics.sendRefused(peer.id, result);
      return result;
    }
    SessionHandler live = peer.live;
    if (live != null) {
      live.requestDrain();
    }
    return result;
  }

  /** Queues the response to a call {@code peer} made. */
  void respond(Peer peer, Frame response) {
    enqueue(peer, Lane.CALLS, response);
  }

  void deliver(NodeId from, MessageChannel channel, ByteString payload) {
    try {
      handler.onMessage(from, channel, payload);
    } catch (RuntimeException e) {
      LOG.error("{}: the message handler failed on a {} message from {}", local, channel, from, e);
    }
  }

  void refused(SessionHandler session, String remoteHost, RefusalReason reason, String detail) {
    metrics.handshakeRefused(reason);
    String direction =
        session.direction == SessionHandler.Direction.DIALED
            ? "dialing " + session.dialed().id + " at " + remoteHost
            : remoteHost;
    refusals.refused(direction, reason.name(), detail);
  }

  void handshakeAbandoned(SessionHandler session, String detail) {
    if (session.direction == SessionHandler.Direction.DIALED) {
      LOG.debug(
          "{}: dialing {} failed during the handshake: {}", local, session.dialed().id, detail);
    } else {
      LOG.debug("{}: {} went away during the handshake: {}", local, session.remoteHost(), detail);
    }
  }

  void unauthenticatedClosed(String remoteHost, CloseReason reason, String detail) {
    refusals.refused(remoteHost, reason.name(), detail);
  }

  void logViolation(SessionHandler session, ProtocolException e) {
    refusals.cutOff(
        session.peer().id + " at " + session.remoteHost(), e.reason().name(), e.getMessage());
  }

  void logIoError(SessionHandler session, Throwable cause) {
    LOG.debug("{}: connection to {} failed", local, session.peer().id, cause);
  }

  /** Stops dialing, says goodbye on every live connection and fails every call in flight. */
  void stop() {
    stopped = true;
    for (Peer peer : peers.values()) {
      synchronized (peer) {
        if (peer.reconnect != null) {
          peer.reconnect.cancel();
          peer.reconnect = null;
        }
        if (peer.live != null) {
          peer.live.shutdown();
        }
      }
    }
    calls.stopAll();
  }
}
