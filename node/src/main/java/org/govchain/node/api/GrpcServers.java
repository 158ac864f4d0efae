package org.govchain.node.api;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.govchain.core.MalformedInputException;
import org.govchain.node.config.NodeConfig;
import org.govchain.p2p.tls.TlsMaterial;

/**
 * The node's gRPC server: TLS 1.3 with the node's certificate; clients present a certificate issued
 * by the network authority (departments and terminals receive theirs from the network's operator).
 * Message sizes, concurrent calls and idle connections are bounded; health and reflection services
 * are on.
 */
public final class GrpcServers {
  static final int MAX_CONCURRENT_CALLS_PER_CONNECTION = 256;
  static final int HANDLER_THREADS = 4;

  private GrpcServers() {}

  /** Starts the API server with {@code services}, each behind the caller check. */
  public static Server start(NodeConfig config, java.util.List<io.grpc.BindableService> services)
      throws IOException {
    SslContext ssl = sslContext(config);
    ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, daemon());
    HealthStatusManager health = new HealthStatusManager();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(config.listen().grpc().toSocketAddress())
            .sslContext(ssl)
            .executor(handlers)
            .maxInboundMessageSize(config.limits().grpcMessageBytes())
            .maxInboundMetadataSize(16 * 1024)
            .maxConcurrentCallsPerConnection(MAX_CONCURRENT_CALLS_PER_CONNECTION)
            .maxConnectionIdle(10, TimeUnit.MINUTES)
            .permitKeepAliveTime(10, TimeUnit.SECONDS);
    for (io.grpc.BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, new CallerInterceptor()));
    }
    Server server =
        builder
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .build();
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(handlers::shutdownNow, "govchain-grpc-stop"));
    return server;
  }

  public static void stop(Server server) {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }

  private static SslContext sslContext(NodeConfig config) throws IOException {
    TlsMaterial tls;
    try {
      tls =
          TlsMaterial.fromPem(
              Files.readString(config.tls().key()),
              Files.readString(config.tls().certificate()),
              Files.readString(config.tls().authority()));
    } catch (MalformedInputException e) {
      throw new IOException("tls: " + e.getMessage(), e);
    }
    return GrpcSslContexts.configure(
            io.netty.handler.ssl.SslContextBuilder.forServer(tls.privateKey(), tls.certificate()),
            SslProvider.JDK)
        .protocols("TLSv1.3")
        .trustManager(tls.authority())
        .clientAuth(ClientAuth.REQUIRE)
        .build();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "govchain-grpc-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
