package org.govchain.storage;

import org.govchain.core.crypto.Hash;

/** Where the state tree's nodes are read from: RocksDB in a store, a map in tests. */
interface NodeSource {
  /**
   * The node stored under {@code hash} (never {@link StateHashing#EMPTY}). Fails with {@link
   * StoreCorruptionException} if it is missing or damaged: a reachable node always exists.
   */
  TreeNode load(Hash hash);
}
