package org.govchain.storage;

import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;

/**
 * A stored node of the state tree, addressed by its own hash. Nodes never change: a block's update
 * writes new nodes and leaves the old ones in place, which is what keeps older roots provable.
 */
sealed interface TreeNode permits TreeNode.Leaf, TreeNode.Inner {
  byte LEAF_TYPE = 1;
  byte INNER_TYPE = 2;
  int ENCODED_BYTES = 1 + 2 * Hash.BYTES;

  Hash hash();

  /** The stored form: a type byte, then two hashes. */
  byte[] encode();

  /** The one entry of a subtree: its key path and value hash. */
  record Leaf(Hash keyPath, Hash valueHash, Hash hash) implements TreeNode {
    static Leaf of(CryptoSuite suite, Hash keyPath, Hash valueHash) {
      return new Leaf(keyPath, valueHash, StateHashing.leafHash(suite, keyPath, valueHash));
    }

    @Override
    public byte[] encode() {
      return TreeNode.encode(LEAF_TYPE, keyPath, valueHash);
    }
  }

  /** A subtree of two or more entries: the hashes of its halves (either may be empty). */
  record Inner(Hash left, Hash right, Hash hash) implements TreeNode {
    static Inner of(CryptoSuite suite, Hash left, Hash right) {
      return new Inner(left, right, StateHashing.nodeHash(suite, left, right));
    }

    Hash child(boolean bit) {
      return bit ? right : left;
    }

    Hash sibling(boolean bit) {
      return bit ? left : right;
    }

    @Override
    public byte[] encode() {
      return TreeNode.encode(INNER_TYPE, left, right);
    }
  }

  private static byte[] encode(byte type, Hash first, Hash second) {
    byte[] out = new byte[ENCODED_BYTES];
    out[0] = type;
    first.copyTo(out, 1);
    second.copyTo(out, 1 + Hash.BYTES);
    return out;
  }

  /**
   * Decodes a stored node and checks that it hashes to the hash it is stored under, so a damaged
   * node is never used. Returns null if the bytes are not a node of that hash.
   */
  static TreeNode decode(CryptoSuite suite, Hash expected, byte[] bytes) {
    if (bytes.length != ENCODED_BYTES) {
      return null;
    }
    byte[] first = java.util.Arrays.copyOfRange(bytes, 1, 1 + Hash.BYTES);
    byte[] second = java.util.Arrays.copyOfRange(bytes, 1 + Hash.BYTES, ENCODED_BYTES);
    TreeNode node =
        switch (bytes[0]) {
          case LEAF_TYPE -> Leaf.of(suite, Hash.of(first), Hash.of(second));
          case INNER_TYPE -> Inner.of(suite, Hash.of(first), Hash.of(second));
          default -> null;
        };
    return node != null && node.hash().equals(expected) ? node : null;
  }
}
