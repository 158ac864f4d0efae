package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.junit.jupiter.api.Test;

class TreeSegmentsTest {
  private final CryptoSuite suite = CryptoSuite.sm();
  private final Map<NodeRef, TreeNode> nodes = new HashMap<>();
  private final SparseMerkleTree tree =
      new SparseMerkleTree(suite, (ref, expected, depth) -> nodes.get(ref));

  private static Hash randomHash(Random random) {
    byte[] bytes = new byte[Hash.BYTES];
    random.nextBytes(bytes);
    return Hash.of(bytes);
  }

  /** A block of {@code count} random inserts on top of {@code root}, at {@code height}. */
  private SparseMerkleTree.UpdateResult block(
      TreeNode.Child root, long height, int count, Random random) {
    List<SparseMerkleTree.PathUpdate> updates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      updates.add(new SparseMerkleTree.PathUpdate(randomHash(random), randomHash(random)));
    }
    updates.sort(Comparator.comparing(SparseMerkleTree.PathUpdate::keyPath));
    SparseMerkleTree.UpdateResult result = tree.update(root, height, updates);
    for (int i = 0; i < result.createdNodes().size(); i++) {
      nodes.put(new NodeRef(height, i), result.createdNodes().get(i));
    }
    return result;
  }

  @Test
  void everyNodeOfABlockDecodesFromItsRecordWithItsDescendants() {
    Random random = new Random(9);
    TreeNode.Child root = block(TreeNode.Child.EMPTY, 0, 3_000, random).root();
    SparseMerkleTree.UpdateResult result = block(root, 1, 500, random);
    List<TreeNode> created = result.createdNodes();
    List<byte[]> records = TreeSegments.encode(1, created);
    assertEquals((created.size() + 63) / 64, records.size());
    int local = 0;
    for (int ordinal = 0; ordinal < created.size(); ordinal++) {
      NodeRef ref = new NodeRef(1, ordinal);
      Map<NodeRef, TreeNode> descendants = new HashMap<>();
      TreeNode node =
          TreeSegments.decode(
              suite,
              ref,
              records.get(ref.segment()),
              created.get(ordinal).hash(),
              5,
              (descendant, decoded, depth) -> {
                assertTrue(depth > 5, "a descendant sits below the node");
                descendants.put(descendant, decoded);
              });
      assertNotNull(node, "node " + ref);
      assertEquals(created.get(ordinal).hash(), node.hash());
      for (Map.Entry<NodeRef, TreeNode> descendant : descendants.entrySet()) {
        assertEquals(descendant.getKey().segment(), ref.segment());
        assertTrue(descendant.getKey().ordinal() < ordinal);
        assertEquals(
            created.get(descendant.getKey().ordinal()).hash(), descendant.getValue().hash());
      }
      local += descendants.isEmpty() ? 0 : 1;
      assertNull(
          TreeSegments.decode(suite, ref, records.get(ref.segment()), root.hash()),
          "a node is refused under another hash");
    }
    assertTrue(local > created.size() / 2, local + " nodes named a child in their own record");
  }

  @Test
  void aRecordWithAnyByteChangedNeverYieldsAWrongNode() {
    Random random = new Random(10);
    TreeNode.Child root = block(TreeNode.Child.EMPTY, 0, 200, random).root();
    List<TreeNode> created = block(root, 1, 40, random).createdNodes();
    byte[] record = TreeSegments.encode(1, created).get(0);
    int noticed = 0;
    for (int at = 0; at < record.length; at++) {
      byte[] damaged = record.clone();
      damaged[at] ^= 0x5a;
      boolean refused = false;
      boolean refsChanged = false;
      int inRecord = Math.min(created.size(), TreeSegments.NODES_PER_SEGMENT);
      for (int ordinal = 0; ordinal < inRecord; ordinal++) {
        TreeNode original = created.get(ordinal);
        TreeNode node =
            TreeSegments.decode(suite, new NodeRef(1, ordinal), damaged, original.hash());
        if (node == null) {
          refused = true;
        } else if (node instanceof TreeNode.Inner inner) {
          TreeNode.Inner expected = (TreeNode.Inner) original;
          // The hash covers a node's content; where a child is stored is checked when it is
          // read (the node found there must hash to the hash its parent names).
          refsChanged |=
              !inner.left().equals(expected.left()) || !inner.right().equals(expected.right());
        }
      }
      assertTrue(refused || refsChanged, "byte " + at + " changed and nothing noticed");
      noticed += refused ? 1 : 0;
    }
    assertTrue(noticed > record.length / 2, noticed + " of " + record.length);
  }
}
