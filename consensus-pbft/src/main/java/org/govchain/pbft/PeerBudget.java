package org.govchain.pbft;

import java.util.Arrays;

/**
 * Per peer and per retransmission period, how much costly work (checking a view change or new view,
 * answering a block request or a lagging vote) a peer may make this replica do, so a flood costs
 * the flooder, not the replica.
 */
final class PeerBudget {
  /** Costly messages accepted from one peer per period. */
  static final int COSTLY_MESSAGES_PER_PERIOD = 16;

  private final int[] costly;
  private final long[] lastAnswered;

  PeerBudget(int replicas) {
    costly = new int[replicas];
    lastAnswered = new long[replicas];
    newPeriod();
  }

  void newPeriod() {
    Arrays.fill(costly, COSTLY_MESSAGES_PER_PERIOD);
    Arrays.fill(lastAnswered, -1);
  }

  /** Takes one unit of {@code peer}'s budget; false if it is spent. */
  boolean spend(int peer) {
    if (costly[peer] <= 0) {
      return false;
    }
    costly[peer]--;
    return true;
  }

  /**
   * True the first time this period a lagging vote of {@code peer} at {@code sequence} is answered:
   * two replicas must not answer each other's answers.
   */
  boolean firstAnswer(int peer, long sequence) {
    if (lastAnswered[peer] == sequence) {
      return false;
    }
    lastAnswered[peer] = sequence;
    return true;
  }
}
