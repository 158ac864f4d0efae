package org.govchain.pbft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.govchain.pbft.proto.PbftMessage;

/**
 * Messages for a view or sequence this replica has not reached yet, kept per sender and bounded:
 * when a sender's queue is full its oldest message is dropped, so a flood costs the flooder only.
 */
final class FutureBuffer {
  record Held(int sender, PbftMessage message) {}

  private final List<ArrayDeque<PbftMessage>> bySender;
  private final int perSenderMax;

  FutureBuffer(int senders, int perSenderMax) {
    this.bySender = new ArrayList<>(senders);
    for (int i = 0; i < senders; i++) {
      bySender.add(new ArrayDeque<>());
    }
    this.perSenderMax = perSenderMax;
  }

  /** Holds a message; returns false if an older one of this sender had to be dropped for it. */
  boolean hold(int sender, PbftMessage message) {
    ArrayDeque<PbftMessage> queue = bySender.get(sender);
    boolean dropped = false;
    if (queue.size() >= perSenderMax) {
      queue.pollFirst();
      dropped = true;
    }
    queue.addLast(message);
    return !dropped;
  }

  /** Takes every held message out, senders in index order, each sender's in arrival order. */
  List<Held> drain() {
    List<Held> out = new ArrayList<>();
    for (int sender = 0; sender < bySender.size(); sender++) {
      ArrayDeque<PbftMessage> queue = bySender.get(sender);
      while (!queue.isEmpty()) {
        out.add(new Held(sender, queue.pollFirst()));
      }
    }
    return out;
  }

  int size() {
    int total = 0;
    for (ArrayDeque<PbftMessage> queue : bySender) {
      total += queue.size();
    }
    return total;
  }
}
