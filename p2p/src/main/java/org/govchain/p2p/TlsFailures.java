package org.govchain.p2p;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.govchain.p2p.tls.PeerRefusedException;
import org.govchain.p2p.tls.RefusalReason;

/** Names the reason of a failed TLS handshake from the exception the JDK engine raised. */
final class TlsFailures {
  private TlsFailures() {}

  static RefusalReason classify(Throwable error) {
    PeerRefusedException refused = PeerRefusedException.findIn(error);
    if (refused != null) {
      return refused.reason();
    }
    if (find(error, SslHandshakeTimeoutException.class) != null) {
      return RefusalReason.HANDSHAKE_TIMEOUT;
    }
    if (find(error, NotSslRecordException.class) != null) {
      return RefusalReason.TLS_FAILURE;
    }
    SSLException ssl = find(error, SSLException.class);
    String message = ssl == null || ssl.getMessage() == null ? "" : ssl.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("empty client certificate chain")
        || lower.contains("certificate_required")) {
      return RefusalReason.NO_CERTIFICATE;
    }
    if (lower.contains("protocol")
        && (lower.contains("version") || lower.contains("not enabled"))) {
      return RefusalReason.TLS_VERSION;
    }
    return RefusalReason.TLS_FAILURE;
  }

  /** Whether the failure is about TLS itself (not a socket that went away). */
  static boolean isTlsError(Throwable error) {
    return find(error, SSLException.class) != null
        || find(error, NotSslRecordException.class) != null
        || find(error, SslHandshakeTimeoutException.class) != null;
  }

  static String describe(Throwable error) {
    PeerRefusedException refused = PeerRefusedException.findIn(error);
    if (refused != null) {
      return refused.getMessage();
    }
    Throwable shown = deepest(error);
    String message = shown.getMessage();
    String text = shown.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private static Throwable deepest(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current.getCause() != null && depth < 8; depth++) {
      current = current.getCause();
    }
    return current;
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    int depth = 0;
    for (Throwable cause = error; cause != null && depth < 8; cause = cause.getCause(), depth++) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
