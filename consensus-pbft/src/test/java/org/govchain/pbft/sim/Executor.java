package org.govchain.pbft.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Hasher;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.Transaction;
import org.govchain.pbft.CertifiedBlock;

/**
 * A simulated node's execution and block store. The "state" is a hash chain over the transaction
 * ids, so a block's state root is checkable by re-execution; a transaction already committed (or
 * already in an ancestor block) makes a block invalid, as a nonce check would. Committed blocks
 * survive a crash; the post-states of validated, uncommitted blocks do not.
 */
final class Executor {
  /** What execution of one block left behind. */
  record Executed(long height, Hash parent, Hash stateRoot, List<Hash> transactionIds) {}

  private final CryptoSuite suite;
  private final ChainId chain;
  private final TreeMap<Long, CertifiedBlock> committed = new TreeMap<>();
  private final Set<Hash> committedIds = new HashSet<>();
  private final Map<Hash, Executed> executedByHash = new HashMap<>();
  private final Map<Hash, Executed> speculative = new HashMap<>();
  private Hash tip;

  Executor(CryptoSuite suite, ChainId chain, Hash genesisHash, Hash genesisStateRoot) {
    this.suite = suite;
    this.chain = chain;
    this.tip = genesisHash;
    executedByHash.put(genesisHash, new Executed(0, Hash.ZERO, genesisStateRoot, List.of()));
  }

  static BlockHeader genesisHeader(CryptoSuite suite, ChainId chain) {
    return BlockHeader.newBuilder()
        .setChainId(chain.value())
        .setHeight(0)
        .setPreviousHash(Hash.ZERO.toByteString())
        .setTransactionsRoot(MerkleTree.root(suite, List.of()).toByteString())
        .setStateRoot(genesisStateRoot(suite).toByteString())
        .build();
  }

  static Hash genesisStateRoot(CryptoSuite suite) {
    return suite.hash("simulated genesis state".getBytes(StandardCharsets.US_ASCII));
  }

  /** Loses what was only in memory: the post-states of uncommitted blocks. */
  void crash() {
    speculative.clear();
  }

  /** Loses everything: a wiped disk. */
  void wipe(Hash genesisHash) {
    Executed genesis = executedByHash.get(genesisHash);
    committed.clear();
    committedIds.clear();
    executedByHash.clear();
    speculative.clear();
    executedByHash.put(genesisHash, genesis);
    tip = genesisHash;
  }

  long height() {
    return committed.isEmpty() ? 0 : committed.lastKey();
  }

  Hash tip() {
    return tip;
  }

  boolean isCommitted(Hash transactionId) {
    return committedIds.contains(transactionId);
  }

  TreeMap<Long, CertifiedBlock> committed() {
    return committed;
  }

  /** Builds block {@code height} on {@code parent}, leaving out transactions already in. */
  Block build(long height, Hash parent, List<Transaction> transactions, int proposer, long time) {
    Executed before = lookup(parent);
    if (before == null || before.height() != height - 1) {
      throw new SimulationFailure("asked to build on " + parent + ", which was never executed");
    }
    Set<Hash> taken = ancestorIds(parent);
    List<Transaction> included = new ArrayList<>();
    List<Hash> ids = new ArrayList<>();
    for (Transaction transaction : transactions) {
      Hash id = Transactions.id(suite, transaction.getBody());
      if (!taken.contains(id) && !ids.contains(id)) {
        included.add(transaction);
        ids.add(id);
      }
    }
    BlockHeader header =
        BlockHeader.newBuilder()
            .setChainId(chain.value())
            .setHeight(height)
            .setPreviousHash(parent.toByteString())
            .setTimestampMillis(time)
            .setTransactionsRoot(MerkleTree.root(suite, ids).toByteString())
            .setStateRoot(stateRoot(before.stateRoot(), ids).toByteString())
            .setTransactionCount(ids.size())
            .setProposerIndex(proposer)
            .build();
    Block block = Block.newBuilder().setHeader(header).addAllTransactions(included).build();
    speculative.put(
        Blocks.hash(suite, header),
        new Executed(height, parent, stateRoot(before.stateRoot(), ids), ids));
    return block;
  }

  /** Re-executes {@code block} on its parent: true if it is well formed and its root matches. */
  boolean validate(Block block) {
    BlockHeader header = block.getHeader();
    Hash parent = Hash.of(header.getPreviousHash().toByteArray());
    Executed before = lookup(parent);
    if (before == null) {
      throw new SimulationFailure("asked to validate on " + parent + ", which was never executed");
    }
    List<Hash> ids = Blocks.transactionIds(suite, block.getTransactionsList());
    Set<Hash> taken = ancestorIds(parent);
    if (header.getHeight() != before.height() + 1
        || !header.getChainId().equals(chain.value())
        || new HashSet<>(ids).size() != ids.size()
        || !MerkleTree.root(suite, ids).toByteString().equals(header.getTransactionsRoot())) {
      return false;
    }
    for (Hash id : ids) {
      if (taken.contains(id)) {
        return false;
      }
    }
    Hash root = stateRoot(before.stateRoot(), ids);
    if (!root.toByteString().equals(header.getStateRoot())) {
      return false;
    }
    speculative.put(
        Blocks.hash(suite, header), new Executed(header.getHeight(), parent, root, ids));
    return true;
  }

  /** Applies a committed block; it must extend the stored chain and re-execute to its root. */
  void apply(long height, Hash hash, Block block, org.govchain.core.proto.CommitCertificate cert) {
    Hash parent = Hash.of(block.getHeader().getPreviousHash().toByteArray());
    if (height != height() + 1 || !parent.equals(tip)) {
      throw new SimulationFailure(
          "delivered height " + height + " does not extend the stored chain at " + height());
    }
    Executed before = executedByHash.get(parent);
    List<Hash> ids = Blocks.transactionIds(suite, block.getTransactionsList());
    Hash root = stateRoot(before.stateRoot(), ids);
    if (!root.toByteString().equals(block.getHeader().getStateRoot())) {
      throw new SimulationFailure("committed block " + hash + " does not re-execute to its root");
    }
    for (Hash id : ids) {
      if (!committedIds.add(id)) {
        throw new SimulationFailure(
            "transaction " + id + " committed twice (height " + height + ")");
      }
    }
    committed.put(height, new CertifiedBlock(block, cert));
    executedByHash.put(hash, new Executed(height, parent, root, ids));
    tip = hash;
    speculative.values().removeIf(executed -> executed.height() <= height);
  }

  private Executed lookup(Hash hash) {
    Executed executed = executedByHash.get(hash);
    return executed != null ? executed : speculative.get(hash);
  }

  private Set<Hash> ancestorIds(Hash parent) {
    Set<Hash> ids = new HashSet<>(committedIds);
    Hash cursor = parent;
    for (int guard = 0; guard < 10_000 && !executedByHash.containsKey(cursor); guard++) {
      Executed executed = speculative.get(cursor);
      if (executed == null) {
        break;
      }
      ids.addAll(executed.transactionIds());
      cursor = executed.parent();
    }
    return ids;
  }

  private Hash stateRoot(Hash before, List<Hash> ids) {
    Hasher hasher = suite.newHasher().updateTag("simulated-state").update(before);
    for (Hash id : ids) {
      hasher.update(id);
    }
    return hasher.finish();
  }
}
