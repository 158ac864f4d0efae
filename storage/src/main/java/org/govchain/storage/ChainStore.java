package org.govchain.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;

/**
 * One chain of the store: its blocks and indexes, its versioned state, its consensus log, and the
 * one write path for blocks. Point reads here see the latest committed data; for several reads that
 * must agree, use {@link Store#snapshot()} or a {@link StateView}. Thread-safe.
 */
public final class ChainStore {
  private final Rocks rocks;
  private final ChainColumns columns;
  private final Map<ChainId, ChainColumns> allChains;
  private final BlockCommitter committer;
  private final ConsensusLog consensusLog;

  ChainStore(Rocks rocks, ChainColumns columns, Map<ChainId, ChainColumns> allChains) {
    this.rocks = rocks;
    this.columns = columns;
    this.allChains = allChains;
    this.committer = new BlockCommitter(rocks, columns);
    this.consensusLog = new ConsensusLog(rocks, columns);
  }

  public ChainId id() {
    return columns.id();
  }

  public CryptoSuite suite() {
    return columns.suite;
  }

  private ChainReads reads() {
    return new ChainReads(rocks, columns, rocks.resources().checkedRead());
  }

  /** The latest committed height; -1 before the genesis block. */
  public long latestHeight() {
    return reads().latestHeight();
  }

  public Optional<Block> block(long height) {
    return reads().block(height);
  }

  public Optional<Block> blockByHash(Hash hash) {
    ChainReads reads = reads();
    return reads.heightOf(hash).flatMap(reads::block);
  }

  public Optional<Long> heightOf(Hash blockHash) {
    return reads().heightOf(blockHash);
  }

  public Optional<CommitCertificate> certificate(long height) {
    return reads().certificate(height);
  }

  public Optional<TransactionLocation> transaction(Hash transactionId) {
    return reads().transaction(transactionId);
  }

  /** The state root after block {@code height} ({@link StateHashing#EMPTY} for -1). */
  public Optional<Hash> stateRoot(long height) {
    return reads().stateRoot(height);
  }

  /** The state at the latest height, on its own snapshot; close it when done. */
  public StateView state() {
    StoreSnapshot snapshot = new StoreSnapshot(rocks, allChains);
    return snapshot.ownedState(columns.id(), Long.MIN_VALUE);
  }

  /** The state after block {@code height} (-1..latest), on its own snapshot; close it. */
  public StateView state(long height) {
    StoreSnapshot snapshot = new StoreSnapshot(rocks, allChains);
    return snapshot.ownedState(columns.id(), height);
  }

  /**
   * Writes the block, its certificate, its state changes with their tree nodes, its indexes and the
   * consensus log update in one synced batch: when this returns all of it is on disk; if the
   * process dies before, none of it is. Refused (nothing written) with {@link
   * CommitRefusedException} if the block does not extend the latest one or its parts disagree.
   */
  public void commit(BlockCommit commit) {
    committer.commit(commit, null);
  }

  /**
   * {@link #commit(BlockCommit)} with the block's transaction ids already known: {@code
   * transactionIds.get(i)} is the id ({@code Transactions.id}) of the block's transaction {@code
   * i}, computed by the caller from that very transaction (the verification pipeline decodes every
   * transaction it verifies, id included). They are not hashed again; the header's transaction
   * count and root and the duplicate checks are still applied to them.
   */
  public void commit(BlockCommit commit, List<Hash> transactionIds) {
    if (transactionIds.size() != commit.block().getTransactionsCount()) {
      throw new IllegalArgumentException(
          transactionIds.size()
              + " transaction ids for a block of "
              + commit.block().getTransactionsCount());
    }
    committer.commit(commit, transactionIds);
  }

  /**
   * State tree records read from disk since the store opened: each is a node the node cache did not
   * hold (a proof, an update or a preload walking past it). Per lookup, it says how much of a proof
   * path the cache serves.
   */
  public long treeRecordReads() {
    return columns.treeRecordReads.sum();
  }

  public ConsensusLog consensusLog() {
    return consensusLog;
  }
}
