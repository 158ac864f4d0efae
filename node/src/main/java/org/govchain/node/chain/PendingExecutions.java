package org.govchain.node.chain;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.govchain.core.crypto.Hash;
import org.govchain.storage.StateChanges;

/**
 * The state changes of blocks this node built or validated but has not committed yet, by block
 * hash: committing one of them needs no second execution. Bounded: only blocks on top of the latest
 * committed one are kept (anything older can no longer commit), and at most a few of those.
 */
final class PendingExecutions {
  static final int MAX_ENTRIES = 64;

  private final Map<Hash, StateChanges> byHash = new HashMap<>();

  void put(Hash blockHash, StateChanges changes) {
    if (byHash.size() >= MAX_ENTRIES) {
      Iterator<Hash> oldest = byHash.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    byHash.put(blockHash, changes);
  }

  /** The changes of {@code blockHash}, removed, or null if they were not kept. */
  StateChanges take(Hash blockHash) {
    return byHash.remove(blockHash);
  }

  /** After a commit at {@code height}: only changes computed on that height's state stay usable. */
  void committed(long height) {
    byHash.values().removeIf(changes -> changes.baseHeight() != height);
  }

  int size() {
    return byHash.size();
  }
}
