package org.govchain.storage;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State tree nodes of one chain kept in memory, in three parts sharing one budget of nodes:
 *
 * <ul>
 *   <li>the nodes of the most recent blocks (a quarter of the budget), each block's list kept whole
 *       under its height (a commit adds its block's list in one step, however many nodes it
 *       created; the oldest block's list goes first) — the upper levels, which every block
 *       rewrites, live here while they are new;
 *   <li>the <em>upper levels</em>: nodes read from the store at a depth of at most {@link
 *       #upperDepthMax()} (five eighths of the budget, least recently used evicted first). The
 *       depth is chosen so that every node of those levels fits with room to spare: these are the
 *       nodes every proof and every update walks through, and a large tree's walk reads only what
 *       lies below them;
 *   <li>the <em>lower levels</em>: deeper nodes read from the store (an eighth, least recently used
 *       first). Reading one record decodes a node's descendants within it, and the walk usually
 *       asks for one of them next; they are rarely asked for again, so they churn here instead of
 *       pushing the upper levels out.
 * </ul>
 *
 * With one shared LRU, a walk through a tree of millions of keys admitted dozens of deep nodes
 * each, which evicted every node below the top ten levels before a second walk could use it.
 *
 * <p>Nodes are immutable and never move, so a cached node is never stale: every view and overlay of
 * the chain shares the cache. Readers still compare a cached node's hash with the hash its parent
 * names.
 */
final class NodeCache {
  private final int recentNodesMax;
  private final int upperDepthMax;
  private final Map<Long, List<TreeNode>> recentBlocks = new HashMap<>();
  private final ArrayDeque<Long> recentHeights = new ArrayDeque<>();
  private final Lru upper;
  private final Lru lower;
  private int recentNodes;

  /** A cache of about {@code entriesMax} nodes in all; 0 disables it. */
  NodeCache(int entriesMax) {
    this.recentNodesMax = entriesMax / 4;
    int lowerNodesMax = entriesMax / 8;
    int upperNodesMax = entriesMax - recentNodesMax - lowerNodesMax;
    this.upper = new Lru(upperNodesMax);
    this.lower = new Lru(lowerNodesMax);
    this.upperDepthMax = upperDepthFor(upperNodesMax);
  }

  /**
   * The deepest level whose nodes, with all the levels above it, fill at most the upper part's
   * budget: levels 0..d of a full binary tree hold 2^(d+1) − 1 nodes. −1 if not even the root fits.
   */
  static int upperDepthFor(int upperNodesMax) {
    int depth = -1;
    while (depth < 30 && (1L << (depth + 2)) - 1 <= upperNodesMax) {
      depth++;
    }
    return depth;
  }

  /** Nodes read at this depth or shallower are kept as upper levels. */
  int upperDepthMax() {
    return upperDepthMax;
  }

  synchronized TreeNode get(NodeRef ref) {
    List<TreeNode> block = recentBlocks.get(ref.height());
    if (block != null) {
      return ref.ordinal() < block.size() ? block.get(ref.ordinal()) : null;
    }
    TreeNode node = upper.get(ref);
    return node != null ? node : lower.get(ref);
  }

  /** A node read from the store, met at {@code depth} in the tree. */
  synchronized void put(NodeRef ref, TreeNode node, int depth) {
    if (depth <= upperDepthMax) {
      upper.put(ref, node);
    } else {
      lower.put(ref, node);
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

  /** Least recently used first out, at most {@code max} nodes (0: keeps nothing). */
  private static final class Lru {
    private final int max;
    private final LinkedHashMap<NodeRef, TreeNode> nodes;

    Lru(int max) {
      this.max = max;
      this.nodes =
          new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<NodeRef, TreeNode> eldest) {
              return size() > Lru.this.max;
            }
          };
    }

    TreeNode get(NodeRef ref) {
      return nodes.get(ref);
    }

    void put(NodeRef ref, TreeNode node) {
      if (max > 0) {
        nodes.put(ref, node);
      }
    }
  }
}
