package org.govchain.core.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.MerkleProof;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static final CryptoSuite SUITE = CryptoSuite.sm();

  private static List<Hash> leaves(int count) {
    List<Hash> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(SUITE.hash(new byte[] {(byte) i, (byte) (i >> 8)}));
    }
    return out;
  }

  /** RFC 6962, section 2.1, written as the recursive definition: the naive reference. */
  private static Hash referenceRoot(List<Hash> leaves) {
    if (leaves.isEmpty()) {
      return SUITE.hash(new byte[0]);
    }
    if (leaves.size() == 1) {
      return MerkleTree.leafHash(SUITE, leaves.get(0));
    }
    int split = Integer.highestOneBit(leaves.size() - 1);
    return MerkleTree.nodeHash(
        SUITE,
        referenceRoot(leaves.subList(0, split)),
        referenceRoot(leaves.subList(split, leaves.size())));
  }

  @Test
  void rootEqualsTheRfc6962DefinitionForEverySizeUpTo130() {
    for (int size = 0; size <= 130; size++) {
      List<Hash> leaves = leaves(size);
      assertEquals(referenceRoot(leaves), MerkleTree.root(SUITE, leaves), "size " + size);
    }
  }

  @Test
  void everyLeafOfEverySizeUpTo70HasAValidProof() throws MalformedInputException {
    for (int size = 1; size <= 70; size++) {
      List<Hash> leaves = leaves(size);
      MerkleTree tree = MerkleTree.build(SUITE, leaves);
      for (int index = 0; index < size; index++) {
        MerkleTree.verify(SUITE, tree.root(), leaves.get(index), tree.prove(index));
      }
    }
  }

  @Test
  void proofForAnotherLeafOrIndexOrSizeFails() {
    List<Hash> leaves = leaves(11);
    MerkleTree tree = MerkleTree.build(SUITE, leaves);
    MerkleProof proof = tree.prove(5);
    assertThrows(
        MalformedInputException.class,
        () -> MerkleTree.verify(SUITE, tree.root(), leaves.get(6), proof));
    assertThrows(
        MalformedInputException.class,
        () ->
            MerkleTree.verify(
                SUITE, tree.root(), leaves.get(5), proof.toBuilder().setLeafIndex(4).build()));
    assertThrows(
        MalformedInputException.class,
        () ->
            MerkleTree.verify(
                SUITE, tree.root(), leaves.get(5), proof.toBuilder().setLeafCount(6).build()));
    assertThrows(
        MalformedInputException.class,
        () ->
            MerkleTree.verify(
                SUITE, tree.root(), leaves.get(5), proof.toBuilder().setLeafIndex(11).build()));
    MerkleProof flipped = proof.toBuilder().setSiblings(0, flip(proof.getSiblings(0))).build();
    assertThrows(
        MalformedInputException.class,
        () -> MerkleTree.verify(SUITE, tree.root(), leaves.get(5), flipped));
    MerkleProof extra = proof.toBuilder().addSiblings(proof.getSiblings(0)).build();
    assertThrows(
        MalformedInputException.class,
        () -> MerkleTree.verify(SUITE, tree.root(), leaves.get(5), extra));
  }

  @Test
  void leafCountIsOnlyBoundWhereItChangesThePathSoCallersCheckItAgainstTheHeader()
      throws MalformedInputException {
    // Leaf 5's path is the same in trees of 11 and 12 leaves: the proof alone does not fix the
    // size, which is why verifiers compare leaf_count with the header's transaction_count.
    List<Hash> leaves = leaves(11);
    MerkleTree tree = MerkleTree.build(SUITE, leaves);
    MerkleProof claimsTwelve = tree.prove(5).toBuilder().setLeafCount(12).build();
    MerkleTree.verify(SUITE, tree.root(), leaves.get(5), claimsTwelve);
  }

  @Test
  void innerNodeCannotBePassedOffAsALeaf() {
    // The second-preimage trick: in a tree of 4 leaves, present H(l0, l1) as a leaf of a tree of 2
    // with sibling H(l2, l3). Domain-separated leaf hashing makes the roots differ.
    List<Hash> leaves = leaves(4);
    MerkleTree tree = MerkleTree.build(SUITE, leaves);
    Hash left =
        MerkleTree.nodeHash(
            SUITE,
            MerkleTree.leafHash(SUITE, leaves.get(0)),
            MerkleTree.leafHash(SUITE, leaves.get(1)));
    Hash right =
        MerkleTree.nodeHash(
            SUITE,
            MerkleTree.leafHash(SUITE, leaves.get(2)),
            MerkleTree.leafHash(SUITE, leaves.get(3)));
    MerkleProof forged =
        MerkleProof.newBuilder()
            .setLeafIndex(0)
            .setLeafCount(2)
            .addSiblings(right.toByteString())
            .build();
    assertThrows(
        MalformedInputException.class, () -> MerkleTree.verify(SUITE, tree.root(), left, forged));
  }

  @Test
  void randomTamperingNeverVerifies() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int size = 1 + random.nextInt(300);
      List<Hash> leaves = leaves(size);
      MerkleTree tree = MerkleTree.build(SUITE, leaves);
      int index = random.nextInt(size);
      MerkleProof proof = tree.prove(index);
      if (proof.getSiblingsCount() == 0) {
        continue;
      }
      int which = random.nextInt(proof.getSiblingsCount());
      MerkleProof tampered =
          proof.toBuilder().setSiblings(which, flip(proof.getSiblings(which))).build();
      assertThrows(
          MalformedInputException.class,
          () -> MerkleTree.verify(SUITE, tree.root(), leaves.get(index), tampered));
    }
  }

  private static ByteString flip(ByteString bytes) {
    byte[] out = bytes.toByteArray();
    out[0] ^= 1;
    return ByteString.copyFrom(out);
  }
}
