package org.govchain.p2p;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Request;
import org.govchain.p2p.proto.Response;

/**
 * The calls this node is waiting for: correlation id → future, each with a deadline timer. At most
 * {@code inFlightMax} at once. A response is matched by correlation id and by the peer it came
 * from; a late or unknown response is dropped.
 */
final class Calls {
  private static final class Pending {
    final NodeId peer;
    final CompletableFuture<ByteString> future = new CompletableFuture<>();
    volatile Object sentOn;
    volatile Scheduler.Cancellable timer;

    Pending(NodeId peer) {
      this.peer = peer;
    }
  }

  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final int inFlightMax;
  private final Scheduler scheduler;

  Calls(int inFlightMax, Scheduler scheduler) {
    this.inFlightMax = inFlightMax;
    this.scheduler = scheduler;
  }

  CompletableFuture<ByteString> start(
      NodeId peer,
      String method,
      ByteString payload,
      long timeoutMillis,
      Function<Frame, SendResult> enqueue) {
    if (inFlight.incrementAndGet() > inFlightMax) {
      inFlight.decrementAndGet();
      return CompletableFuture.failedFuture(
          new CallException(
              CallException.Kind.QUEUE_FULL, inFlightMax + " calls already in flight"));
    }
    long id = nextId.incrementAndGet();
    Pending call = new Pending(peer);
    pending.put(id, call);
    call.timer =
        scheduler.schedule(
            () ->
                finish(
                    id,
                    null,
                    new CallException(
                        CallException.Kind.DEADLINE_EXCEEDED,
                        method + " to " + peer + ": no answer within " + timeoutMillis + " ms")),
            timeoutMillis);
    Frame frame =
        Frame.newBuilder()
            .setRequest(
                Request.newBuilder()
                    .setCorrelationId(id)
                    .setMethod(method)
                    .setTimeoutMillis((int) Math.min(timeoutMillis, Integer.MAX_VALUE))
                    .setPayload(payload))
            .build();
    SendResult result = enqueue.apply(frame);
    if (!result.accepted()) {
      CallException.Kind kind =
          switch (result) {
            case QUEUE_FULL -> CallException.Kind.QUEUE_FULL;
            case STOPPED -> CallException.Kind.STOPPED;
            case TOO_LARGE, UNKNOWN_PEER -> CallException.Kind.INVALID;
            case QUEUED -> throw new AssertionError("accepted");
          };
      finish(id, null, new CallException(kind, method + " to " + peer + ": " + result));
    }
    return call.future;
  }

  /** Records which connection carried the request, so its loss fails the call at once. */
  void markSent(long correlationId, Object connection) {
    Pending call = pending.get(correlationId);
    if (call != null) {
      call.sentOn = connection;
    }
  }

  /** Completes the call a response answers; false if none waits for it (late or unknown). */
  boolean complete(NodeId from, Response response) {
    Pending call = pending.get(response.getCorrelationId());
    if (call == null || !call.peer.equals(from)) {
      return false;
    }
    if (response.getStatus() == Response.Status.OK) {
      return finish(response.getCorrelationId(), response.getPayload(), null);
    }
    CallException.Kind kind =
        switch (response.getStatus()) {
          case NO_SUCH_METHOD -> CallException.Kind.NO_SUCH_METHOD;
          case OVERLOADED -> CallException.Kind.OVERLOADED;
          default -> CallException.Kind.FAILED;
        };
    return finish(
        response.getCorrelationId(),
        null,
        new CallException(kind, from + " answered: " + response.getError()));
  }

  /** Fails every call whose request went out on {@code connection}, which just closed. */
  void connectionLost(Object connection, NodeId peer) {
    for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
      if (entry.getValue().sentOn == connection) {
        finish(
            entry.getKey(),
            null,
            new CallException(
                CallException.Kind.CONNECTION_LOST, "the connection to " + peer + " closed"));
      }
    }
  }

  void stopAll() {
    for (Long id : pending.keySet()) {
      finish(id, null, new CallException(CallException.Kind.STOPPED, "the transport stopped"));
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  private boolean finish(long id, ByteString result, CallException error) {
    Pending call = pending.remove(id);
    if (call == null) {
      return false;
    }
    inFlight.decrementAndGet();
    Scheduler.Cancellable timer = call.timer;
    if (timer != null) {
      timer.cancel();
    }
    if (error == null) {
      call.future.complete(result);
    } else {
      call.future.completeExceptionally(error);
    }
    return true;
  }
}
