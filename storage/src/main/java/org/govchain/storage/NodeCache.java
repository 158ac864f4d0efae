package org.govchain.storage;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State tree nodes of one chain kept in memory, in two parts sharing one budget of nodes:
 *
 * <ul>
 *   <li>the nodes of the most recent blocks, each block's list kept whole under its height (a
 *       commit adds its block's list in one step, however many nodes it created; the oldest block's
 *       list goes first) — the upper levels, which every block rewrites, live here;
 *   <li>nodes read from the store, least recently used evicted first.
 * </ul>
 *
 * Nodes are immutable and never move, so a cached node is never stale: every view and overlay of
 * the chain shares the cache. Readers still compare a cached node's hash with the hash its parent
 * names.
 */
final class NodeCache {
  private final int recentNodesMax;
  private final int loadedNodesMax;
  private final Map<Long, List<TreeNode>> recentBlocks = new HashMap<>();
  private final ArrayDeque<Long> recentHeights = new ArrayDeque<>();
  private final LinkedHashMap<NodeRef, TreeNode> loaded;
  private int recentNodes;

  /** A cache of about {@code entriesMax} nodes in all; 0 disables it. */
  NodeCache(int entriesMax) {
    this.recentNodesMax = entriesMax / 2;
    this.loadedNodesMax = entriesMax - recentNodesMax;
    this.loaded =
        new LinkedHashMap<>(1024, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<NodeRef, TreeNode> eldest) {
            return size() > NodeCache.this.loadedNodesMax;
          }
        };
  }

  synchronized TreeNode get(NodeRef ref) {
    List<TreeNode> block = recentBlocks.get(ref.height());
    if (block != null) {
      return ref.ordinal() < block.size() ? block.get(ref.ordinal()) : null;
    }
    return loaded.get(ref);
  }

  /** A node read from the store. */
  synchronized void put(NodeRef ref, TreeNode node) {
    if (loadedNodesMax > 0) {
      loaded.put(ref, node);
    }
  }

  /**
   * The nodes the block at {@code height} created (index = ordinal), once it is committed. The
   * latest block is kept even if it alone exceeds the budget: the next block starts from its root.
   */
  synchronized void putBlock(long height, List<TreeNode> nodes) {
    if (recentNodesMax == 0 || nodes.isEmpty()) {
      return;
    }
    while (!recentHeights.isEmpty() && recentNodes + nodes.size() > recentNodesMax) {
      recentNodes -= recentBlocks.remove(recentHeights.removeFirst()).size();
    }
    recentBlocks.put(height, nodes);
    recentHeights.addLast(height);
    recentNodes += nodes.size();
  }
}
