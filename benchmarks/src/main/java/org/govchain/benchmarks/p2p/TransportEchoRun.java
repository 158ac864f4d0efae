package org.govchain.benchmarks.p2p;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.govchain.p2p.MessageChannel;
import org.govchain.p2p.SendResult;
import org.govchain.p2p.Transport;
import org.govchain.p2p.TransportLimits;

/**
 * Two govchain transports in one JVM: the sender sends frames on the block-sync channel, the echo
 * node sends each payload back, and each echo lets the sender send one more (a fixed window).
 */
final class TransportEchoRun implements EchoRun {
  private final Transport sender;
  private final Transport echo;
  private final ByteString payload;
  private final int window;
  private final AtomicLong echoed = new AtomicLong();

  TransportEchoRun(BenchmarkNetwork network, int payloadBytes, int window)
      throws SSLException, IOException {
    this.payload = ByteString.copyFrom(new byte[payloadBytes]);
    this.window = window;
    TransportLimits limits = TransportLimits.builder().ioThreads(1).build();
    Transport[] echoHolder = new Transport[1];
    echo =
        Transport.builder(network.echoMaterial(), network.pins)
            .members(List.of(BenchmarkNetwork.SENDER, BenchmarkNetwork.ECHO))
            .limits(limits)
            .messageHandler((from, channel, body) -> check(echoHolder[0].send(from, channel, body)))
            .build();
    echoHolder[0] = echo;
    sender =
        Transport.builder(network.senderMaterial(), network.pins)
            .members(List.of(BenchmarkNetwork.SENDER, BenchmarkNetwork.ECHO))
            .limits(limits)
            .messageHandler(
                (from, channel, body) -> {
                  echoed.incrementAndGet();
                  sendOne();
                })
            .build();
    var echoAddress = echo.start();
    sender.start();
    sender.connect(Map.of(BenchmarkNetwork.ECHO, echoAddress));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!sender.isConnected(BenchmarkNetwork.ECHO)
        || !echo.isConnected(BenchmarkNetwork.SENDER)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the transports did not connect");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  private static void check(SendResult result) {
    if (!result.accepted()) {
      throw new IllegalStateException("the window should keep queues short, but got " + result);
    }
  }

  private void sendOne() {
    check(sender.send(BenchmarkNetwork.ECHO, MessageChannel.BLOCK_SYNC, payload));
  }

  @Override
  public void start() {
    for (int i = 0; i < window; i++) {
      sendOne();
    }
  }

  @Override
  public long echoed() {
    return echoed.get();
  }

  @Override
  public String cipherSuite() {
    return "JDK TLSv1.3 (transport)";
  }

  @Override
  public void close() {
    sender.close();
    echo.close();
  }
}
