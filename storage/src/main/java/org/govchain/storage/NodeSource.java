package org.govchain.storage;

import org.govchain.core.crypto.Hash;

/** Where the state tree's nodes are read from: RocksDB in a store, a map in tests. */
interface NodeSource {
  /**
   * The node stored at {@code ref}, which must hash to {@code expected} (the hash its parent or the
   * state root names). Fails with {@link StoreCorruptionException} if it is missing, damaged or not
   * that node: a reachable node always exists. {@code depth} is where the caller met the node (0 =
   * the root): it decides what a cache keeps, never what is returned.
   */
  TreeNode load(NodeRef ref, Hash expected, int depth);
}
