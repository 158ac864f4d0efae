package org.govchain.p2p;

/**
 * The per-peer outbound sub-queues, in drain priority order, each with a weight: a drain pass takes
 * up to {@code weight} frames from a lane before moving to the next, so consensus goes first but
 * block sync is never starved.
 */
enum Lane {
  CONSENSUS(8),
  CALLS(4),
  TRANSACTIONS(2),
  BLOCK_SYNC(1);

  final int weight;

  Lane(int weight) {
    this.weight = weight;
  }
}
