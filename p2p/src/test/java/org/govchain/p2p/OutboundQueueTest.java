package org.govchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Message;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private static QueuedFrame frame(Lane lane, int sequence, int wireBytes) {
    Frame frame =
        Frame.newBuilder()
            .setMessage(
                Message.newBuilder().setPayload(ByteString.copyFromUtf8(lane + "-" + sequence)))
            .build();
    return new QueuedFrame(lane, frame, wireBytes);
  }

  private static String label(QueuedFrame frame) {
    return frame.frame().getMessage().getPayload().toStringUtf8();
  }

  @Test
  void aFullLaneRefusesTheNewestAndKeepsWhatItAccepted() {
    OutboundQueue queue = new OutboundQueue(2, 1_000_000);
    assertEquals(SendResult.QUEUED, queue.offer(frame(Lane.CONSENSUS, 0, 10)));
    assertEquals(SendResult.QUEUED, queue.offer(frame(Lane.CONSENSUS, 1, 10)));
    assertEquals(SendResult.QUEUE_FULL, queue.offer(frame(Lane.CONSENSUS, 2, 10)));
    assertEquals(SendResult.QUEUED, queue.offer(frame(Lane.BLOCK_SYNC, 0, 10)), "other lanes");
    assertEquals("CONSENSUS-0", label(queue.poll()));
    assertEquals("CONSENSUS-1", label(queue.poll()));
    assertEquals("BLOCK_SYNC-0", label(queue.poll()));
    assertNull(queue.poll());
  }

  @Test
  void theByteLimitHoldsOverAllLanes() {
    OutboundQueue queue = new OutboundQueue(100, 100);
    assertEquals(SendResult.QUEUED, queue.offer(frame(Lane.CONSENSUS, 0, 60)));
    assertEquals(SendResult.QUEUE_FULL, queue.offer(frame(Lane.TRANSACTIONS, 0, 41)));
    assertEquals(SendResult.QUEUED, queue.offer(frame(Lane.TRANSACTIONS, 1, 40)));
    assertEquals(100, queue.bytes());
    assertEquals(2, queue.frames());
    queue.poll();
    assertEquals(40, queue.bytes());
    assertEquals(SendResult.QUEUED, queue.offer(frame(Lane.BLOCK_SYNC, 0, 60)));
  }

  @Test
  void drainingIsWeightedRoundRobinAndFifoWithinALane() {
    OutboundQueue queue = new OutboundQueue(1000, 1_000_000);
    for (int i = 0; i < 20; i++) {
      for (Lane lane : Lane.values()) {
        queue.offer(frame(lane, i, 1));
      }
    }
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      order.add(label(queue.poll()));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      expected.add("CONSENSUS-" + i);
    }
    for (int i = 0; i < 4; i++) {
      expected.add("CALLS-" + i);
    }
    expected.add("TRANSACTIONS-0");
    expected.add("TRANSACTIONS-1");
    expected.add("BLOCK_SYNC-0");
    assertEquals(expected, order);
    assertEquals("CONSENSUS-8", label(queue.poll()), "the next round starts at consensus again");
  }

  @Test
  void aLoneLowPriorityLaneDrainsCompletely() {
    OutboundQueue queue = new OutboundQueue(1000, 1_000_000);
    for (int i = 0; i < 5; i++) {
      queue.offer(frame(Lane.BLOCK_SYNC, i, 1));
    }
    for (int i = 0; i < 5; i++) {
      assertEquals("BLOCK_SYNC-" + i, label(queue.poll()));
    }
    assertNull(queue.poll());
    assertEquals(0, queue.bytes());
  }
}
