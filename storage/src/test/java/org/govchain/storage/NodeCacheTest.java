package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.SuiteId;
import org.junit.jupiter.api.Test;

class NodeCacheTest {
  private final CryptoSuite suite = CryptoSuite.of(SuiteId.INTL);

  private List<TreeNode> nodes(int count, int seed) {
    List<TreeNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] path = new byte[Hash.BYTES];
      path[0] = (byte) seed;
      path[1] = (byte) i;
      nodes.add(TreeNode.Leaf.of(suite, Hash.of(path), Hash.ZERO));
    }
    return nodes;
  }

  @Test
  void recentBlocksAreServedWholeAndTheOldestLeavesFirst() {
    NodeCache cache = new NodeCache(20); // 10 nodes of recent blocks, 10 loaded
    List<TreeNode> first = nodes(4, 1);
    List<TreeNode> second = nodes(4, 2);
    List<TreeNode> third = nodes(4, 3);
    cache.putBlock(1, first);
    cache.putBlock(2, second);
    assertSame(first.get(3), cache.get(new NodeRef(1, 3)));
    assertSame(second.get(0), cache.get(new NodeRef(2, 0)));
    assertNull(cache.get(new NodeRef(2, 4)), "no such ordinal in that block");
    cache.putBlock(3, third);
    assertNull(cache.get(new NodeRef(1, 0)), "block 1 evicted to make room");
    assertSame(second.get(1), cache.get(new NodeRef(2, 1)));
    assertSame(third.get(2), cache.get(new NodeRef(3, 2)));
  }

  @Test
  void aBlockLargerThanTheBudgetIsStillKeptAlone() {
    NodeCache cache = new NodeCache(4);
    List<TreeNode> big = nodes(9, 1);
    cache.putBlock(7, big);
    assertSame(big.get(8), cache.get(new NodeRef(7, 8)));
    cache.putBlock(8, nodes(1, 2));
    assertNull(cache.get(new NodeRef(7, 0)));
  }

  @Test
  void loadedNodesAreEvictedLeastRecentlyUsedFirst() {
    NodeCache cache = new NodeCache(4); // 2 loaded
    List<TreeNode> nodes = nodes(3, 1);
    cache.put(new NodeRef(1, 0), nodes.get(0));
    cache.put(new NodeRef(1, 1), nodes.get(1));
    cache.get(new NodeRef(1, 0));
    cache.put(new NodeRef(1, 2), nodes.get(2));
    assertSame(nodes.get(0), cache.get(new NodeRef(1, 0)));
    assertNull(cache.get(new NodeRef(1, 1)));
  }

  @Test
  void aDisabledCacheHoldsNothing() {
    NodeCache cache = new NodeCache(0);
    cache.putBlock(1, nodes(2, 1));
    cache.put(new NodeRef(2, 0), nodes(1, 2).get(0));
    assertNull(cache.get(new NodeRef(1, 0)));
    assertNull(cache.get(new NodeRef(2, 0)));
  }

  @Test
  void referencesOfNeighbouringBlocksSpreadOverHashCodes() {
    Set<Integer> codes = new HashSet<>();
    for (long height = 0; height < 100; height++) {
      for (int ordinal = 0; ordinal < 1000; ordinal++) {
        codes.add(new NodeRef(height, ordinal).hashCode());
      }
    }
    // The record's default hash code gives about 4,000 distinct values here.
    assertTrue(codes.size() > 99_000, codes.size() + " distinct hash codes of 100,000");
  }
}
