package org.govchain.node.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.govchain.api.v1.NodeServiceGrpc;
import org.govchain.node.config.HostPort;

/** A TLS channel to a node's gRPC API, authenticated with a client certificate of the network. */
public final class ApiClient implements AutoCloseable {
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final ManagedChannel channel;

  public ApiClient(HostPort address, ClientCredentials credentials) throws IOException {
    Path missing = credentials.missing();
    if (missing != null) {
      throw new IOException(missing + " does not exist");
    }
    try (InputStream authority = Files.newInputStream(credentials.authority());
        InputStream certificate = Files.newInputStream(credentials.certificate());
        InputStream key = Files.newInputStream(credentials.key())) {
      this.channel =
          NettyChannelBuilder.forAddress(address.host(), address.port())
              .sslContext(
                  GrpcSslContexts.configure(
                          io.netty.handler.ssl.SslContextBuilder.forClient(), SslProvider.JDK)
                      .protocols("TLSv1.3")
                      .trustManager(authority)
                      .keyManager(certificate, key)
                      .build())
              .maxInboundMessageSize(MAX_MESSAGE_BYTES)
              .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IOException("client TLS material: " + e.getMessage(), e);
    }
  }

  public NodeServiceGrpc.NodeServiceBlockingStub node(long deadlineMillis) {
    return NodeServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
