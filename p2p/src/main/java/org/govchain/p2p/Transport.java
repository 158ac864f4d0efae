package org.govchain.p2p;

import com.google.protobuf.ByteString;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;
import org.govchain.core.Invariants;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Message;
import org.govchain.p2p.tls.MembershipPins;
import org.govchain.p2p.tls.MembershipTrustManager;
import org.govchain.p2p.tls.PeerCertificateVerifier;
import org.govchain.p2p.tls.TlsContexts;
import org.govchain.p2p.tls.TlsMaterial;

/**
 * The node's transport to the other member nodes: mutual TLS 1.3, one connection per pair of nodes,
 * typed channels and request/response calls, bounded queues, reconnects. It knows nothing of
 * consensus: payloads are opaque bytes.
 *
 * <p>Lifecycle: {@link #builder} → {@link #start} (listen) → {@link #connect} (dial the known
 * peers; members without an address may still dial in) → {@link #close}.
 */
public final class Transport implements AutoCloseable {
  private final NodeId local;
  private final TransportLimits limits;
  private final InetSocketAddress listenAddress;
  private final EventLoopGroup group;
  private final ChannelGroup channels;
  private final Connections connections;
  private final Calls calls;
  private final Map<NodeId, Peer> peers;
  private Channel serverChannel;

  /** What {@link Connections} is built from. */
  record Parts(
      NodeId local,
      TransportLimits limits,
      TransportMetrics metrics,
      PeerCertificateVerifier verifier,
      MessageHandler handler,
      SslContext serverTls,
      SslContext clientTls,
      Backoff backoff) {}

  private Transport(Builder builder, SslContext serverTls, SslContext clientTls) {
    this.local = builder.material.nodeId();
    this.limits = builder.limits;
    this.listenAddress = builder.listenAddress;
    this.group = new MultiThreadIoEventLoopGroup(limits.ioThreads(), NioIoHandler.newFactory());
    this.channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    Scheduler scheduler = builder.scheduler != null ? builder.scheduler : eventLoopScheduler(group);
    Map<NodeId, Peer> members = new HashMap<>();
    Iterable<NodeId> chosen = builder.members.isEmpty() ? builder.pins.nodes() : builder.members;
    for (NodeId node : chosen) {
      if (!node.equals(local)) {
        members.put(
            node,
            new Peer(node, new OutboundQueue(limits.laneFramesMax(), limits.queueBytesMax())));
      }
    }
    this.peers = Map.copyOf(members);
    this.calls = new Calls(limits.callsInFlightMax(), scheduler);
    PeerCertificateVerifier verifier =
        new PeerCertificateVerifier(builder.material.authority(), builder.pins, builder.clock);
    Parts parts =
        new Parts(
            local,
            limits,
            builder.metrics,
            verifier,
            builder.messageHandler,
            serverTls,
            clientTls,
            new Backoff(limits.reconnectBaseMillis(), limits.reconnectMaxMillis(), builder.random));
    RequestServer server =
        new RequestServer(
            builder.requestHandlers, limits.servedCallsPerPeerMax(), limits.payloadBytesMax());
    this.connections =
        new Connections(parts, peers, calls, server, scheduler, channels, dialBootstrap());
  }

  public static Builder builder(TlsMaterial material, MembershipPins pins) {
    return new Builder(material, pins);
  }

  public NodeId localNode() {
    return local;
  }

  /** Starts listening; returns the bound address (useful with port 0). */
  public synchronized InetSocketAddress start() throws IOException {
    Invariants.check(serverChannel == null, "the transport is already started");
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    connections.initAccepted(channel);
                  }
                });
    ChannelFuture bound = bootstrap.bind(listenAddress).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new IOException("cannot listen on " + listenAddress, bound.cause());
    }
    serverChannel = bound.channel();
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /**
   * Records where members listen and dials each one not yet connected. A member missing here can
   * still dial in. Refuses node ids that are not members, and this node's own id.
   */
  public void connect(Map<NodeId, InetSocketAddress> addresses) {
    List<Peer> toDial = new ArrayList<>();
    for (Map.Entry<NodeId, InetSocketAddress> entry : addresses.entrySet()) {
      Peer peer = peers.get(entry.getKey());
      Invariants.argument(peer != null, "%s is not a member (or is this node)", entry.getKey());
      synchronized (peer) {
        peer.address = entry.getValue();
      }
      toDial.add(peer);
    }
    toDial.forEach(connections::dial);
  }

  /**
   * Queues {@code payload} for {@code peer} on {@code channel}; never blocks. Frames of one channel
   * to one peer are written in the order they were queued. See {@link SendResult} for refusals.
   */
  public SendResult send(NodeId peer, MessageChannel channel, ByteString payload) {
    Peer to = peers.get(peer);
    if (to == null) {
      return SendResult.UNKNOWN_PEER;
    }
    return connections.enqueue(to, channel.lane(), messageFrame(channel, payload));
  }

  /** Sends to every member but this node; the result per member, in node id order. */
  public Map<NodeId, SendResult> broadcast(MessageChannel channel, ByteString payload) {
    Frame frame = messageFrame(channel, payload);
    Map<NodeId, SendResult> results = new LinkedHashMap<>();
    for (Peer peer : new TreeMap<>(peers).values()) {
      results.put(peer.id, connections.enqueue(peer, channel.lane(), frame));
    }
    return results;
  }

  /**
   * Calls {@code method} on {@code peer}. The future completes with the response payload, or
   * exceptionally with a {@link CallException} (deadline, connection lost, refused...). It is
   * completed on a Netty thread: chain with the {@code *Async} methods for any slow work.
   */
  public CompletableFuture<ByteString> call(
      NodeId peer, String method, ByteString payload, Duration deadline) {
    Peer to = peers.get(peer);
    String invalid =
        to == null
            ? peer + " is not a member (or is this node)"
            : !FrameChecks.METHOD.matcher(method).matches()
                ? "malformed method name"
                : deadline.isNegative() || deadline.isZero() ? "deadline must be positive" : null;
    if (invalid != null) {
      return CompletableFuture.failedFuture(new CallException(CallException.Kind.INVALID, invalid));
    }
    return calls.start(
        peer,
        method,
        payload,
        deadline.toMillis(),
        frame -> connections.enqueue(to, Lane.CALLS, frame));
  }

  /** Whether a live connection to {@code peer} exists now. */
  public boolean isConnected(NodeId peer) {
    Peer member = peers.get(peer);
    return member != null && member.live != null;
  }

  /** A snapshot of every member, in node id order. */
  public List<PeerStatus> peers() {
    List<PeerStatus> status = new ArrayList<>();
    for (Peer peer : new TreeMap<>(peers).values()) {
      status.add(
          new PeerStatus(peer.id, peer.live != null, peer.queue.frames(), peer.queue.bytes()));
    }
    return status;
  }

  /** Calls this node is waiting for. */
  public int callsInFlight() {
    return calls.inFlight();
  }

  /** Open TCP connections, authenticated or not (for tests of the one-per-pair rule). */
  int openConnections() {
    return channels.size();
  }

  public TransportLimits limits() {
    return limits;
  }

  /** Says goodbye to every peer, stops listening and dialing, and releases the threads. */
  @Override
  public void close() {
    connections.stop();
    synchronized (this) {
      if (serverChannel != null) {
        serverChannel.close().awaitUninterruptibly();
      }
    }
    channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private Frame messageFrame(MessageChannel channel, ByteString payload) {
    return Frame.newBuilder()
        .setMessage(Message.newBuilder().setChannel(channel.wire()).setPayload(payload))
        .build();
  }

  private WriteBufferWaterMark waterMark() {
    return new WriteBufferWaterMark(
        limits.writeBufferLowWaterBytes(), limits.writeBufferHighWaterBytes());
  }

  private Bootstrap dialBootstrap() {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, limits.connectTimeoutMillis())
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark());
  }

  private static Scheduler eventLoopScheduler(EventLoopGroup group) {
    return (task, delayMillis) -> {
      io.netty.util.concurrent.ScheduledFuture<?> future =
          group.next().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    };
  }

  /**
   * Assembles a transport; only the TLS material, the pins and the message handler are required.
   */
  public static final class Builder {
    private final TlsMaterial material;
    private final MembershipPins pins;
    private final List<NodeId> members = new ArrayList<>();
    private final Map<String, RequestHandler> requestHandlers = new HashMap<>();
    private InetSocketAddress listenAddress = new InetSocketAddress("127.0.0.1", 0);
    private TransportLimits limits = TransportLimits.defaults();
    private TransportMetrics metrics = TransportMetrics.NONE;
    private MessageHandler messageHandler;
    private Scheduler scheduler;
    private RandomGenerator random = new SecureRandom();
    private Clock clock = Clock.systemUTC();

    private Builder(TlsMaterial material, MembershipPins pins) {
      this.material = material;
      this.pins = pins;
    }

    /**
     * The members this node talks to; by default every pinned node. A pinned node left out here is
     * refused like a non-member.
     */
    public Builder members(Iterable<NodeId> nodes) {
      for (NodeId node : nodes) {
        Invariants.argument(pins.contains(node), "member %s has no pinned certificate", node);
        members.add(node);
      }
      return this;
    }

    public Builder listenAddress(InetSocketAddress value) {
      listenAddress = value;
      return this;
    }

    public Builder limits(TransportLimits value) {
      limits = value;
      return this;
    }

    public Builder metrics(TransportMetrics value) {
      metrics = value;
      return this;
    }

    public Builder messageHandler(MessageHandler value) {
      messageHandler = value;
      return this;
    }

    /** Serves {@code method} (pattern {@code [a-z][a-z0-9./-]{0,63}}) with {@code handler}. */
    public Builder requestHandler(String method, RequestHandler handler) {
      Invariants.argument(
          FrameChecks.METHOD.matcher(method).matches(), "malformed method name '%s'", method);
      Invariants.argument(
          requestHandlers.putIfAbsent(method, handler) == null,
          "method %s registered twice",
          method);
      return this;
    }

    /** Where reconnect delays and call deadlines are scheduled; tests pass a manual one. */
    public Builder scheduler(Scheduler value) {
      scheduler = value;
      return this;
    }

    /** The jitter source of reconnect delays. */
    public Builder random(RandomGenerator value) {
      random = value;
      return this;
    }

    /** The clock certificates' validity is judged by. */
    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    public Transport build() throws SSLException {
      Invariants.argument(messageHandler != null, "a message handler is required");
      Invariants.argument(
          pins.contains(material.nodeId()),
          "this node (%s) is not in the membership",
          material.nodeId());
      MembershipTrustManager trust =
          new MembershipTrustManager(
              new PeerCertificateVerifier(material.authority(), pins, clock));
      return new Transport(
          this, TlsContexts.server(material, trust), TlsContexts.client(material, trust));
    }
  }
}
