package org.govchain.node.mempool;

/**
 * Bounds of one chain's mempool: pending transactions in count and bytes, and per submitter (so one
 * busy terminal cannot crowd out the rest).
 */
public record MempoolLimits(
    int maxTransactions, long maxBytes, int maxPerSubmitter, int maxTransactionBytes) {
  public MempoolLimits {
    if (maxTransactions < 1 || maxBytes < 1 || maxPerSubmitter < 1 || maxTransactionBytes < 1) {
      throw new IllegalArgumentException("mempool limits must be positive: " + this);
    }
    if (maxPerSubmitter > maxTransactions || maxTransactionBytes > maxBytes) {
      throw new IllegalArgumentException("per-item limits exceed the totals: " + this);
    }
  }

  public static MempoolLimits defaults() {
    return new MempoolLimits(50_000, 256L * 1024 * 1024, 1_000, 1024 * 1024);
  }
}
