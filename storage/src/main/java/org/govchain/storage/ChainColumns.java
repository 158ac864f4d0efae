package org.govchain.storage;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.rocksdb.ColumnFamilyHandle;

/** One chain's column families, its suite, and the lock that serializes its writers. */
final class ChainColumns {
  final ChainSpec spec;
  final CryptoSuite suite;
  final ColumnFamilyHandle chain;
  final ColumnFamilyHandle state;
  final ColumnFamilyHandle history;
  final ColumnFamilyHandle tree;
  final ColumnFamilyHandle consensus;

  /** Held while a block commit checks the latest height and writes the next one. */
  final ReentrantLock commitLock = new ReentrantLock();

  /** Tree nodes recently read or written, shared by every reader and writer of the chain. */
  final NodeCache nodeCache;

  /** Tree records read from RocksDB because a node was not in {@link #nodeCache}. */
  final LongAdder treeRecordReads = new LongAdder();

  ChainColumns(
      ChainSpec spec,
      ColumnFamilyHandle chain,
      ColumnFamilyHandle state,
      ColumnFamilyHandle history,
      ColumnFamilyHandle tree,
      ColumnFamilyHandle consensus,
      int nodeCacheEntries) {
    this.spec = spec;
    this.nodeCache = new NodeCache(nodeCacheEntries);
    this.suite = CryptoSuite.of(spec.suite());
    this.chain = chain;
    this.state = state;
    this.history = history;
    this.tree = tree;
    this.consensus = consensus;
  }

  ChainId id() {
    return spec.id();
  }
}
