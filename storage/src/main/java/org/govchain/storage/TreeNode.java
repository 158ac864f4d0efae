package org.govchain.storage;

import java.util.Arrays;
import org.govchain.core.Invariants;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;

/**
 * A node of the state tree. Nodes never change: a block's update creates new nodes and leaves the
 * old ones in place, which is what keeps older roots provable. An inner node names each child by
 * its hash (what proofs need) and by where it is stored ({@link NodeRef}); a leaf is its entry's
 * key path and value hash. A node's own hash is not stored with it: its parent holds it, and a node
 * read from the store is hashed and compared with the hash its parent (or the state root) expects.
 *
 * <p>Each node is two objects (itself and one array of its hashes), whatever it holds: the node
 * cache keeps hundreds of thousands of them, and every object a block adds to it is one more for
 * the garbage collector to copy. Accessors build their {@link Hash} and {@link Child} values on
 * demand.
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

  private static Hash slice(byte[] hashes, int index) {
    int from = index * Hash.BYTES;
    return Hash.of(Arrays.copyOfRange(hashes, from, from + Hash.BYTES));
  }

  private static boolean bit(byte[] hashes, int index, int bit) {
    return ((hashes[index * Hash.BYTES + (bit >>> 3)] >>> (7 - (bit & 7))) & 1) != 0;
  }

  /** The one entry of a subtree: its key path and value hash. */
  final class Leaf implements TreeNode {
    /** key path ‖ value hash ‖ the leaf's hash. */
    private final byte[] hashes;

    private Leaf(byte[] hashes) {
      this.hashes = hashes;
    }

    static Leaf of(CryptoSuite suite, Hash keyPath, Hash valueHash) {
      byte[] hashes = new byte[3 * Hash.BYTES];
      keyPath.copyTo(hashes, 0);
      valueHash.copyTo(hashes, Hash.BYTES);
      StateHashing.leafHash(suite, keyPath, valueHash).copyTo(hashes, 2 * Hash.BYTES);
      return new Leaf(hashes);
    }

    Hash keyPath() {
      return slice(hashes, 0);
    }

    /** Bit {@code index} of the key path (most significant bit first). */
    boolean keyPathBit(int index) {
      return bit(hashes, 0, index);
    }

    Hash valueHash() {
      return slice(hashes, 1);
    }

    @Override
    public Hash hash() {
      return slice(hashes, 2);
    }

    /** Copies key path ‖ value hash into {@code out} at {@code offset}. */
    void copyEntryTo(byte[] out, int offset) {
      System.arraycopy(hashes, 0, out, offset, 2 * Hash.BYTES);
    }
  }

  /** A subtree of two or more entries: its halves (either may be empty, not both). */
  final class Inner implements TreeNode {
    private static final int EMPTY_ORDINAL = -1;

    /** left ‖ right ‖ the node's hash (an empty child's hash is 32 zero bytes). */
    private final byte[] hashes;

    private final long leftHeight;
    private final long rightHeight;
    private final int leftOrdinal;
    private final int rightOrdinal;

    private Inner(byte[] hashes, Child left, Child right) {
      this.hashes = hashes;
      this.leftHeight = left.empty() ? 0 : left.ref().height();
      this.leftOrdinal = left.empty() ? EMPTY_ORDINAL : left.ref().ordinal();
      this.rightHeight = right.empty() ? 0 : right.ref().height();
      this.rightOrdinal = right.empty() ? EMPTY_ORDINAL : right.ref().ordinal();
    }

    static Inner of(CryptoSuite suite, Child left, Child right) {
      byte[] hashes = new byte[3 * Hash.BYTES];
      left.hash().copyTo(hashes, 0);
      right.hash().copyTo(hashes, Hash.BYTES);
      StateHashing.nodeHash(suite, left.hash(), right.hash()).copyTo(hashes, 2 * Hash.BYTES);
      return new Inner(hashes, left, right);
    }

    Child left() {
      return leftOrdinal == EMPTY_ORDINAL
          ? Child.EMPTY
          : new Child(slice(hashes, 0), new NodeRef(leftHeight, leftOrdinal));
    }

    Child right() {
      return rightOrdinal == EMPTY_ORDINAL
          ? Child.EMPTY
          : new Child(slice(hashes, 1), new NodeRef(rightHeight, rightOrdinal));
    }

    @Override
    public Hash hash() {
      return slice(hashes, 2);
    }

    Child child(boolean bit) {
      return bit ? right() : left();
    }

    Child sibling(boolean bit) {
      return bit ? left() : right();
    }
  }
}
