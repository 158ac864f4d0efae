package org.govchain.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.govchain.core.Invariants;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;

/**
 * The state tree's algorithms over immutable, hash-addressed nodes: a batch update that rewrites
 * only the paths it touches (each touched node once, however many keys pass through it), and proof
 * paths. Pure: it reads through a {@link NodeSource} and returns the nodes it created.
 */
final class SparseMerkleTree {
  /** One change: a key path and its new value hash, or null to remove the key. */
  record PathUpdate(Hash keyPath, Hash valueHash) {}

  /** The new root and every node created to reach it (all reachable from the root). */
  record UpdateResult(Hash root, Map<Hash, TreeNode> createdNodes) {}

  /** Siblings from the deepest level up, and the terminal leaf (null for an empty subtree). */
  record ProofPath(List<Hash> siblingsBottomUp, TreeNode.Leaf terminal) {}

  private final CryptoSuite suite;
  private final NodeSource nodes;

  SparseMerkleTree(CryptoSuite suite, NodeSource nodes) {
    this.suite = suite;
    this.nodes = nodes;
  }

  /** A subtree after the update: its hash and, where known, its shape. */
  private record Subtree(Hash hash, Shape shape, TreeNode.Leaf leaf) {
    static final Subtree EMPTY = new Subtree(StateHashing.EMPTY, Shape.EMPTY, null);

    static Subtree leaf(TreeNode.Leaf leaf) {
      return new Subtree(leaf.hash(), Shape.LEAF, leaf);
    }
  }

  private enum Shape {
    EMPTY,
    LEAF,
    INNER,
    /** Untouched by the update: a leaf or an inner node, loaded only if the shape matters. */
    UNKNOWN
  }

  /** Applies {@code updates} (sorted by key path, no path twice) to the tree under {@code root}. */
  UpdateResult update(Hash root, List<PathUpdate> updates) {
    for (int i = 1; i < updates.size(); i++) {
      Invariants.check(
          updates.get(i - 1).keyPath().compareTo(updates.get(i).keyPath()) < 0,
          "state tree updates must be sorted by key path, without duplicates");
    }
    Map<Hash, TreeNode> created = new LinkedHashMap<>();
    Subtree result = update(root, 0, updates, created);
    return new UpdateResult(result.hash(), created);
  }

  private Subtree update(Hash node, int depth, List<PathUpdate> updates, Map<Hash, TreeNode> out) {
    if (updates.isEmpty()) {
      return node.equals(StateHashing.EMPTY)
          ? Subtree.EMPTY
          : new Subtree(node, Shape.UNKNOWN, null);
    }
    if (node.equals(StateHashing.EMPTY)) {
      return build(depth, leavesOf(updates, null, out), out);
    }
    TreeNode loaded = nodes.load(node);
    if (loaded instanceof TreeNode.Leaf leaf) {
      return build(depth, leavesOf(updates, leaf, out), out);
    }
    if (loaded instanceof TreeNode.Inner inner) {
      int split = firstWithBit(updates, depth);
      Subtree left = update(inner.left(), depth + 1, updates.subList(0, split), out);
      Subtree right = update(inner.right(), depth + 1, updates.subList(split, updates.size()), out);
      return combine(left, right, out);
    }
    throw new AssertionError("unknown tree node " + loaded);
  }

  /**
   * The leaves of a subtree that held {@code existing} (or nothing) after {@code updates}: the
   * updates' new values, plus the existing leaf unless an update names its key path.
   */
  private List<TreeNode.Leaf> leavesOf(
      List<PathUpdate> updates, TreeNode.Leaf existing, Map<Hash, TreeNode> out) {
    List<TreeNode.Leaf> leaves = new ArrayList<>(updates.size() + 1);
    boolean existingReplaced = existing == null;
    for (PathUpdate update : updates) {
      if (!existingReplaced && update.keyPath().compareTo(existing.keyPath()) >= 0) {
        existingReplaced = true;
        if (!update.keyPath().equals(existing.keyPath())) {
          leaves.add(existing);
        }
      }
      if (update.valueHash() != null) {
        TreeNode.Leaf leaf = TreeNode.Leaf.of(suite, update.keyPath(), update.valueHash());
        out.put(leaf.hash(), leaf);
        leaves.add(leaf);
      }
    }
    if (!existingReplaced) {
      leaves.add(existing);
    }
    return leaves;
  }

  /** The subtree at {@code depth} holding exactly {@code leaves} (sorted by key path). */
  private Subtree build(int depth, List<TreeNode.Leaf> leaves, Map<Hash, TreeNode> out) {
    if (leaves.isEmpty()) {
      return Subtree.EMPTY;
    }
    if (leaves.size() == 1) {
      return Subtree.leaf(leaves.get(0));
    }
    Invariants.check(depth < StateHashing.MAX_DEPTH, "two leaves share all 256 path bits");
    int split = 0;
    while (split < leaves.size() && !leaves.get(split).keyPath().bit(depth)) {
      split++;
    }
    Subtree left = build(depth + 1, leaves.subList(0, split), out);
    Subtree right = build(depth + 1, leaves.subList(split, leaves.size()), out);
    return combine(left, right, out);
  }

  /**
   * Joins two halves. A half that is alone with an empty sibling and is a single leaf moves up in
   * its place, which keeps the tree canonical: the same entries always give the same root.
   */
  private Subtree combine(Subtree left, Subtree right, Map<Hash, TreeNode> out) {
    if (left.shape() == Shape.EMPTY && right.shape() == Shape.EMPTY) {
      return Subtree.EMPTY;
    }
    if (left.shape() == Shape.EMPTY || right.shape() == Shape.EMPTY) {
      Subtree alone = resolve(left.shape() == Shape.EMPTY ? right : left);
      if (alone.shape() == Shape.LEAF) {
        return alone;
      }
    }
    TreeNode.Inner inner = TreeNode.Inner.of(suite, left.hash(), right.hash());
    out.put(inner.hash(), inner);
    return new Subtree(inner.hash(), Shape.INNER, null);
  }

  private Subtree resolve(Subtree subtree) {
    if (subtree.shape() != Shape.UNKNOWN) {
      return subtree;
    }
    TreeNode node = nodes.load(subtree.hash());
    return node instanceof TreeNode.Leaf leaf
        ? Subtree.leaf(leaf)
        : new Subtree(node.hash(), Shape.INNER, null);
  }

  private static int firstWithBit(List<PathUpdate> updates, int depth) {
    int index = 0;
    while (index < updates.size() && !updates.get(index).keyPath().bit(depth)) {
      index++;
    }
    return index;
  }

  /** The path from {@code root} towards {@code keyPath}, down to a leaf or an empty subtree. */
  ProofPath prove(Hash root, Hash keyPath) {
    List<Hash> siblings = new ArrayList<>();
    Hash node = root;
    int depth = 0;
    while (!node.equals(StateHashing.EMPTY)) {
      TreeNode loaded = nodes.load(node);
      if (loaded instanceof TreeNode.Leaf leaf) {
        Collections.reverse(siblings);
        return new ProofPath(siblings, leaf);
      }
      TreeNode.Inner inner = (TreeNode.Inner) loaded;
      Invariants.check(depth < StateHashing.MAX_DEPTH, "state tree deeper than 256 levels");
      boolean bit = keyPath.bit(depth);
      siblings.add(inner.sibling(bit));
      node = inner.child(bit);
      depth++;
    }
    Collections.reverse(siblings);
    return new ProofPath(siblings, null);
  }
}
