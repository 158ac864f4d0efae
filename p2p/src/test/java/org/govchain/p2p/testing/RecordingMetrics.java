package org.govchain.p2p.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.CloseReason;
import org.govchain.p2p.SendResult;
import org.govchain.p2p.TransportMetrics;
import org.govchain.p2p.tls.RefusalReason;

/** Counts what the transport reports, for assertions. */
public final class RecordingMetrics implements TransportMetrics {
  public final Map<RefusalReason, AtomicLong> refusals = new ConcurrentHashMap<>();
  public final Map<CloseReason, AtomicLong> unauthenticatedCloses = new ConcurrentHashMap<>();
  public final Map<CloseReason, AtomicLong> disconnects = new ConcurrentHashMap<>();
  public final Map<SendResult, AtomicLong> sendRefusals = new ConcurrentHashMap<>();
  public final List<Long> reconnectDelays = new CopyOnWriteArrayList<>();
  public final AtomicLong connects = new AtomicLong();
  public final AtomicLong bytesSent = new AtomicLong();
  public final AtomicLong bytesReceived = new AtomicLong();
  public final AtomicLong controlFramesReceived = new AtomicLong();
  public final AtomicLong framesSent = new AtomicLong();
  public final AtomicLong maxQueuedBytes = new AtomicLong();

  @Override
  public void frameSent(NodeId peer, FrameKind kind, int wireBytes) {
    framesSent.incrementAndGet();
    bytesSent.addAndGet(wireBytes);
  }

  @Override
  public void frameReceived(NodeId peer, FrameKind kind, int wireBytes) {
    bytesReceived.addAndGet(wireBytes);
    if (kind == FrameKind.CONTROL) {
      controlFramesReceived.incrementAndGet();
    }
  }

  @Override
  public void queueDepth(NodeId peer, int frames, long bytes) {
    maxQueuedBytes.accumulateAndGet(bytes, Math::max);
  }

  @Override
  public void sendRefused(NodeId peer, SendResult result) {
    count(sendRefusals, result);
  }

  @Override
  public void handshakeRefused(RefusalReason reason) {
    count(refusals, reason);
  }

  @Override
  public void connected(NodeId peer) {
    connects.incrementAndGet();
  }

  @Override
  public void disconnected(NodeId peer, CloseReason reason) {
    count(disconnects, reason);
  }

  @Override
  public void unauthenticatedClosed(CloseReason reason) {
    count(unauthenticatedCloses, reason);
  }

  @Override
  public void reconnectScheduled(NodeId peer, long delayMillis) {
    reconnectDelays.add(delayMillis);
  }

  public long refusals(RefusalReason reason) {
    AtomicLong count = refusals.get(reason);
    return count == null ? 0 : count.get();
  }

  public long disconnects(CloseReason reason) {
    AtomicLong count = disconnects.get(reason);
    return count == null ? 0 : count.get();
  }

  public long unauthenticatedCloses(CloseReason reason) {
    AtomicLong count = unauthenticatedCloses.get(reason);
    return count == null ? 0 : count.get();
  }

  public long sendRefusals(SendResult result) {
    AtomicLong count = sendRefusals.get(result);
    return count == null ? 0 : count.get();
  }

  public long totalRefusals() {
    return refusals.values().stream().mapToLong(AtomicLong::get).sum();
  }

  private static <K> void count(Map<K, AtomicLong> map, K key) {
    map.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
  }
}
