package org.govchain.p2p.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Plugs {@link PeerCertificateVerifier} into the JDK's TLS engine, for both directions: a refused
 * certificate fails the handshake with a {@link PeerRefusedException} naming the reason.
 *
 * <p>It advertises no accepted issuers, so a peer cannot learn the network authority's name from
 * the handshake and sends whatever certificate it has — which then gets refused with the precise
 * reason instead of an empty certificate message.
 */
public final class MembershipTrustManager extends X509ExtendedTrustManager {
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  private final PeerCertificateVerifier verifier;

  public MembershipTrustManager(PeerCertificateVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verifier.verify(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verifier.verify(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verifier.verify(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verifier.verify(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verifier.verify(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verifier.verify(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS;
  }
}
