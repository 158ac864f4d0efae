package org.govchain.p2p;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Request;
import org.govchain.p2p.proto.Response;

/**
 * Serves calls from peers with the registered handlers, at most {@code perPeerMax} at once per
 * peer, answering every request exactly once (unless the answer cannot be queued: then the caller's
 * deadline answers for us).
 */
final class RequestServer {
  private final Map<String, RequestHandler> handlers;
  private final int perPeerMax;
  private final int payloadBytesMax;

  RequestServer(Map<String, RequestHandler> handlers, int perPeerMax, int payloadBytesMax) {
    this.handlers = Map.copyOf(handlers);
    this.perPeerMax = perPeerMax;
    this.payloadBytesMax = payloadBytesMax;
  }

  /** Serves {@code request}; {@code respond} queues the response frame for {@code peer}. */
  void serve(Peer peer, Request request, BiConsumer<Peer, Frame> respond) {
    long id = request.getCorrelationId();
    RequestHandler handler = handlers.get(request.getMethod());
    if (handler == null) {
      answer(
          respond,
          peer,
          id,
          Response.Status.NO_SUCH_METHOD,
          "no method " + request.getMethod(),
          null);
      return;
    }
    if (peer.servedCalls.incrementAndGet() > perPeerMax) {
      peer.servedCalls.decrementAndGet();
      answer(
          respond, peer, id, Response.Status.OVERLOADED, perPeerMax + " calls in progress", null);
      return;
    }
    CompletableFuture<ByteString> result;
    try {
      result = handler.handle(peer.id, request.getPayload());
      if (result == null) {
        throw new IllegalStateException("the handler returned no future");
      }
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.whenComplete(
        (payload, error) -> {
          peer.servedCalls.decrementAndGet();
          if (error != null) {
            answer(respond, peer, id, Response.Status.FAILED, describe(error), null);
          } else if (payload == null || payload.size() > payloadBytesMax) {
            String size = payload == null ? "no" : payload.size() + " bytes of";
            answer(
                respond,
                peer,
                id,
                Response.Status.FAILED,
                "the handler returned " + size + " payload",
                null);
          } else {
            answer(respond, peer, id, Response.Status.OK, "", payload);
          }
        });
  }

  private static void answer(
      BiConsumer<Peer, Frame> respond,
      Peer peer,
      long id,
      Response.Status status,
      String error,
      ByteString body) {
    Response.Builder response = Response.newBuilder().setCorrelationId(id).setStatus(status);
    if (!error.isEmpty()) {
      response.setError(truncate(error));
    }
    if (body != null) {
      response.setPayload(body);
    }
    respond.accept(peer, Frame.newBuilder().setResponse(response).build());
  }

  private static String describe(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String truncate(String text) {
    return text.length() <= FrameChecks.ERROR_CHARACTERS_MAX
        ? text
        : text.substring(0, FrameChecks.ERROR_CHARACTERS_MAX);
  }
}
