package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateLimits;
import org.govchain.storage.proto.Absence;
import org.govchain.storage.proto.Inclusion;
import org.govchain.storage.proto.StateProof;

/**
 * Checks state proofs against a trusted root (a block header's state root) and builds them from a
 * proof path. Needs nothing but the chain's crypto suite: no store, no RocksDB.
 */
public final class StateProofs {
  private StateProofs() {}

  /**
   * Checks {@code proof} against {@code root} and returns what it proves: the key's value, or that
   * the key is absent. Fails with a reason if the proof is malformed or does not lead to the root.
   */
  public static ProvenEntry verify(CryptoSuite suite, Hash root, StateProof proof)
      throws MalformedInputException {
    ByteString key = proof.getKey();
    if (key.isEmpty() || key.size() > StateLimits.MAX_KEY_BYTES) {
      throw new MalformedInputException(
          "proof key must be 1.." + StateLimits.MAX_KEY_BYTES + " bytes, got " + key.size());
    }
    List<Hash> siblings = siblings(proof);
    Hash keyPath = StateHashing.keyPath(suite, key);
    Hash computed = terminalHash(suite, proof, keyPath, siblings.size());
    for (int i = 0; i < siblings.size(); i++) {
      int level = siblings.size() - 1 - i;
      Hash sibling = siblings.get(i);
      computed =
          keyPath.bit(level)
              ? StateHashing.nodeHash(suite, sibling, computed)
              : StateHashing.nodeHash(suite, computed, sibling);
    }
    if (!computed.equals(root)) {
      throw new MalformedInputException(
          "state proof does not lead to the root: computed "
              + computed.shortHex()
              + ", expected "
              + root.shortHex());
    }
    Optional<ByteString> value =
        proof.hasInclusion() ? Optional.of(proof.getInclusion().getValue()) : Optional.empty();
    return new ProvenEntry(key, value);
  }

  private static List<Hash> siblings(StateProof proof) throws MalformedInputException {
    if (proof.getSiblingsCount() > StateHashing.MAX_DEPTH) {
      throw new MalformedInputException(
          "state proof has "
              + proof.getSiblingsCount()
              + " siblings, more than the "
              + StateHashing.MAX_DEPTH
              + " levels a path can have");
    }
    List<Hash> siblings = new ArrayList<>(proof.getSiblingsCount());
    for (ByteString sibling : proof.getSiblingsList()) {
      siblings.add(
          sibling.isEmpty() ? StateHashing.EMPTY : Hash.decode(sibling, "state proof sibling"));
    }
    return siblings;
  }

  private static Hash terminalHash(CryptoSuite suite, StateProof proof, Hash keyPath, int depth)
      throws MalformedInputException {
    switch (proof.getOutcomeCase()) {
      case INCLUSION -> {
        ByteString value = proof.getInclusion().getValue();
        if (value.size() > StateLimits.MAX_VALUE_BYTES) {
          throw new MalformedInputException(
              "proven value is " + value.size() + " bytes, over " + StateLimits.MAX_VALUE_BYTES);
        }
        return StateHashing.leafHash(suite, keyPath, StateHashing.valueHash(suite, value));
      }
      case ABSENCE -> {
        return absenceTerminal(suite, proof.getAbsence(), keyPath, depth);
      }
      case OUTCOME_NOT_SET -> throw new MalformedInputException("state proof has no outcome");
    }
    throw new AssertionError("unknown proof outcome " + proof.getOutcomeCase());
  }

  private static Hash absenceTerminal(CryptoSuite suite, Absence absence, Hash keyPath, int depth)
      throws MalformedInputException {
    if (absence.getOtherKeyPath().isEmpty() && absence.getOtherValueHash().isEmpty()) {
      return StateHashing.EMPTY;
    }
    Hash otherPath = Hash.decode(absence.getOtherKeyPath(), "absence proof's other key path");
    Hash otherValue = Hash.decode(absence.getOtherValueHash(), "absence proof's other value hash");
    if (otherPath.equals(keyPath)) {
      throw new MalformedInputException("absence proof ends in the leaf of the key itself");
    }
    if (!StateHashing.samePrefix(otherPath, keyPath, depth)) {
      throw new MalformedInputException(
          "absence proof's other leaf is not on the key's path at depth " + depth);
    }
    return StateHashing.leafHash(suite, otherPath, otherValue);
  }

  /** The proof message for {@code key} from its path and its value (empty if absent). */
  static StateProof build(
      ByteString key, SparseMerkleTree.ProofPath path, Optional<ByteString> value) {
    StateProof.Builder proof = StateProof.newBuilder().setKey(key);
    for (Hash sibling : path.siblingsBottomUp()) {
      proof.addSiblings(
          sibling.equals(StateHashing.EMPTY) ? ByteString.EMPTY : sibling.toByteString());
    }
    if (value.isPresent()) {
      proof.setInclusion(Inclusion.newBuilder().setValue(value.get()));
    } else if (path.terminal() == null) {
      proof.setAbsence(Absence.getDefaultInstance());
    } else {
      proof.setAbsence(
          Absence.newBuilder()
              .setOtherKeyPath(path.terminal().keyPath().toByteString())
              .setOtherValueHash(path.terminal().valueHash().toByteString()));
    }
    return proof.build();
  }
}
