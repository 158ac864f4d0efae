package org.govchain.node.chain;

import java.util.ArrayList;
import java.util.List;
import org.govchain.core.chain.Blocks;
import org.govchain.core.crypto.Hash;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.Transaction;

/** The header checks of a proposed block that need no state: they say what is wrong, or null. */
final class HeaderRules {
  private HeaderRules() {}

  /**
   * @param knownIds the block's transaction ids as the verification pipeline computed them from
   *     these very transactions, or null to compute them here
   * @param certified the block already carries a commit certificate (delivered): the validator's
   *     own clock no longer matters, only the chain's rules
   */
  static String check(
      ChainSetup chain,
      BlockHeader header,
      BlockHeader parent,
      Block block,
      List<Hash> knownIds,
      long nowMillis,
      boolean certified) {
    if (!header.getChainId().equals(chain.id().value())) {
      return "block is for chain " + header.getChainId();
    }
    Hash parentHash = Blocks.hash(chain.suite(), parent);
    if (!header.getPreviousHash().equals(parentHash.toByteString())) {
      return "previous hash is not the committed block " + parentHash.shortHex();
    }
    if (header.getTransactionCount() != block.getTransactionsCount()) {
      return "header counts "
          + header.getTransactionCount()
          + " transactions, the block has "
          + block.getTransactionsCount();
    }
    if (block.getTransactionsCount() > chain.maxBlockTransactions()) {
      return block.getTransactionsCount()
          + " transactions, over the chain's limit of "
          + chain.maxBlockTransactions();
    }
    if (!chain.validators().contains(header.getProposerIndex())) {
      return "proposer index " + header.getProposerIndex() + " is not a validator";
    }
    if (header.getTimestampMillis() < parent.getTimestampMillis()) {
      return "block time goes back from the parent's";
    }
    if (!certified && header.getTimestampMillis() > nowMillis + BlockExecutor.BLOCK_AHEAD_MILLIS) {
      return "block time is "
          + (header.getTimestampMillis() - nowMillis)
          + " ms ahead of this validator's clock";
    }
    if (header.getStateRoot().size() != Hash.BYTES) {
      return "state root is not 32 bytes";
    }
    List<Hash> ids = knownIds;
    if (ids == null) {
      ids = new ArrayList<>(block.getTransactionsCount());
      for (Transaction transaction : block.getTransactionsList()) {
        ids.add(org.govchain.core.chain.Transactions.id(chain.suite(), transaction.getBody()));
      }
    }
    if (!header.getTransactionsRoot().equals(MerkleTree.root(chain.suite(), ids).toByteString())) {
      return "transactions root does not match the transactions";
    }
    if (ids.stream().distinct().count() != ids.size()) {
      return "a transaction appears twice";
    }
    return null;
  }
}
