package org.govchain.subchains.state;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateLimits;
import org.govchain.core.state.StateWriter;

/**
 * A chain's state in memory, ordered by unsigned key bytes like the RocksDB store: used to dry-run
 * genesis content, for unit tests of the ledgers and for benchmarks. Not thread-safe.
 */
public final class MemoryState implements StateWriter {
  private final TreeMap<ByteString, ByteString> entries =
      new TreeMap<>(ByteString.unsignedLexicographicalComparator());
  private long height;

  public MemoryState() {
    this.height = -1;
  }

  @Override
  public long height() {
    return height;
  }

  /** Marks the state as that after block {@code height}. */
  public void setHeight(long height) {
    this.height = height;
  }

  @Override
  public Optional<ByteString> get(ByteString key) {
    StateLimits.checkKey(key);
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public List<StateEntry> scan(ByteString prefix, ByteString startAfter, int limit) {
    return scan(entries, prefix, startAfter, limit);
  }

  static List<StateEntry> scan(
      NavigableMap<ByteString, ByteString> entries,
      ByteString prefix,
      ByteString startAfter,
      int limit) {
    StateLimits.checkScanLimit(limit);
    boolean fromPrefix =
        startAfter.isEmpty()
            || ByteString.unsignedLexicographicalComparator().compare(startAfter, prefix) < 0;
    NavigableMap<ByteString, ByteString> tail =
        fromPrefix ? entries.tailMap(prefix, true) : entries.tailMap(startAfter, false);
    List<StateEntry> out = new ArrayList<>(Math.min(limit, 64));
    for (Map.Entry<ByteString, ByteString> entry : tail.entrySet()) {
      // Keys with the prefix form one contiguous range: the first key without it ends the scan.
      if (!entry.getKey().startsWith(prefix)) {
        break;
      }
      out.add(new StateEntry(entry.getKey(), entry.getValue()));
      if (out.size() == limit) {
        break;
      }
    }
    return out;
  }

  @Override
  public void put(ByteString key, ByteString value) {
    StateLimits.checkKey(key);
    StateLimits.checkValue(value);
    entries.put(key, value);
  }

  @Override
  public void delete(ByteString key) {
    StateLimits.checkKey(key);
    entries.remove(key);
  }

  public int size() {
    return entries.size();
  }

  /** A read-only view of every entry, in key order. */
  public Map<ByteString, ByteString> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** An independent copy (a snapshot to anchor reads at this height). */
  public MemoryState copy() {
    MemoryState copy = new MemoryState();
    copy.entries.putAll(entries);
    copy.height = height;
    return copy;
  }
}
