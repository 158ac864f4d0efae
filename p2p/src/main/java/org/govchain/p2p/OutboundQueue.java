package org.govchain.p2p;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.govchain.core.Invariants;

/**
 * One peer's bounded outbound queue: a FIFO per {@link Lane}, at most {@code laneFramesMax} frames
 * each and {@code bytesMax} bytes in all. A full queue refuses the new frame; it never drops one it
 * accepted. Drained by weighted round robin (see {@link Lane}). Thread-safe: senders offer from any
 * thread, the connection's event loop polls.
 */
final class OutboundQueue {
  private static final Lane[] LANES = Lane.values();

  private final List<ArrayDeque<QueuedFrame>> lanes;
  private final int laneFramesMax;
  private final long bytesMax;
  private long bytes;
  private int frames;
  private int cursor;
  private int credits = LANES[0].weight;

  OutboundQueue(int laneFramesMax, long bytesMax) {
    List<ArrayDeque<QueuedFrame>> queues = new ArrayList<>(LANES.length);
    for (int i = 0; i < LANES.length; i++) {
      queues.add(new ArrayDeque<>());
    }
    this.lanes = List.copyOf(queues);
    this.laneFramesMax = laneFramesMax;
    this.bytesMax = bytesMax;
  }

  synchronized SendResult offer(QueuedFrame frame) {
    ArrayDeque<QueuedFrame> lane = lanes.get(frame.lane().ordinal());
    if (lane.size() >= laneFramesMax || bytes + frame.wireBytes() > bytesMax) {
      return SendResult.QUEUE_FULL;
    }
    lane.addLast(frame);
    bytes += frame.wireBytes();
    frames++;
    return SendResult.QUEUED;
  }

  /** The next frame to write, or null when every lane is empty. */
  synchronized QueuedFrame poll() {
    if (frames == 0) {
      return null;
    }
    for (int visited = 0; visited <= LANES.length; visited++) {
      ArrayDeque<QueuedFrame> lane = lanes.get(cursor);
      if (credits > 0 && !lane.isEmpty()) {
        credits--;
        QueuedFrame frame = lane.pollFirst();
        bytes -= frame.wireBytes();
        frames--;
        Invariants.check(bytes >= 0 && frames >= 0, "queue accounting went negative");
        return frame;
      }
      cursor = (cursor + 1) % LANES.length;
      credits = LANES[cursor].weight;
    }
    throw new AssertionError("queue holds " + frames + " frames but no lane has one");
  }

  synchronized int frames() {
    return frames;
  }

  synchronized long bytes() {
    return bytes;
  }
}
