package org.govchain.storage;

import java.util.List;
import java.util.Map;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.Hash;

/**
 * Everything a block's execution changed, ready to commit: the key changes (sorted by key), the
 * state root they lead to, the state tree nodes created on the way, and the state they were
 * computed on (chain, height, root), which the commit checks is still the latest. Immutable.
 */
public final class StateChanges {
  private final ChainId chain;
  private final long baseHeight;
  private final Hash baseRoot;
  private final Hash root;
  private final List<StateChange> changes;
  private final Map<Hash, TreeNode> nodes;

  StateChanges(
      ChainId chain,
      long baseHeight,
      Hash baseRoot,
      Hash root,
      List<StateChange> changes,
      Map<Hash, TreeNode> nodes) {
    this.chain = chain;
    this.baseHeight = baseHeight;
    this.baseRoot = baseRoot;
    this.root = root;
    this.changes = List.copyOf(changes);
    this.nodes = Map.copyOf(nodes);
  }

  public ChainId chain() {
    return chain;
  }

  /** The height of the state these changes apply to; the block must be the next height. */
  public long baseHeight() {
    return baseHeight;
  }

  public Hash baseRoot() {
    return baseRoot;
  }

  /** The state root after the changes: what the block header must carry. */
  public Hash root() {
    return root;
  }

  public List<StateChange> changes() {
    return changes;
  }

  /** How many state tree nodes the commit writes. */
  public int nodeCount() {
    return nodes.size();
  }

  Map<Hash, TreeNode> nodes() {
    return nodes;
  }
}
