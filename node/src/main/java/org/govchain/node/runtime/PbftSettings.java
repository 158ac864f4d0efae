package org.govchain.node.runtime;

import org.govchain.node.config.NodeConfig;
import org.govchain.pbft.PbftConfig;

/**
 * The node's choices on top of the PBFT module's defaults. One block in flight: a proposal is built
 * and validated on the latest committed state (storage executes a block on committed state only),
 * so the primary proposes height h+1 once h is committed; blocks carry up to the chain's maximum of
 * transactions, which keeps throughput. Timeouts are the defaults' (in ticks of {@code
 * tick-millis}); the pending pool matches the mempool; messages fit a p2p frame.
 */
final class PbftSettings {
  private PbftSettings() {}

  static PbftConfig forNode(PbftConfig defaults, NodeConfig.Limits limits, int messageBytesMax) {
    return new PbftConfig(
        defaults.chain(),
        defaults.validators(),
        defaults.self(),
        defaults.suite(),
        defaults.genesisHash(),
        defaults.checkpointInterval(),
        defaults.logWindow(),
        1,
        defaults.blockTransactionsMax(),
        limits.mempoolTransactions(),
        defaults.recentCommittedMax(),
        defaults.requestTimeoutTicks(),
        defaults.viewChangeTimeoutTicks(),
        defaults.viewChangeTimeoutMaxTicks(),
        defaults.retransmitTicks(),
        defaults.futureMessagesPerSenderMax(),
        Math.min(defaults.messageBytesMax(), messageBytesMax),
        defaults.fetchBlocksMax());
  }
}
