package org.govchain.p2p;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Hello;
import org.govchain.p2p.testing.RecordingMetrics;
import org.govchain.p2p.testing.TestNetwork;
import org.govchain.p2p.tls.IssuedCertificate;
import org.govchain.p2p.tls.TlsMaterial;

/** Transports of a {@link TestNetwork} on loopback, with recorded inbound traffic. */
final class TransportFixture implements AutoCloseable {
  /** One received message. */
  record Received(NodeId from, MessageChannel channel, ByteString payload) {}

  final TestNetwork network;
  final EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

  TransportFixture(int size) {
    network = new TestNetwork(size);
  }

  /** Limits with short timeouts so tests finish quickly; real timers, awaited with deadlines. */
  static TransportLimits.Builder quickLimits() {
    return TransportLimits.builder()
        .handshakeTimeoutMillis(2_000)
        .frameAssemblyTimeoutMillis(500)
        .keepAlive(300, 3_000)
        .writeStallTimeoutMillis(1_000)
        .reconnect(20, 400)
        .ioThreads(1);
  }

  /** A started node with a recording handler. */
  final class Node {
    final int index;
    final Transport transport;
    final RecordingMetrics metrics;
    final List<Received> received;
    final InetSocketAddress address;

    Node(
        int index,
        Transport transport,
        RecordingMetrics metrics,
        List<Received> received,
        InetSocketAddress address) {
      this.index = index;
      this.transport = transport;
      this.metrics = metrics;
      this.received = received;
      this.address = address;
    }

    NodeId id() {
      return TestNetwork.id(index);
    }
  }

  Node start(int index, TransportLimits limits, Consumer<Transport.Builder> extra)
      throws IOException {
    return startOn(index, new InetSocketAddress("127.0.0.1", 0), limits, extra);
  }

  Node start(int index) throws IOException {
    return start(index, quickLimits().build(), builder -> {});
  }

  Node startOn(
      int index,
      InetSocketAddress listen,
      TransportLimits limits,
      Consumer<Transport.Builder> extra)
      throws IOException {
    RecordingMetrics metrics = new RecordingMetrics();
    List<Received> inbox = new CopyOnWriteArrayList<>();
    Transport.Builder builder =
        Transport.builder(network.material(index), network.pins)
            .members(network.ids())
            .listenAddress(listen)
            .limits(limits)
            .metrics(metrics)
            .clock(TestNetwork.clock())
            .messageHandler(
                (from, channel, payload) -> inbox.add(new Received(from, channel, payload)));
    extra.accept(builder);
    Transport transport = builder.build();
    opened.add(transport);
    InetSocketAddress bound = transport.start();
    return new Node(index, transport, metrics, inbox, bound);
  }

  static Map<NodeId, InetSocketAddress> addresses(Node... nodes) {
    Map<NodeId, InetSocketAddress> map = new ConcurrentHashMap<>();
    for (Node node : nodes) {
      map.put(node.id(), node.address);
    }
    return map;
  }

  /** TLS client context of a hostile peer presenting {@code certificate} (or none). */
  SslContext clientContext(IssuedCertificate certificate, String protocol) throws Exception {
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .trustManager(InsecureTrustManagerFactory.INSTANCE)
            .protocols(protocol)
            .endpointIdentificationAlgorithm(null);
    if (certificate != null) {
      builder.keyManager(certificate.privateKey(), certificate.certificate());
    }
    return builder.build();
  }

  SslContext memberClientContext(int index) throws Exception {
    return clientContext(network.nodes.get(index), "TLSv1.3");
  }

  static ByteBuf hello(NodeId claimed) {
    return FrameCodec.encode(
        ByteBufAllocator.DEFAULT,
        Frame.newBuilder()
            .setHello(
                Hello.newBuilder()
                    .setProtocolVersion(SessionHandler.PROTOCOL_VERSION)
                    .setNodeId(claimed.value()))
            .build());
  }

  static ByteBuf frame(Frame frame) {
    return FrameCodec.encode(ByteBufAllocator.DEFAULT, frame);
  }

  TlsMaterial material(int index) {
    return network.material(index);
  }

  void track(AutoCloseable closeable) {
    opened.add(closeable);
  }

  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(opened);
    java.util.Collections.reverse(reversed);
    for (AutoCloseable closeable : reversed) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a test transport failed", e);
      }
    }
    clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
