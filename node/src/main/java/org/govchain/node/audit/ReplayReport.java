package org.govchain.node.audit;

import java.util.List;
import org.govchain.core.chain.ChainId;

/**
 * What a successful replay checked.
 *
 * @param signatureVerifications transaction signatures verified (every transaction once)
 * @param storedStateCompared whether stored state roots and state were compared (data directory)
 */
public record ReplayReport(
    List<ChainSummary> chains,
    long elapsedNanos,
    long signatureVerifications,
    boolean storedStateCompared) {

  /** One chain: heights 0..lastHeight replayed, with so many blocks and transactions. */
  public record ChainSummary(ChainId chain, long lastHeight, long blocks, long transactions) {}

  public ReplayReport {
    chains = List.copyOf(chains);
  }

  public long transactions() {
    return chains.stream().mapToLong(ChainSummary::transactions).sum();
  }

  public long blocks() {
    return chains.stream().mapToLong(ChainSummary::blocks).sum();
  }

  /** Transactions per second over the whole replay (genesis execution included). */
  public double transactionsPerSecond() {
    return elapsedNanos == 0 ? 0 : transactions() * 1e9 / elapsedNanos;
  }
}
