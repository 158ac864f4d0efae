package org.govchain.p2p.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * The two TLS contexts of a node: TLS 1.3 only, mutual authentication required, and every peer
 * certificate judged by the membership trust manager. Host names play no part: a node is known by
 * the node id in its certificate, not by an address.
 */
public final class TlsContexts {
  public static final String TLS_1_3 = "TLSv1.3";

  private TlsContexts() {}

  public static SslContext server(TlsMaterial material, TrustManager trustManager)
      throws SSLException {
    return SslContextBuilder.forServer(material.privateKey(), material.certificate())
        .sslProvider(SslProvider.JDK)
        .protocols(TLS_1_3)
        .clientAuth(ClientAuth.REQUIRE)
        .trustManager(trustManager)
        .build();
  }

  public static SslContext client(TlsMaterial material, TrustManager trustManager)
      throws SSLException {
    return SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .keyManager(material.privateKey(), material.certificate())
        .protocols(TLS_1_3)
        .trustManager(trustManager)
        .endpointIdentificationAlgorithm(null)
        .build();
  }
}
