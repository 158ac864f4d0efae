package org.govchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.TransportFixture.Node;
import org.govchain.p2p.testing.Await;
import org.govchain.p2p.testing.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request/response calls between two nodes over loopback TLS. Deadlines run on a manual scheduler,
 * so "no answer in time" is decided by the test, not by the machine's speed.
 */
class CallsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private final TransportFixture fixture = new TransportFixture(2);
  private final ManualScheduler callerTime = new ManualScheduler();
  private final List<CompletableFuture<ByteString>> unanswered = new CopyOnWriteArrayList<>();
  private Node server;
  private Node caller;

  @BeforeEach
  void start() throws Exception {
    server =
        fixture.start(
            0,
            TransportFixture.quickLimits()
                .servedCallsPerPeerMax(2)
                .frameBytesMax(64 * 1024)
                .build(),
            builder ->
                builder
                    .requestHandler(
                        "blocks.get",
                        (from, request) ->
                            CompletableFuture.completedFuture(
                                ByteString.copyFromUtf8("block ").concat(request)))
                    .requestHandler(
                        "vault.release",
                        (from, request) -> {
                          throw new IllegalStateException("no grant covers this item");
                        })
                    .requestHandler(
                        "vault.slow",
                        (from, request) -> {
                          CompletableFuture<ByteString> never = new CompletableFuture<>();
                          unanswered.add(never);
                          return never;
                        })
                    .requestHandler(
                        "blocks.huge",
                        (from, request) ->
                            CompletableFuture.completedFuture(
                                ByteString.copyFrom(new byte[128 * 1024]))));
    caller = fixture.start(1, TransportFixture.quickLimits().build(), b -> b.scheduler(callerTime));
    caller.transport.connect(TransportFixture.addresses(server));
    Await.until("connected", () -> caller.transport.isConnected(server.id()));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private CallException failure(CompletableFuture<ByteString> call) {
    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> call.get(20, TimeUnit.SECONDS));
    return assertInstanceOf(CallException.class, thrown.getCause());
  }

  private CompletableFuture<ByteString> call(String method) {
    return caller.transport.call(server.id(), method, ByteString.copyFromUtf8("7"), DEADLINE);
  }

  @Test
  void aCallIsAnsweredWithTheHandlersResult() throws Exception {
    assertEquals("block 7", call("blocks.get").get(20, TimeUnit.SECONDS).toStringUtf8());
    assertEquals(0, caller.transport.callsInFlight());
  }

  @Test
  void anUnknownMethodIsAnsweredNoSuchMethod() {
    assertEquals(CallException.Kind.NO_SUCH_METHOD, failure(call("blocks.nope")).kind());
  }

  @Test
  void aFailingHandlerAnswersFailedWithItsReason() {
    CallException failed = failure(call("vault.release"));
    assertEquals(CallException.Kind.FAILED, failed.kind());
    assertTrue(failed.getMessage().contains("no grant covers this item"), failed.getMessage());
  }

  @Test
  void anOversizedAnswerIsRefusedByTheServer() {
    assertEquals(CallException.Kind.FAILED, failure(call("blocks.huge")).kind());
  }

  @Test
  void aSilentPeerMissesTheDeadline() {
    CompletableFuture<ByteString> call = call("vault.slow");
    Await.until("the request reached the handler", () -> unanswered.size() == 1);
    callerTime.advance(DEADLINE.toMillis() - 1);
    assertFalse(call.isDone());
    callerTime.advance(1);
    assertEquals(CallException.Kind.DEADLINE_EXCEEDED, failure(call).kind());
    assertEquals(0, caller.transport.callsInFlight());
  }

  @Test
  void callsBeyondThePerPeerLimitAreAnsweredOverloaded() {
    call("vault.slow");
    call("vault.slow");
    Await.until("two calls being served", () -> unanswered.size() == 2);
    assertEquals(CallException.Kind.OVERLOADED, failure(call("vault.slow")).kind());
    unanswered.forEach(future -> future.complete(ByteString.EMPTY));
  }

  @Test
  void aLateAnswerAfterTheDeadlineIsDropped() throws Exception {
    CompletableFuture<ByteString> call = call("vault.slow");
    Await.until("the request reached the handler", () -> unanswered.size() == 1);
    callerTime.advance(DEADLINE.toMillis());
    assertEquals(CallException.Kind.DEADLINE_EXCEEDED, failure(call).kind());
    unanswered.get(0).complete(ByteString.copyFromUtf8("too late"));
    // The connection survives a late answer, and the next call works.
    assertEquals("block 7", call("blocks.get").get(20, TimeUnit.SECONDS).toStringUtf8());
  }

  @Test
  void losingTheConnectionFailsTheCallsItCarried() {
    CompletableFuture<ByteString> call = call("vault.slow");
    Await.until("the request reached the handler", () -> unanswered.size() == 1);
    server.transport.close();
    assertEquals(CallException.Kind.CONNECTION_LOST, failure(call).kind());
  }

  @Test
  void invalidCallsFailAtOnce() {
    assertEquals(
        CallException.Kind.INVALID,
        failure(caller.transport.call(server.id(), "Bad Name", ByteString.EMPTY, DEADLINE)).kind());
    assertEquals(
        CallException.Kind.INVALID,
        failure(
                caller.transport.call(
                    new NodeId("stranger"), "blocks.get", ByteString.EMPTY, DEADLINE))
            .kind());
    assertEquals(
        CallException.Kind.INVALID,
        failure(
                caller.transport.call(
                    server.id(), "blocks.get", ByteString.copyFrom(new byte[5 << 20]), DEADLINE))
            .kind());
  }
}
