package org.govchain.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.govchain.core.Invariants;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.storage.TreeNode.Child;

/**
 * The state tree's algorithms over immutable stored nodes: a batch update that rewrites only the
 * paths it touches (each touched node once, however many keys pass through it), and proof paths.
 * Pure: it reads through a {@link NodeSource} and returns the nodes it created.
 */
final class SparseMerkleTree {
  /** One change: a key path and its new value hash, or null to remove the key. */
  record PathUpdate(Hash keyPath, Hash valueHash) {}

  /**
   * The new root; every node created to reach it, in creation order (children before parents: a
   * node's ordinal is its index here); and the key paths that held a value before the update.
   */
  record UpdateResult(Child root, List<TreeNode> createdNodes, Set<Hash> replacedPaths) {}

  /** Siblings from the deepest level up, and the terminal leaf (null for an empty subtree). */
  record ProofPath(List<Hash> siblingsBottomUp, TreeNode.Leaf terminal) {}

  private final CryptoSuite suite;
  private final NodeSource nodes;

  SparseMerkleTree(CryptoSuite suite, NodeSource nodes) {
    this.suite = suite;
    this.nodes = nodes;
  }

  /** A subtree after the update: its slot and, where known, its shape. */
  private record Subtree(Child child, Shape shape, TreeNode.Leaf leaf) {
    static final Subtree EMPTY = new Subtree(Child.EMPTY, Shape.EMPTY, null);

    static Subtree leaf(TreeNode.Leaf leaf, NodeRef ref) {
      return new Subtree(new Child(leaf.hash(), ref), Shape.LEAF, leaf);
    }

    Hash keyPath() {
      return leaf.keyPath();
    }
  }

  private enum Shape {
    EMPTY,
    LEAF,
    INNER,
    /** Untouched by the update: a leaf or an inner node, loaded only if the shape matters. */
    UNKNOWN
  }

  /**
   * Applies {@code updates} (sorted by key path, no path twice) to the tree under {@code root}; the
   * nodes created get references of the block at {@code height}.
   */
  UpdateResult update(Child root, long height, List<PathUpdate> updates) {
    for (int i = 1; i < updates.size(); i++) {
      Invariants.check(
          updates.get(i - 1).keyPath().compareTo(updates.get(i).keyPath()) < 0,
          "state tree updates must be sorted by key path, without duplicates");
    }
    Update update = new Update(height);
    Subtree result = update.apply(root, 0, updates);
    return new UpdateResult(result.child(), update.created, update.replaced);
  }

  /** One update's working state: the nodes it created so far and the key paths it replaced. */
  private final class Update {
    private final long height;
    private final List<TreeNode> created = new ArrayList<>();
    private final Set<Hash> replaced = new HashSet<>();

    Update(long height) {
      this.height = height;
    }

    private NodeRef add(TreeNode node) {
      Invariants.check(created.size() < Integer.MAX_VALUE, "too many tree nodes in one block");
      created.add(node);
      return new NodeRef(height, created.size() - 1);
    }

    Subtree apply(Child node, int depth, List<PathUpdate> updates) {
      if (updates.isEmpty()) {
        return node.empty() ? Subtree.EMPTY : new Subtree(node, Shape.UNKNOWN, null);
      }
      if (node.empty()) {
        return build(depth, leavesOf(updates, null));
      }
      TreeNode loaded = nodes.load(node.ref(), node.hash(), depth);
      if (loaded instanceof TreeNode.Leaf leaf) {
        return build(depth, leavesOf(updates, Subtree.leaf(leaf, node.ref())));
      }
      TreeNode.Inner inner = (TreeNode.Inner) loaded;
      int split = firstWithBit(updates, depth);
      Subtree left = apply(inner.left(), depth + 1, updates.subList(0, split));
      Subtree right = apply(inner.right(), depth + 1, updates.subList(split, updates.size()));
      return combine(depth, left, right);
    }

    /**
     * The leaves of a subtree that held {@code existing} (or nothing) after {@code updates}: the
     * updates' new values, plus the existing leaf unless an update names its key path.
     */
    private List<Subtree> leavesOf(List<PathUpdate> updates, Subtree existing) {
      List<Subtree> leaves = new ArrayList<>(updates.size() + 1);
      boolean existingPlaced = existing == null;
      for (PathUpdate update : updates) {
        if (!existingPlaced && update.keyPath().compareTo(existing.keyPath()) >= 0) {
          existingPlaced = true;
          if (update.keyPath().equals(existing.keyPath())) {
            replaced.add(existing.keyPath());
          } else {
            leaves.add(existing);
          }
        }
        if (update.valueHash() != null) {
          TreeNode.Leaf leaf = TreeNode.Leaf.of(suite, update.keyPath(), update.valueHash());
          leaves.add(Subtree.leaf(leaf, add(leaf)));
        }
      }
      if (!existingPlaced) {
        leaves.add(existing);
      }
      return leaves;
    }

    /** The subtree at {@code depth} holding exactly {@code leaves} (sorted by key path). */
    private Subtree build(int depth, List<Subtree> leaves) {
      if (leaves.isEmpty()) {
        return Subtree.EMPTY;
      }
      if (leaves.size() == 1) {
        return leaves.get(0);
      }
      Invariants.check(depth < StateHashing.MAX_DEPTH, "two leaves share all 256 path bits");
      int split = 0;
      while (split < leaves.size() && !leaves.get(split).leaf().keyPathBit(depth)) {
        split++;
      }
      Subtree left = build(depth + 1, leaves.subList(0, split));
      Subtree right = build(depth + 1, leaves.subList(split, leaves.size()));
      return combine(depth, left, right);
    }

    /**
     * Joins two halves. A half that is alone with an empty sibling and is a single leaf moves up in
     * its place, which keeps the tree canonical: the same entries always give the same root. The
     * joined node sits at {@code depth}.
     */
    private Subtree combine(int depth, Subtree left, Subtree right) {
      if (left.shape() == Shape.EMPTY && right.shape() == Shape.EMPTY) {
        return Subtree.EMPTY;
      }
      if (left.shape() == Shape.EMPTY || right.shape() == Shape.EMPTY) {
        Subtree alone = resolve(left.shape() == Shape.EMPTY ? right : left, depth + 1);
        if (alone.shape() == Shape.LEAF) {
          return alone;
        }
      }
      TreeNode.Inner inner = TreeNode.Inner.of(suite, left.child(), right.child());
      return new Subtree(new Child(inner.hash(), add(inner)), Shape.INNER, null);
    }

    private Subtree resolve(Subtree subtree, int depth) {
      if (subtree.shape() != Shape.UNKNOWN) {
        return subtree;
      }
      Child child = subtree.child();
      TreeNode node = nodes.load(child.ref(), child.hash(), depth);
      return node instanceof TreeNode.Leaf leaf
          ? Subtree.leaf(leaf, child.ref())
          : new Subtree(child, Shape.INNER, null);
    }
  }

  private static int firstWithBit(List<PathUpdate> updates, int depth) {
    int index = 0;
    while (index < updates.size() && !updates.get(index).keyPath().bit(depth)) {
      index++;
    }
    return index;
  }

  /**
   * Reads every node of the tree under {@code root} down to {@code depthMax} inclusive, level by
   * level (so the source sees each node with its depth), until {@code stop} says so; returns how
   * many nodes it read. Reading is what a cached source needs to keep them.
   */
  long readLevels(Child root, int depthMax, BooleanSupplier stop) {
    List<Child> level = root.empty() ? List.of() : List.of(root);
    long read = 0;
    for (int depth = 0; depth <= depthMax && !level.isEmpty(); depth++) {
      List<Child> next = new ArrayList<>(2 * level.size());
      for (Child child : level) {
        if (stop.getAsBoolean()) {
          return read;
        }
        TreeNode node = nodes.load(child.ref(), child.hash(), depth);
        read++;
        if (node instanceof TreeNode.Inner inner) {
          if (!inner.left().empty()) {
            next.add(inner.left());
          }
          if (!inner.right().empty()) {
            next.add(inner.right());
          }
        }
      }
      level = next;
    }
    return read;
  }

  /** The path from {@code root} towards {@code keyPath}, down to a leaf or an empty subtree. */
  ProofPath prove(Child root, Hash keyPath) {
    List<Hash> siblings = new ArrayList<>();
    Child node = root;
    int depth = 0;
    while (!node.empty()) {
      TreeNode loaded = nodes.load(node.ref(), node.hash(), depth);
      if (loaded instanceof TreeNode.Leaf leaf) {
        Collections.reverse(siblings);
        return new ProofPath(siblings, leaf);
      }
      TreeNode.Inner inner = (TreeNode.Inner) loaded;
      Invariants.check(depth < StateHashing.MAX_DEPTH, "state tree deeper than 256 levels");
      boolean bit = keyPath.bit(depth);
      siblings.add(inner.sibling(bit).hash());
      node = inner.child(bit);
      depth++;
    }
    Collections.reverse(siblings);
    return new ProofPath(siblings, null);
  }
}
