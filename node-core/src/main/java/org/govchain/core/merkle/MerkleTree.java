package org.govchain.core.merkle;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.MerkleProof;

/**
 * A binary Merkle tree over a list of 32-byte leaves (transaction ids), in the shape of RFC 6962
 * (Certificate Transparency): leaf hash H(0x00 || leaf), node hash H(0x01 || left || right), a lone
 * last node carried up unchanged, and H() for the empty tree. The distinct prefixes make a leaf
 * indistinguishable from no inner node, so the second-preimage trick (passing an inner node off as
 * a leaf) does not work. Built once, it answers any number of proofs.
 */
public final class MerkleTree {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  /** Deepest proof accepted: 2^63 leaves would need 63 levels. */
  public static final int MAX_PROOF_SIBLINGS = 63;

  private final CryptoSuite suite;
  // levels.get(0) = leaf hashes; the last level has exactly one hash (the root), or none if empty.
  private final List<Hash[]> levels;

  private MerkleTree(CryptoSuite suite, List<Hash[]> levels) {
    this.suite = suite;
    this.levels = levels;
  }

  public static MerkleTree build(CryptoSuite suite, List<Hash> leaves) {
    List<Hash[]> levels = new ArrayList<>();
    Hash[] level = new Hash[leaves.size()];
    for (int i = 0; i < level.length; i++) {
      level[i] = leafHash(suite, leaves.get(i));
    }
    levels.add(level);
    while (level.length > 1) {
      Hash[] up = new Hash[(level.length + 1) / 2];
      for (int i = 0; i + 1 < level.length; i += 2) {
        up[i / 2] = nodeHash(suite, level[i], level[i + 1]);
      }
      if (level.length % 2 == 1) {
        up[up.length - 1] = level[level.length - 1];
      }
      levels.add(up);
      level = up;
    }
    return new MerkleTree(suite, levels);
  }

  /** The root of {@code leaves}, without keeping the tree. */
  public static Hash root(CryptoSuite suite, List<Hash> leaves) {
    return build(suite, leaves).root();
  }

  public Hash root() {
    Hash[] top = levels.get(levels.size() - 1);
    return top.length == 0 ? suite.hash(new byte[0]) : top[0];
  }

  public int leafCount() {
    return levels.get(0).length;
  }

  /** The audit path of leaf {@code index}, bottom-up. */
  public MerkleProof prove(int index) {
    if (index < 0 || index >= leafCount()) {
      throw new IndexOutOfBoundsException("leaf " + index + " of " + leafCount());
    }
    MerkleProof.Builder proof =
        MerkleProof.newBuilder().setLeafIndex(index).setLeafCount(leafCount());
    int position = index;
    for (int depth = 0; depth < levels.size() - 1; depth++) {
      Hash[] level = levels.get(depth);
      int sibling = position ^ 1;
      if (sibling < level.length) {
        proof.addSiblings(level[sibling].toByteString());
      }
      position >>>= 1;
    }
    return proof.build();
  }

  /**
   * Checks that {@code leaf} is at the proof's index in a tree of the proof's size with root {@code
   * root} (RFC 9162, section 2.1.3.2). Malformed proofs are refused with a reason.
   */
  public static void verify(CryptoSuite suite, Hash root, Hash leaf, MerkleProof proof)
      throws MalformedInputException {
    long index = proof.getLeafIndex();
    long last = proof.getLeafCount() - 1;
    if (proof.getLeafCount() <= 0 || index < 0 || index > last) {
      throw new MalformedInputException(
          "proof leaf index "
              + index
              + " is outside a tree of "
              + proof.getLeafCount()
              + " leaves");
    }
    if (proof.getSiblingsCount() > MAX_PROOF_SIBLINGS) {
      throw new MalformedInputException("proof has " + proof.getSiblingsCount() + " siblings");
    }
    Hash computed = leafHash(suite, leaf);
    for (ByteString siblingBytes : proof.getSiblingsList()) {
      Hash sibling = Hash.decode(siblingBytes, "proof sibling");
      if (last == 0) {
        throw new MalformedInputException("proof has more siblings than the tree has levels");
      }
      if ((index & 1) == 1 || index == last) {
        computed = nodeHash(suite, sibling, computed);
        while ((index & 1) == 0 && index != 0) {
          index >>>= 1;
          last >>>= 1;
        }
      } else {
        computed = nodeHash(suite, computed, sibling);
      }
      index >>>= 1;
      last >>>= 1;
    }
    if (last != 0) {
      throw new MalformedInputException("proof has fewer siblings than the tree has levels");
    }
    if (!computed.equals(root)) {
      throw new MalformedInputException(
          "proof does not lead to the root: computed "
              + computed.shortHex()
              + ", expected "
              + root.shortHex());
    }
  }

  static Hash leafHash(CryptoSuite suite, Hash leaf) {
    return suite.newHasher().update(LEAF_PREFIX).update(leaf).finish();
  }

  static Hash nodeHash(CryptoSuite suite, Hash left, Hash right) {
    return suite.newHasher().update(NODE_PREFIX).update(left).update(right).finish();
  }
}
