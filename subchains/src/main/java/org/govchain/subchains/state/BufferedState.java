package org.govchain.subchains.state;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateLimits;
import org.govchain.core.state.StateWriter;

/**
 * Holds one transaction's writes over a chain's state until {@link #flush}: reads see the pending
 * writes, and a refused transaction's buffer is dropped, so a refusal changes nothing whatever
 * point the execution had reached.
 */
public final class BufferedState implements StateWriter {
  // Optional.empty() marks a pending delete.
  private final TreeMap<ByteString, Optional<ByteString>> pending =
      new TreeMap<>(ByteString.unsignedLexicographicalComparator());
  private final StateWriter base;

  public BufferedState(StateWriter base) {
    this.base = base;
  }

  @Override
  public long height() {
    return base.height();
  }

  @Override
  public Optional<ByteString> get(ByteString key) {
    Optional<ByteString> written = pending.get(key);
    if (written != null) {
      return written;
    }
    return base.get(key);
  }

  @Override
  public List<StateEntry> scan(ByteString prefix, ByteString startAfter, int limit) {
    StateLimits.checkScanLimit(limit);
    List<StateEntry> out = new ArrayList<>();
    ByteString cursor = startAfter;
    // Merge base pages with the pending writes until the limit or the end of the prefix range.
    while (out.size() < limit) {
      List<StateEntry> page = base.scan(prefix, cursor, limit);
      ByteString pageEnd = page.size() == limit ? page.get(page.size() - 1).key() : null;
      TreeMap<ByteString, ByteString> merged =
          new TreeMap<>(ByteString.unsignedLexicographicalComparator());
      for (StateEntry entry : page) {
        merged.put(entry.key(), entry.value());
      }
      for (Map.Entry<ByteString, Optional<ByteString>> write :
          pendingRange(prefix, cursor, pageEnd)) {
        if (write.getValue().isPresent()) {
          merged.put(write.getKey(), write.getValue().get());
        } else {
          merged.remove(write.getKey());
        }
      }
      for (Map.Entry<ByteString, ByteString> entry : merged.entrySet()) {
        if (out.size() == limit) {
          return out;
        }
        out.add(new StateEntry(entry.getKey(), entry.getValue()));
      }
      if (pageEnd == null) {
        return out;
      }
      cursor = pageEnd;
    }
    return out;
  }

  /** Pending writes with the prefix, after {@code after}, up to and including {@code last}. */
  private Iterable<Map.Entry<ByteString, Optional<ByteString>>> pendingRange(
      ByteString prefix, ByteString after, ByteString last) {
    List<Map.Entry<ByteString, Optional<ByteString>>> out = new ArrayList<>();
    var tail = after.isEmpty() ? pending.tailMap(prefix, true) : pending.tailMap(after, false);
    for (Map.Entry<ByteString, Optional<ByteString>> entry : tail.entrySet()) {
      if (last != null
          && ByteString.unsignedLexicographicalComparator().compare(entry.getKey(), last) > 0) {
        break;
      }
      if (entry.getKey().startsWith(prefix)) {
        out.add(entry);
      } else if (ByteString.unsignedLexicographicalComparator().compare(entry.getKey(), prefix)
          > 0) {
        break;
      }
    }
    return out;
  }

  @Override
  public void put(ByteString key, ByteString value) {
    StateLimits.checkKey(key);
    StateLimits.checkValue(value);
    pending.put(key, Optional.of(value));
  }

  @Override
  public void delete(ByteString key) {
    StateLimits.checkKey(key);
    pending.put(key, Optional.empty());
  }

  /** Applies the pending writes to the underlying state, in key order, and forgets them. */
  public void flush() {
    for (Map.Entry<ByteString, Optional<ByteString>> write : pending.entrySet()) {
      if (write.getValue().isPresent()) {
        base.put(write.getKey(), write.getValue().get());
      } else {
        base.delete(write.getKey());
      }
    }
    pending.clear();
  }
}
