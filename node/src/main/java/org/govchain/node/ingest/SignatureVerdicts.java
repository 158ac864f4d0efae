package org.govchain.node.ingest;

import java.security.SecureRandom;
import org.govchain.core.crypto.Hash;

/**
 * The signature verdicts (good or bad) of the last {@code capacity} transactions verified, by the
 * hash of their exact bytes, first in first out. Thread-safe.
 *
 * <p>Kept flat — the hashes in one array, an open-addressing index in another, no object per entry
 * — because the verdicts are kept for minutes: objects per entry would be copied by every young
 * collection until tenured, and then fill the old generation. A hit spares a transaction its second
 * signature check; the rest of its checks (decoding, stateless rules) are cheap and deterministic
 * and are done again.
 */
final class SignatureVerdicts {
  /** No verdict remembered. */
  static final int UNKNOWN = 0;

  static final int GOOD = 1;
  static final int BAD = 2;

  private final int capacity;
  private final byte[] hashes;
  private final byte[] verdicts;
  private final int[] index;
  private final int indexMask;
  private final long seed = new SecureRandom().nextLong();
  private int next;
  private int size;

  SignatureVerdicts(int capacity) {
    if (capacity < 1 || capacity > 1 << 24) {
      throw new IllegalArgumentException(
          "verdict capacity must be between 1 and 2^24, got " + capacity);
    }
    this.capacity = capacity;
    this.hashes = new byte[capacity * Hash.BYTES];
    this.verdicts = new byte[capacity];
    int slots = Integer.highestOneBit(capacity) * 4;
    this.index = new int[slots];
    this.indexMask = slots - 1;
  }

  /** {@link #GOOD}, {@link #BAD} or {@link #UNKNOWN} for the transaction of hash {@code key}. */
  synchronized int verdict(Hash key) {
    int position = find(key);
    return position < 0 ? UNKNOWN : verdicts[index[position] - 1];
  }

  /** Remembers {@code good}'s verdict for {@code key}, forgetting the oldest when full. */
  synchronized void remember(Hash key, boolean good) {
    byte verdict = (byte) (good ? GOOD : BAD);
    int position = find(key);
    if (position >= 0) {
      verdicts[index[position] - 1] = verdict;
      return;
    }
    int entry = next;
    if (size == capacity) {
      removeFromIndex(entry);
    } else {
      size++;
    }
    key.copyTo(hashes, entry * Hash.BYTES);
    verdicts[entry] = verdict;
    int slot = bucket(entry);
    while (index[slot] != 0) {
      slot = (slot + 1) & indexMask;
    }
    index[slot] = entry + 1;
    next = (entry + 1) % capacity;
  }

  synchronized int size() {
    return size;
  }

  /** The index slot holding {@code key}'s entry, or -1. */
  private int find(Hash key) {
    int slot = bucketOf(key);
    while (index[slot] != 0) {
      if (sameHash(index[slot] - 1, key)) {
        return slot;
      }
      slot = (slot + 1) & indexMask;
    }
    return -1;
  }

  /** Linear probing's deletion: the entries after the hole that belong before it move back. */
  private void removeFromIndex(int entry) {
    int hole = bucket(entry);
    while (index[hole] != entry + 1) {
      hole = (hole + 1) & indexMask;
    }
    int slot = hole;
    while (true) {
      slot = (slot + 1) & indexMask;
      if (index[slot] == 0) {
        break;
      }
      int home = bucket(index[slot] - 1);
      boolean homeAfterHole =
          hole <= slot ? (home > hole && home <= slot) : (home > hole || home <= slot);
      if (!homeAfterHole) {
        index[hole] = index[slot];
        hole = slot;
      }
    }
    index[hole] = 0;
  }

  private boolean sameHash(int entry, Hash key) {
    int offset = entry * Hash.BYTES;
    for (int i = 0; i < Hash.BYTES; i++) {
      if (hashes[offset + i] != key.byteAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int bucketOf(Hash key) {
    long prefix = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      prefix = (prefix << 8) | (key.byteAt(i) & 0xff);
    }
    return spread(prefix);
  }

  private int bucket(int entry) {
    long prefix = 0;
    int offset = entry * Hash.BYTES;
    for (int i = 0; i < Long.BYTES; i++) {
      prefix = (prefix << 8) | (hashes[offset + i] & 0xff);
    }
    return spread(prefix);
  }

  /**
   * Mixed with a secret per-process seed, so transactions ground to share a hash prefix do not
   * share an index slot.
   */
  private int spread(long prefix) {
    long mixed = (prefix ^ seed) * 0x9E3779B97F4A7C15L;
    return (int) (mixed >>> 32) & indexMask;
  }
}
