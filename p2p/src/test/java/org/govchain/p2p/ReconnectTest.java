package org.govchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.SplittableRandom;
import org.govchain.p2p.TransportFixture.Node;
import org.govchain.p2p.testing.Await;
import org.govchain.p2p.testing.ManualScheduler;
import org.govchain.p2p.testing.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reconnect timing, driven by a manual clock and a seeded random source: delays grow as the backoff
 * says, a dial happens only when its delay has passed, and frames queued while the peer was away go
 * out once it is back.
 */
class ReconnectTest {
  private static final long BASE_MILLIS = 100;
  private static final long MAX_MILLIS = 1_000;
  private static final long SEED = 2026;

  private final TransportFixture fixture = new TransportFixture(2);

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void dialsBackOffExponentiallyWithJitterUntilThePeerAppears() throws Exception {
    InetSocketAddress vacant;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      vacant = new InetSocketAddress("127.0.0.1", probe.getLocalPort());
    }
    ManualScheduler time = new ManualScheduler();
    Node dialer =
        fixture.start(
            0,
            TransportFixture.quickLimits().reconnect(BASE_MILLIS, MAX_MILLIS).build(),
            builder -> builder.scheduler(time).random(new SplittableRandom(SEED)));
    dialer.transport.connect(Map.of(TestNetwork.id(1), vacant));
    assertEquals(
        SendResult.QUEUED,
        dialer.transport.send(
            TestNetwork.id(1), MessageChannel.CONSENSUS, ByteString.copyFromUtf8("queued early")));

    Backoff expected = new Backoff(BASE_MILLIS, MAX_MILLIS, new SplittableRandom(SEED));
    for (int failures = 1; failures <= 6; failures++) {
      int attempt = failures;
      Await.until(
          "dial " + attempt + " failed and a retry is scheduled", () -> time.pending() == 1);
      long delay = time.nextDelayMillis();
      assertEquals(expected.delayMillis(failures), delay, "delay after " + failures + " failures");
      assertTrue(delay <= MAX_MILLIS);
      assertEquals(failures, dialer.metrics.reconnectDelays.size());
      time.advance(delay - 1);
      assertEquals(1, time.pending(), "not dialed before the delay has passed");
      time.advance(1);
    }

    Await.until("the last retry is scheduled", () -> time.pending() == 1);
    Node peer = fixture.startOn(1, vacant, TransportFixture.quickLimits().build(), builder -> {});
    time.advance(time.nextDelayMillis());
    Await.until("connected", () -> dialer.transport.isConnected(peer.id()));
    Await.until("the queued frame arrives", () -> peer.received.size() == 1);
    assertEquals("queued early", peer.received.get(0).payload().toStringUtf8());
    assertEquals(0, time.pending(), "no dial is scheduled while connected");
  }
}
