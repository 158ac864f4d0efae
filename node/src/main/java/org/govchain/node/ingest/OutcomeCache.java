package org.govchain.node.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.govchain.core.crypto.Hash;

/**
 * A bounded least-recently-used map from transaction hash to outcome, for the short life of a
 * transaction on the node (verified, pending, built or validated into a block, committed): the
 * commit takes its entry out. Thread-safe.
 */
final class OutcomeCache {
  private final LinkedHashMap<Hash, IngestOutcome> entries;

  OutcomeCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be positive, got " + capacity);
    }
    this.entries =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash, IngestOutcome> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized IngestOutcome get(Hash key) {
    return entries.get(key);
  }

  synchronized void put(Hash key, IngestOutcome outcome) {
    entries.put(key, outcome);
  }

  /** The outcome for {@code key}, forgotten here; null if none is kept. */
  synchronized IngestOutcome take(Hash key) {
    return entries.remove(key);
  }

  synchronized int size() {
    return entries.size();
  }
}
