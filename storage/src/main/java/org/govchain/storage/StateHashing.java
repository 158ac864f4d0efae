package org.govchain.storage;

import com.google.protobuf.ByteString;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Hasher;

/**
 * The hashing of the authenticated state tree, through the chain's crypto suite (SM3 or SHA-256).
 * docs/storage.md gives the same definitions as byte layouts, for verifiers in other languages.
 *
 * <ul>
 *   <li>key path: {@code H("govchain/v1/state-key" 0x00 || key)}; its 256 bits, most significant
 *       bit of byte 0 first, choose the way down the tree (0 = left);
 *   <li>value hash: {@code H("govchain/v1/state-value" 0x00 || value)};
 *   <li>leaf: {@code H("govchain/v1/state-leaf" 0x00 || key path || value hash)};
 *   <li>inner node: {@code H("govchain/v1/state-node" 0x00 || left || right)};
 *   <li>the empty subtree: 32 zero bytes (not a hash of anything).
 * </ul>
 *
 * A subtree holding exactly one entry is that entry's leaf, wherever it sits, so a path is only as
 * deep as needed to tell its key from its nearest neighbour.
 */
public final class StateHashing {
  public static final String KEY_TAG = "govchain/v1/state-key";
  public static final String VALUE_TAG = "govchain/v1/state-value";
  public static final String LEAF_TAG = "govchain/v1/state-leaf";
  public static final String NODE_TAG = "govchain/v1/state-node";

  /** The hash of an empty subtree, and the root of an empty state. */
  public static final Hash EMPTY = Hash.ZERO;

  /** Key paths have 256 bits, so no path is deeper than this. */
  public static final int MAX_DEPTH = 256;

  private StateHashing() {}

  public static Hash keyPath(CryptoSuite suite, ByteString key) {
    return suite.newHasher().updateTag(KEY_TAG).update(key).finish();
  }

  public static Hash valueHash(CryptoSuite suite, ByteString value) {
    return suite.newHasher().updateTag(VALUE_TAG).update(value).finish();
  }

  public static Hash leafHash(CryptoSuite suite, Hash keyPath, Hash valueHash) {
    Hasher hasher = suite.newHasher().updateTag(LEAF_TAG);
    return hasher.update(keyPath).update(valueHash).finish();
  }

  public static Hash nodeHash(CryptoSuite suite, Hash left, Hash right) {
    return suite.newHasher().updateTag(NODE_TAG).update(left).update(right).finish();
  }

  /** True if the first {@code bits} bits of {@code a} and {@code b} are equal. */
  public static boolean samePrefix(Hash a, Hash b, int bits) {
    for (int i = 0; i < bits; i++) {
      if (a.bit(i) != b.bit(i)) {
        return false;
      }
    }
    return true;
  }
}
