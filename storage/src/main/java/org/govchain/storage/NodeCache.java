package org.govchain.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently used state tree nodes of one chain, least recently used evicted first. Nodes are
 * immutable and never move, so a cached node is never stale: every view and overlay of the chain
 * shares the cache. The upper levels, which every block and proof walks, stay in memory.
 */
final class NodeCache {
  private final int entriesMax;
  private final LinkedHashMap<NodeRef, TreeNode> nodes;

  NodeCache(int entriesMax) {
    this.entriesMax = entriesMax;
    this.nodes =
        new LinkedHashMap<>(1024, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<NodeRef, TreeNode> eldest) {
            return size() > NodeCache.this.entriesMax;
          }
        };
  }

  synchronized TreeNode get(NodeRef ref) {
    return nodes.get(ref);
  }

  synchronized void put(NodeRef ref, TreeNode node) {
    if (entriesMax > 0) {
      nodes.put(ref, node);
    }
  }
}
