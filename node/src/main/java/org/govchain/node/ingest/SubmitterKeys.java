package org.govchain.node.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.govchain.core.crypto.PublicKey;

/**
 * Submitter keys seen recently, one shared instance per key, least recently used first out.
 * Signature checks under a shared instance reuse the precomputation the crypto library keeps on the
 * key's point (for SM2, checks under a key decoded once cost about 40% of checks under a key
 * decoded for each, see docs/benchmarks.md); a fresh decode per transaction would throw it away.
 * Thread-safe.
 */
final class SubmitterKeys {
  private final Map<PublicKey, PublicKey> keys;

  SubmitterKeys(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("key cache capacity must be positive, got " + capacity);
    }
    this.keys =
        new LinkedHashMap<>(Math.min(capacity, 1 << 12), 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<PublicKey, PublicKey> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The shared instance equal to {@code key} (which becomes it if none is remembered). */
  synchronized PublicKey shared(PublicKey key) {
    PublicKey known = keys.putIfAbsent(key, key);
    return known == null ? key : known;
  }

  synchronized int size() {
    return keys.size();
  }
}
