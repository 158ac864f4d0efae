package org.govchain.storage;

import java.util.Optional;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;

/**
 * Everything one committed block writes, in one synced batch: the block, its commit certificate
 * (absent only for the genesis block, which the chain's configuration certifies), the state changes
 * its execution produced, and the consensus log's advance.
 */
public record BlockCommit(
    Block block,
    Optional<CommitCertificate> certificate,
    StateChanges changes,
    ConsensusLogUpdate consensusLog) {
  public BlockCommit {
    if (block == null || certificate == null || changes == null || consensusLog == null) {
      throw new IllegalArgumentException("a block commit needs all its parts");
    }
  }

  public static BlockCommit of(
      Block block,
      CommitCertificate certificate,
      StateChanges changes,
      ConsensusLogUpdate consensusLog) {
    return new BlockCommit(block, Optional.of(certificate), changes, consensusLog);
  }

  /** The genesis block (height 0): no certificate. */
  public static BlockCommit genesis(
      Block block, StateChanges changes, ConsensusLogUpdate consensusLog) {
    return new BlockCommit(block, Optional.empty(), changes, consensusLog);
  }
}
