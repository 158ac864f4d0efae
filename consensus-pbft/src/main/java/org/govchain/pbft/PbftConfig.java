package org.govchain.pbft;

import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;

/**
 * Everything a replica needs to know once, checked at construction: the chain, its validators, this
 * replica's index, and a limit on every resource. Times are in ticks of the driver's clock.
 *
 * @param chain the chain this replica orders
 * @param validators the chain's validator set (the replicas, in index order)
 * @param self this replica's index in {@code validators}
 * @param suite the chain's crypto suite, used for block hashes and transaction ids
 * @param genesisHash hash of block 0, the checkpoint a fresh replica starts from
 * @param checkpointInterval a checkpoint every this many blocks ({@code ChainParams})
 * @param logWindow high watermark minus low watermark, a multiple of the checkpoint interval
 * @param inFlightMax blocks a primary proposes beyond the last executed one
 * @param blockTransactionsMax transactions per proposed block
 * @param pendingTransactionsMax transactions waiting for a block, per replica
 * @param recentCommittedMax committed transaction ids remembered to refuse late duplicates
 * @param requestTimeoutTicks how long a pending transaction may wait before a view change
 * @param viewChangeTimeoutTicks first wait for a new view; doubled on each failed view change
 * @param viewChangeTimeoutMaxTicks cap of that doubling
 * @param retransmitTicks period of retransmission of unacknowledged messages
 * @param futureMessagesPerSenderMax messages buffered per sender for a view or sequence ahead
 * @param messageBytesMax largest message accepted from a peer
 * @param fetchBlocksMax blocks asked for in one state-transfer request
 */
public record PbftConfig(
    ChainId chain,
    ValidatorSet validators,
    int self,
    CryptoSuite suite,
    Hash genesisHash,
    int checkpointInterval,
    int logWindow,
    int inFlightMax,
    int blockTransactionsMax,
    int pendingTransactionsMax,
    int recentCommittedMax,
    long requestTimeoutTicks,
    long viewChangeTimeoutTicks,
    long viewChangeTimeoutMaxTicks,
    long retransmitTicks,
    int futureMessagesPerSenderMax,
    int messageBytesMax,
    int fetchBlocksMax) {

  /** Views above this are refused: it keeps view + 1 and view arithmetic far from overflow. */
  public static final long VIEW_MAX = 1L << 48;

  public PbftConfig {
    validate(chain, validators, self, suite, genesisHash);
    positive("checkpointInterval", checkpointInterval);
    positive("logWindow", logWindow);
    if (logWindow % checkpointInterval != 0 || logWindow < 2 * checkpointInterval) {
      throw new IllegalArgumentException(
          "logWindow must be a multiple of checkpointInterval and at least twice it, got "
              + logWindow
              + " for interval "
              + checkpointInterval);
    }
    positive("inFlightMax", inFlightMax);
    if (inFlightMax > logWindow) {
      throw new IllegalArgumentException("inFlightMax " + inFlightMax + " exceeds logWindow");
    }
    positive("blockTransactionsMax", blockTransactionsMax);
    positive("pendingTransactionsMax", pendingTransactionsMax);
    positive("recentCommittedMax", recentCommittedMax);
    positive("requestTimeoutTicks", requestTimeoutTicks);
    positive("viewChangeTimeoutTicks", viewChangeTimeoutTicks);
    if (viewChangeTimeoutMaxTicks < viewChangeTimeoutTicks) {
      throw new IllegalArgumentException("viewChangeTimeoutMaxTicks below viewChangeTimeoutTicks");
    }
    positive("retransmitTicks", retransmitTicks);
    positive("futureMessagesPerSenderMax", futureMessagesPerSenderMax);
    if (messageBytesMax < 1024) {
      throw new IllegalArgumentException("messageBytesMax must be at least 1024");
    }
    positive("fetchBlocksMax", fetchBlocksMax);
  }

  private static void validate(
      ChainId chain, ValidatorSet validators, int self, CryptoSuite suite, Hash genesisHash) {
    if (chain == null || validators == null || suite == null || genesisHash == null) {
      throw new IllegalArgumentException("chain, validators, suite and genesisHash are required");
    }
    if (!validators.contains(self)) {
      throw new IllegalArgumentException(
          "self " + self + " is not an index of the " + validators.size() + " validators");
    }
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /**
   * A configuration with the defaults the node uses, for a chain whose genesis sets {@code
   * checkpointInterval} and {@code blockTransactionsMax}.
   */
  public static PbftConfig defaults(
      ChainId chain,
      ValidatorSet validators,
      int self,
      CryptoSuite suite,
      Hash genesisHash,
      int checkpointInterval,
      int blockTransactionsMax) {
    return new PbftConfig(
        chain,
        validators,
        self,
        suite,
        genesisHash,
        checkpointInterval,
        2 * checkpointInterval,
        Math.min(4, 2 * checkpointInterval),
        blockTransactionsMax,
        10_000,
        100_000,
        200,
        300,
        4_800,
        50,
        64,
        64 * 1024 * 1024,
        64);
  }

  /** The number of replicas. */
  public int replicas() {
    return validators.size();
  }

  /** Commit quorum: 2f+1 when n = 3f+1 (see node-core {@code Quorum}). */
  public int quorum() {
    return validators.quorum().commit();
  }

  /** f+1: enough replicas that one is honest. */
  public int weakQuorum() {
    return validators.quorum().weak();
  }

  /** The primary of {@code view}. */
  public int primary(long view) {
    return (int) (view % validators.size());
  }
}
