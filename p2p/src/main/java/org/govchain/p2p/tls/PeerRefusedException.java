package org.govchain.p2p.tls;

import java.security.cert.CertificateException;

/**
 * A peer's certificate was refused. It extends {@link CertificateException} so that a trust manager
 * can throw it through the JDK's TLS engine, which fails the handshake; the transport finds it in
 * the cause chain and reads the {@link #reason()}.
 */
public final class PeerRefusedException extends CertificateException {
  private static final long serialVersionUID = 1L;

  private final RefusalReason reason;

  public PeerRefusedException(RefusalReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public RefusalReason reason() {
    return reason;
  }

  /** The {@link PeerRefusedException} somewhere in {@code error}'s cause chain, or null. */
  public static PeerRefusedException findIn(Throwable error) {
    int depth = 0;
    for (Throwable cause = error; cause != null && depth < 16; cause = cause.getCause(), depth++) {
      if (cause instanceof PeerRefusedException refused) {
        return refused;
      }
    }
    return null;
  }
}
