package org.govchain.pbft;

import java.util.Arrays;

/**
 * When to fetch committed blocks instead of waiting for votes (state transfer): below a stable
 * checkpoint, below what f+1 peers showed they reached while this replica made no progress, or,
 * after {@link #PROBE_PERIODS} idle periods, just in case an idle chain moved on while this replica
 * slept. Fetches go to one peer at a time, in turn, so a silent or lying peer only delays.
 */
final class CatchUp {
  /** Retransmission periods without progress after which a replica probes a peer for blocks. */
  static final int PROBE_PERIODS = 8;

  private final PbftConfig config;
  private final long[] highestSeen;
  private int peerCursor;
  private int idlePeriods;
  private long executedAtLastPeriod = -1;
  private boolean outstanding;

  CatchUp(PbftConfig config) {
    this.config = config;
    this.highestSeen = new long[config.replicas()];
  }

  /** A verified message from {@code sender} named {@code sequence}. */
  void noteSequence(int sender, long sequence) {
    highestSeen[sender] = Math.max(highestSeen[sender], sequence);
  }

  void answered() {
    outstanding = false;
  }

  boolean outstanding() {
    return outstanding;
  }

  /**
   * Once per retransmission period: the fetch to make, or null. {@code claimedCheckpoint} is the
   * highest checkpoint f+1 replicas signed.
   */
  Action.FetchBlocks onPeriod(long executed, long stableSequence, long claimedCheckpoint) {
    boolean stuck = executed == executedAtLastPeriod;
    executedAtLastPeriod = executed;
    long claimed = Math.max(claimedCheckpoint, stableSequence);
    long target =
        stableSequence > executed ? claimed : Math.max(claimed, stuck ? weakHighest(executed) : 0);
    idlePeriods = stuck ? idlePeriods + 1 : 0;
    if (target <= executed && idlePeriods >= PROBE_PERIODS) {
      idlePeriods = 0;
      target = executed + config.fetchBlocksMax();
    }
    if (target <= executed || config.replicas() == 1) {
      return null;
    }
    peerCursor = (peerCursor + 1) % config.replicas();
    if (peerCursor == config.self()) {
      peerCursor = (peerCursor + 1) % config.replicas();
    }
    outstanding = true;
    return new Action.FetchBlocks(
        peerCursor, executed + 1, Math.min(target, executed + config.fetchBlocksMax()));
  }

  /** The highest sequence at least f+1 replicas (this one counting its executed height) named. */
  private long weakHighest(long executed) {
    long[] sorted = highestSeen.clone();
    sorted[config.self()] = executed;
    Arrays.sort(sorted);
    return sorted[sorted.length - config.weakQuorum()];
  }
}
