package org.govchain.node.api;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Puts the caller's verified client certificate in the call's context ({@link #CALLER}); a call
 * without one is refused with UNAUTHENTICATED (the TLS layer already requires one: this is the
 * second lock on the door).
 */
public final class CallerInterceptor implements ServerInterceptor {
  /** The caller's certificate, for services that decide by who is calling. */
  public static final Context.Key<X509Certificate> CALLER = Context.key("govchain-caller");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    X509Certificate caller = null;
    if (session != null) {
      try {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
          caller = certificate;
        }
      } catch (SSLPeerUnverifiedException e) {
        caller = null;
      }
    }
    if (caller == null) {
      call.close(
          Status.UNAUTHENTICATED.withDescription("a client certificate of the network is required"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
  }

  /**
   * The principal (department or terminal) the current call's client certificate names, or empty if
   * it names none.
   */
  public static java.util.Optional<String> callerName() {
    X509Certificate caller = CALLER.get();
    if (caller == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(org.govchain.p2p.tls.NodeIdentity.of(caller).value());
    } catch (org.govchain.core.MalformedInputException e) {
      return java.util.Optional.empty();
    }
  }
}
