package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    NodeCache cache = new NodeCache(40); // 10 nodes of recent blocks
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
    NodeCache cache = new NodeCache(16); // 4 nodes of recent blocks
    List<TreeNode> big = nodes(9, 1);
    cache.putBlock(7, big);
    assertSame(big.get(8), cache.get(new NodeRef(7, 8)));
    cache.putBlock(8, nodes(1, 2));
    assertNull(cache.get(new NodeRef(7, 0)));
  }

  @Test
  void deepNodesAreEvictedLeastRecentlyUsedFirst() {
    NodeCache cache = new NodeCache(16); // 2 lower-level nodes
    List<TreeNode> nodes = nodes(3, 1);
    cache.put(new NodeRef(1, 0), nodes.get(0), 20);
    cache.put(new NodeRef(1, 1), nodes.get(1), 20);
    cache.get(new NodeRef(1, 0));
    cache.put(new NodeRef(1, 2), nodes.get(2), 20);
    assertSame(nodes.get(0), cache.get(new NodeRef(1, 0)));
    assertNull(cache.get(new NodeRef(1, 1)));
  }

  @Test
  void walksDeepIntoALargeTreeDoNotPushTheUpperLevelsOut() {
    NodeCache cache = new NodeCache(16); // 10 upper-level nodes: levels 0..2 (7 nodes) fit
    assertEquals(2, cache.upperDepthMax());
    List<TreeNode> upper = nodes(7, 1);
    for (int i = 0; i < upper.size(); i++) {
      cache.put(new NodeRef(1, i), upper.get(i), 31 - Integer.numberOfLeadingZeros(i + 1));
    }
    List<TreeNode> deep = nodes(100, 2);
    for (int i = 0; i < deep.size(); i++) {
      cache.put(new NodeRef(2, i), deep.get(i), 3 + i % 20);
    }
    for (int i = 0; i < upper.size(); i++) {
      assertSame(upper.get(i), cache.get(new NodeRef(1, i)), "upper node " + i);
    }
    assertSame(deep.get(99), cache.get(new NodeRef(2, 99)));
    assertNull(cache.get(new NodeRef(2, 0)), "deep nodes churn among themselves");
  }

  @Test
  void theUpperLevelsAreAsDeepAsTheirBudgetHoldsWhole() {
    assertEquals(-1, NodeCache.upperDepthFor(0));
    assertEquals(0, NodeCache.upperDepthFor(1));
    assertEquals(0, NodeCache.upperDepthFor(2));
    assertEquals(1, NodeCache.upperDepthFor(3));
    assertEquals(15, NodeCache.upperDepthFor(131_070));
    assertEquals(16, NodeCache.upperDepthFor(131_071));
    assertEquals(16, NodeCache.upperDepthFor(150_000)); // the default budget's five eighths
    assertEquals(30, NodeCache.upperDepthFor(Integer.MAX_VALUE));
  }

  @Test
  void aDisabledCacheHoldsNothing() {
    NodeCache cache = new NodeCache(0);
    cache.putBlock(1, nodes(2, 1));
    cache.put(new NodeRef(2, 0), nodes(1, 2).get(0), 0);
    cache.put(new NodeRef(2, 1), nodes(1, 3).get(0), 40);
    assertNull(cache.get(new NodeRef(1, 0)));
    assertNull(cache.get(new NodeRef(2, 0)));
    assertNull(cache.get(new NodeRef(2, 1)));
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
