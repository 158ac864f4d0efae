package org.govchain.storage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.govchain.core.chain.Blocks;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.storage.CommitRefusedException.Reason;
import org.rocksdb.WriteBatch;

/**
 * Checks that a block commit extends the chain and holds together, then writes all of it in one
 * synced WriteBatch. The checks are the store's own consistency; the certificate's signatures and
 * the block's validity are checked upstream, before consensus commits it.
 */
final class BlockCommitter {
  private final Rocks rocks;
  private final ChainColumns columns;

  BlockCommitter(Rocks rocks, ChainColumns columns) {
    this.rocks = rocks;
    this.columns = columns;
  }

  /** {@code knownIds}: the block's transaction ids if the caller has them, else null. */
  void commit(BlockCommit commit, List<Hash> knownIds) {
    columns.commitLock.lock();
    try {
      ChainReads reads = new ChainReads(rocks, columns, rocks.resources().checkedRead());
      ChainReads.Latest latest = reads.latest();
      BlockHeader header = commit.block().getHeader();
      Hash blockHash = Blocks.hash(columns.suite, header);
      checkPlace(header, latest);
      checkState(reads, header, commit.changes(), latest == null ? -1 : latest.height());
      checkCertificate(commit, header.getHeight(), blockHash);
      List<Hash> ids =
          knownIds != null
              ? knownIds
              : Blocks.transactionIds(columns.suite, commit.block().getTransactionsList());
      checkTransactions(reads, header, ids);
      BatchBuilder builder = new BatchBuilder(commit.changes().batchBytesEstimate() + 4096);
      addBlock(builder, commit, blockHash, ids);
      StateChanges changes = commit.changes();
      if (!changes.appendRecordsTo(builder, columns)) {
        StateRecords.add(builder, columns, changes, header.getHeight());
      }
      ConsensusLog.addTo(builder, columns, commit.consensusLog());
      try (WriteBatch batch = builder.build()) {
        rocks.writeSynced(batch, "block " + header.getHeight() + " of " + columns.id());
      }
      // Written: the next block's execution walks these first.
      columns.nodeCache.putBlock(header.getHeight(), commit.changes().nodes());
    } finally {
      columns.commitLock.unlock();
    }
  }

  private void checkPlace(BlockHeader header, ChainReads.Latest latest) {
    if (!header.getChainId().equals(columns.id().value())) {
      throw refused(Reason.WRONG_CHAIN, "block of chain '" + header.getChainId() + "'");
    }
    long expected = latest == null ? 0 : latest.height() + 1;
    if (header.getHeight() != expected) {
      throw refused(
          Reason.WRONG_HEIGHT, "block height " + header.getHeight() + ", expected " + expected);
    }
    Hash previous = latest == null ? Hash.ZERO : latest.hash();
    if (!header.getPreviousHash().equals(previous.toByteString())) {
      throw refused(
          Reason.WRONG_PREVIOUS_HASH,
          "block " + expected + " does not link to block hash " + previous.shortHex());
    }
  }

  private void checkState(
      ChainReads reads, BlockHeader header, StateChanges changes, long latestHeight) {
    if (!changes.chain().equals(columns.id())) {
      throw refused(Reason.WRONG_CHAIN, "state changes of chain " + changes.chain());
    }
    Hash latestRoot = reads.stateRoot(latestHeight).orElseThrow();
    if (changes.baseHeight() != latestHeight || !changes.baseRoot().equals(latestRoot)) {
      throw refused(
          Reason.STALE_STATE,
          "state changes computed on height "
              + changes.baseHeight()
              + ", the latest is "
              + latestHeight);
    }
    if (!header.getStateRoot().equals(changes.root().toByteString())) {
      throw refused(
          Reason.WRONG_STATE_ROOT,
          "header state root differs from the changes' root " + changes.root().shortHex());
    }
  }

  private void checkCertificate(BlockCommit commit, long height, Hash blockHash) {
    if (commit.certificate().isEmpty()) {
      if (height != 0) {
        throw refused(Reason.WRONG_CERTIFICATE, "block " + height + " has no certificate");
      }
      return;
    }
    CommitCertificate certificate = commit.certificate().get();
    if (!certificate.getChainId().equals(columns.id().value())
        || certificate.getHeight() != height
        || !certificate.getBlockHash().equals(blockHash.toByteString())) {
      throw refused(
          Reason.WRONG_CERTIFICATE, "certificate does not name block " + height + " of this chain");
    }
  }

  private void checkTransactions(ChainReads reads, BlockHeader header, List<Hash> ids) {
    CryptoSuite suite = columns.suite;
    if (header.getTransactionCount() != ids.size()
        || !header.getTransactionsRoot().equals(MerkleTree.root(suite, ids).toByteString())) {
      throw refused(Reason.WRONG_TRANSACTIONS, "header does not match the block's transactions");
    }
    Set<Hash> seen = new HashSet<>();
    for (Hash id : ids) {
      if (!seen.add(id) || reads.transaction(id).isPresent()) {
        throw refused(
            Reason.DUPLICATE_TRANSACTION, "transaction " + id.shortHex() + " is already committed");
      }
    }
  }

  private void addBlock(BatchBuilder batch, BlockCommit commit, Hash blockHash, List<Hash> ids) {
    Block block = commit.block();
    long height = block.getHeader().getHeight();
    batch.put(columns.chain, Keys.height(Keys.BLOCK, height), Canonical.encode(block));
    batch.put(columns.chain, Keys.hash(Keys.BLOCK_HASH, blockHash), Keys.longBytes(height));
    if (commit.certificate().isPresent()) {
      byte[] certificate = Canonical.encode(commit.certificate().get());
      batch.put(columns.chain, Keys.height(Keys.CERTIFICATE, height), certificate);
    }
    for (int index = 0; index < ids.size(); index++) {
      byte[] location = new byte[12];
      Keys.writeLong(location, 0, height);
      Keys.writeInt(location, 8, index);
      batch.put(columns.chain, Keys.hash(Keys.TRANSACTION, ids.get(index)), location);
    }
    byte[] latest = new byte[8 + Hash.BYTES];
    Keys.writeLong(latest, 0, height);
    blockHash.copyTo(latest, 8);
    batch.put(columns.chain, Keys.LATEST, latest);
  }

  private CommitRefusedException refused(Reason reason, String message) {
    return new CommitRefusedException(reason, "chain " + columns.id() + ": " + message);
  }
}
