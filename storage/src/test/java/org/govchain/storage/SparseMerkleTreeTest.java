package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.storage.TreeNode.Child;
import org.govchain.storage.proto.StateProof;
import org.junit.jupiter.api.Test;

class SparseMerkleTreeTest {
  private final CryptoSuite suite = CryptoSuite.sm();

  /** The stored records, as a store keeps them: (height, segment) → bytes. */
  private final Map<List<Long>, byte[]> stored = new HashMap<>();

  /** The depth of each node load, in order. */
  private final List<Integer> loadedDepths = new ArrayList<>();

  private long height;
  private final SparseMerkleTree tree =
      new SparseMerkleTree(
          suite,
          (ref, expected, depth) -> {
            loadedDepths.add(depth);
            byte[] segment = stored.get(List.of(ref.height(), (long) ref.segment()));
            if (segment == null) {
              throw new StoreCorruptionException("missing node " + ref);
            }
            TreeNode node = TreeSegments.decode(suite, ref, segment, expected);
            if (node == null) {
              throw new StoreCorruptionException("node " + ref + " does not match " + expected);
            }
            return node;
          });

  /** The reference: the root straight from the definition, over all entries at once. */
  private Hash naiveRoot(int depth, List<Map.Entry<Hash, Hash>> leaves) {
    if (leaves.isEmpty()) {
      return StateHashing.EMPTY;
    }
    if (leaves.size() == 1) {
      return StateHashing.leafHash(suite, leaves.get(0).getKey(), leaves.get(0).getValue());
    }
    List<Map.Entry<Hash, Hash>> left = new ArrayList<>();
    List<Map.Entry<Hash, Hash>> right = new ArrayList<>();
    for (Map.Entry<Hash, Hash> leaf : leaves) {
      (leaf.getKey().bit(depth) ? right : left).add(leaf);
    }
    return StateHashing.nodeHash(suite, naiveRoot(depth + 1, left), naiveRoot(depth + 1, right));
  }

  private Hash naiveRoot(TreeMap<Hash, Hash> state) {
    return naiveRoot(0, new ArrayList<>(state.entrySet()));
  }

  /** Applies {@code changes} as the next block: its nodes are stored as a store stores them. */
  private Child apply(Child root, Map<Hash, Hash> changes) {
    List<SparseMerkleTree.PathUpdate> updates = new ArrayList<>();
    changes.forEach((path, value) -> updates.add(new SparseMerkleTree.PathUpdate(path, value)));
    updates.sort(Comparator.comparing(SparseMerkleTree.PathUpdate::keyPath));
    SparseMerkleTree.UpdateResult result = tree.update(root, height, updates);
    List<byte[]> segments = TreeSegments.encode(height, result.createdNodes());
    for (int i = 0; i < segments.size(); i++) {
      stored.put(List.of(height, (long) i), segments.get(i));
    }
    height++;
    return result.root();
  }

  private Hash randomHash(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Hash.of(bytes);
  }

  @Test
  void aProofLoadsOneNodePerLevelAndNamesEachLevelToTheSource() {
    Random random = new Random(7);
    Map<Hash, Hash> entries = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      entries.put(randomHash(random), randomHash(random));
    }
    Child root = apply(Child.EMPTY, entries);
    for (Hash path : entries.keySet()) {
      loadedDepths.clear();
      SparseMerkleTree.ProofPath proof = tree.prove(root, path);
      List<Integer> expected = new ArrayList<>();
      for (int depth = 0; depth <= proof.siblingsBottomUp().size(); depth++) {
        expected.add(depth);
      }
      assertEquals(expected, loadedDepths, "root first, then one level down per load");
    }
    loadedDepths.clear();
    apply(root, Map.of(entries.keySet().iterator().next(), randomHash(random)));
    assertEquals(0, loadedDepths.get(0), "an update starts at the root");
    for (int i = 1; i < loadedDepths.size(); i++) {
      assertTrue(
          loadedDepths.get(i) <= loadedDepths.get(i - 1) + 1, "a walk descends a level at a time");
    }
  }

  @Test
  void emptyTreeHasTheZeroRootAndOneEntryIsItsLeaf() {
    assertEquals(Child.EMPTY, apply(Child.EMPTY, Map.of()));
    Hash path = randomHash(new Random(1));
    Hash value = randomHash(new Random(2));
    assertEquals(
        StateHashing.leafHash(suite, path, value), apply(Child.EMPTY, Map.of(path, value)).hash());
  }

  @Test
  void batchedUpdatesMatchTheDefinitionOverManyRandomRounds() {
    Random random = new Random(42);
    TreeMap<Hash, Hash> model = new TreeMap<>();
    List<Hash> known = new ArrayList<>();
    Child root = Child.EMPTY;
    for (int round = 0; round < 60; round++) {
      Map<Hash, Hash> changes = new HashMap<>();
      int count = 1 + random.nextInt(40);
      for (int i = 0; i < count; i++) {
        boolean existing = !known.isEmpty() && random.nextInt(3) > 0;
        Hash path = existing ? known.get(random.nextInt(known.size())) : randomHash(random);
        Hash value = random.nextInt(4) == 0 ? null : randomHash(random);
        changes.put(path, value);
      }
      root = apply(root, changes);
      changes.forEach(
          (path, value) -> {
            if (value == null) {
              model.remove(path);
            } else {
              model.put(path, value);
              known.add(path);
            }
          });
      assertEquals(naiveRoot(model), root.hash(), "round " + round);
    }
  }

  @Test
  void deletingEverythingReturnsToTheEmptyRootAndDeletingOneRestoresTheOldRoot() {
    Random random = new Random(7);
    Map<Hash, Hash> entries = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      entries.put(randomHash(random), randomHash(random));
    }
    Child before = apply(Child.EMPTY, entries);
    Hash extra = randomHash(random);
    Child with = apply(before, Map.of(extra, randomHash(random)));
    assertNotEquals(before.hash(), with.hash());
    Map<Hash, Hash> removeExtra = new HashMap<>();
    removeExtra.put(extra, null);
    assertEquals(before.hash(), apply(with, removeExtra).hash());
    Map<Hash, Hash> removeAll = new HashMap<>();
    entries.keySet().forEach(path -> removeAll.put(path, null));
    assertEquals(Child.EMPTY, apply(before, removeAll));
  }

  @Test
  void pathsSharing255BitsBuildTheDeepestTree() {
    byte[] last = new byte[32];
    last[31] = 1;
    Hash zero = Hash.ZERO;
    Hash one = Hash.of(last);
    Hash value = randomHash(new Random(3));
    Child root = apply(Child.EMPTY, Map.of(zero, value, one, value));
    TreeMap<Hash, Hash> model = new TreeMap<>(Map.of(zero, value, one, value));
    assertEquals(naiveRoot(model), root.hash());
    SparseMerkleTree.ProofPath path = tree.prove(root, one);
    assertEquals(256, path.siblingsBottomUp().size());
    assertEquals(one, path.terminal().keyPath());
  }

  @Test
  void proofsOfEveryKeyAndOfAbsentKeysVerify() throws MalformedInputException {
    Random random = new Random(11);
    Map<ByteString, ByteString> state = new HashMap<>();
    Map<Hash, Hash> changes = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      ByteString key = ChainFixture.bytes("licence/" + i);
      ByteString value = ChainFixture.bytes("record " + random.nextInt());
      state.put(key, value);
      changes.put(StateHashing.keyPath(suite, key), StateHashing.valueHash(suite, value));
    }
    Child rootNode = apply(Child.EMPTY, changes);
    Hash root = rootNode.hash();
    for (Map.Entry<ByteString, ByteString> entry : state.entrySet()) {
      StateProof proof = proofOf(rootNode, entry.getKey(), Optional.of(entry.getValue()));
      ProvenEntry proven = StateProofs.verify(suite, root, proof);
      assertEquals(Optional.of(entry.getValue()), proven.value());
    }
    int endsInEmpty = 0;
    int endsInOtherLeaf = 0;
    for (int i = 0; i < 300; i++) {
      ByteString absent = ChainFixture.bytes("revoked/" + i);
      StateProof proof = proofOf(rootNode, absent, Optional.empty());
      assertFalse(StateProofs.verify(suite, root, proof).present());
      if (proof.getAbsence().getOtherKeyPath().isEmpty()) {
        endsInEmpty++;
      } else {
        endsInOtherLeaf++;
      }
    }
    assertTrue(endsInEmpty > 0 && endsInOtherLeaf > 0, endsInEmpty + " / " + endsInOtherLeaf);
  }

  private StateProof proofOf(Child root, ByteString key, Optional<ByteString> value) {
    return StateProofs.build(key, tree.prove(root, StateHashing.keyPath(suite, key)), value);
  }

  @Test
  void tamperedProofsAreRefused() {
    Map<Hash, Hash> changes = new HashMap<>();
    ByteString key = ChainFixture.bytes("licence/1");
    ByteString value = ChainFixture.bytes("valid");
    changes.put(StateHashing.keyPath(suite, key), StateHashing.valueHash(suite, value));
    Random random = new Random(5);
    for (int i = 0; i < 100; i++) {
      changes.put(randomHash(random), randomHash(random));
    }
    Child rootNode = apply(Child.EMPTY, changes);
    Hash root = rootNode.hash();
    StateProof good = proofOf(rootNode, key, Optional.of(value));
    assertTrue(good.getSiblingsCount() > 0);

    StateProof otherValue =
        good.toBuilder()
            .setInclusion(good.getInclusion().toBuilder().setValue(bytes("revoked")))
            .build();
    assertRefused(root, otherValue, "does not lead to the root");
    byte[] sibling = good.getSiblings(0).toByteArray();
    sibling[0] ^= 1;
    assertRefused(
        root, good.toBuilder().setSiblings(0, ByteString.copyFrom(sibling)).build(), "root");
    assertRefused(root, good.toBuilder().addSiblings(ByteString.EMPTY).build(), "root");
    assertRefused(
        root, good.toBuilder().setSiblings(0, ByteString.copyFrom(new byte[31])).build(), "32");
    assertRefused(root, good.toBuilder().clearInclusion().build(), "no outcome");
    assertRefused(randomHash(random), good, "root");

    StateProof claimAbsent =
        StateProof.newBuilder()
            .setKey(key)
            .addAllSiblings(good.getSiblingsList())
            .setAbsence(
                org.govchain.storage.proto.Absence.newBuilder()
                    .setOtherKeyPath(StateHashing.keyPath(suite, key).toByteString())
                    .setOtherValueHash(StateHashing.valueHash(suite, value).toByteString()))
            .build();
    assertRefused(root, claimAbsent, "leaf of the key itself");
    StateProof absentKeyWithKeysLeaf =
        claimAbsent.toBuilder().setKey(bytes("licence/unknown")).build();
    assertThrows(
        MalformedInputException.class,
        () -> StateProofs.verify(suite, root, absentKeyWithKeysLeaf));
  }

  @Test
  void malformedProofsAreRefusedWithAReason() {
    Hash root = randomHash(new Random(9));
    StateProof.Builder tooDeep = StateProof.newBuilder().setKey(bytes("k"));
    for (int i = 0; i < 257; i++) {
      tooDeep.addSiblings(ByteString.EMPTY);
    }
    tooDeep.setInclusion(org.govchain.storage.proto.Inclusion.getDefaultInstance());
    assertRefused(root, tooDeep.build(), "257 siblings");
    assertRefused(
        root,
        StateProof.newBuilder()
            .setInclusion(org.govchain.storage.proto.Inclusion.getDefaultInstance())
            .build(),
        "key must be");
    StateProof halfAbsence =
        StateProof.newBuilder()
            .setKey(bytes("k"))
            .setAbsence(
                org.govchain.storage.proto.Absence.newBuilder()
                    .setOtherKeyPath(ByteString.copyFrom(new byte[32])))
            .build();
    assertRefused(root, halfAbsence, "other value hash");
  }

  private void assertRefused(Hash root, StateProof proof, String reason) {
    MalformedInputException refused =
        assertThrows(MalformedInputException.class, () -> StateProofs.verify(suite, root, proof));
    assertTrue(refused.getMessage().contains(reason), refused.getMessage());
  }

  private static ByteString bytes(String text) {
    return ChainFixture.bytes(text);
  }
}
