package org.govchain.storage;

import org.govchain.core.Invariants;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;

/**
 * A node of the state tree. Nodes never change: a block's update creates new nodes and leaves the
 * old ones in place, which is what keeps older roots provable. An inner node names each child by
 * its hash (what proofs need) and by where it is stored ({@link NodeRef}); a leaf is its entry's
 * key path and value hash. A node's own hash is not stored with it: its parent holds it, and a node
 * read from the store is hashed and compared with the hash its parent (or the state root) expects.
 */
sealed interface TreeNode permits TreeNode.Leaf, TreeNode.Inner {
  Hash hash();

  /** A child slot: an empty subtree, or a stored node's hash and place. */
  record Child(Hash hash, NodeRef ref) {
    static final Child EMPTY = new Child(StateHashing.EMPTY, null);

    public Child {
      Invariants.check(
          (ref == null) == hash.equals(StateHashing.EMPTY),
          "a tree child is empty exactly when it has no place");
    }

    boolean empty() {
      return ref == null;
    }
  }

  /** The one entry of a subtree: its key path and value hash. */
  record Leaf(Hash keyPath, Hash valueHash, Hash hash) implements TreeNode {
    static Leaf of(CryptoSuite suite, Hash keyPath, Hash valueHash) {
      return new Leaf(keyPath, valueHash, StateHashing.leafHash(suite, keyPath, valueHash));
    }
  }

  /** A subtree of two or more entries: its halves (either may be empty, not both). */
  record Inner(Child left, Child right, Hash hash) implements TreeNode {
    static Inner of(CryptoSuite suite, Child left, Child right) {
      return new Inner(left, right, StateHashing.nodeHash(suite, left.hash(), right.hash()));
    }

    Child child(boolean bit) {
      return bit ? right : left;
    }

    Child sibling(boolean bit) {
      return bit ? left : right;
    }
  }
}
