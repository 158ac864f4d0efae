package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.govchain.core.Invariants;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateLimits;
import org.govchain.core.state.StateWriter;

/**
 * A copy-on-write state for executing a proposed block: reads see the writes made so far, then the
 * base view; nothing reaches the store. {@link #changes()} gives the change set and the state root
 * it leads to; dropping the overlay discards everything. {@link #mark()} and {@link
 * #rollbackTo(int)} undo the writes of a transaction that fails. Not thread-safe.
 */
public final class StateOverlay implements StateWriter {
  /** Most distinct keys one block may write. */
  public static final int WRITES_MAX = 1_000_000;

  /** Most key and value bytes one block may write (counted as written, overwrites included). */
  public static final long WRITE_BYTES_MAX = 256L << 20;

  /**
   * Unsigned lexicographic order, as {@link ByteString#unsignedLexicographicalComparator()} and
   * RocksDB's: the same order, without an iterator per comparison (a block's writes share long key
   * prefixes, and the write map compares them on every put and read).
   */
  static final Comparator<ByteString> ORDER = StateOverlay::compareKeys;

  private record Undo(ByteString key, Optional<ByteString> previous, boolean hadWrite) {}

  private final StateView base;
  private final List<StateIndex> indexes;
  private final TreeMap<ByteString, Optional<ByteString>> writes = new TreeMap<>(ORDER);
  private final List<Undo> journal = new ArrayList<>();
  private long writtenBytes;

  private StateOverlay(StateView base, List<StateIndex> indexes) {
    this.base = base;
    this.indexes = List.copyOf(indexes);
    this.indexes.forEach(StateIndexes::checkDeclaration);
  }

  /** An empty overlay over {@code base}, which must stay open while the overlay is used. */
  public static StateOverlay over(StateView base) {
    return new StateOverlay(base, List.of());
  }

  /**
   * An overlay that also keeps the entries of {@code indexes} (the chain's declared secondary
   * indexes) as keys are put and deleted. Every node must declare the same indexes for a chain:
   * index entries are part of the state root.
   */
  public static StateOverlay over(StateView base, List<StateIndex> indexes) {
    return new StateOverlay(base, indexes);
  }

  public StateView base() {
    return base;
  }

  /** The height the block being executed will have: the base's height plus one. */
  @Override
  public long height() {
    return base.height() + 1;
  }

  @Override
  public Optional<ByteString> get(ByteString key) {
    StateLimits.checkKey(key);
    Optional<ByteString> written = writes.get(key);
    return written != null ? written : base.get(key);
  }

  @Override
  public void put(ByteString key, ByteString value) {
    StateLimits.checkKey(key);
    StateLimits.checkValue(value);
    checkNotReserved(key);
    reindex(key, Optional.of(value));
    record(key, Optional.of(value), key.size() + value.size());
  }

  @Override
  public void delete(ByteString key) {
    StateLimits.checkKey(key);
    checkNotReserved(key);
    reindex(key, Optional.empty());
    record(key, Optional.empty(), key.size());
  }

  private static void checkNotReserved(ByteString key) {
    if (key.byteAt(0) == StateIndexes.RESERVED_PREFIX) {
      throw new IllegalArgumentException("state keys starting with 0xFF are the indexes' own");
    }
  }

  /** Moves {@code key}'s index entries from its current value's terms to the new value's. */
  private void reindex(ByteString key, Optional<ByteString> value) {
    for (StateIndex index : indexes) {
      if (!key.startsWith(index.keyPrefix())) {
        continue;
      }
      List<ByteString> before = get(key).map(old -> terms(index, key, old)).orElse(List.of());
      List<ByteString> after = value.map(v -> terms(index, key, v)).orElse(List.of());
      for (ByteString term : before) {
        if (!after.contains(term)) {
          ByteString entry = StateIndexes.entryKey(base.suite(), index, term, key);
          record(entry, Optional.empty(), entry.size());
        }
      }
      for (ByteString term : after) {
        if (!before.contains(term)) {
          ByteString entry = StateIndexes.entryKey(base.suite(), index, term, key);
          record(entry, Optional.of(key), entry.size() + key.size());
        }
      }
    }
  }

  private static List<ByteString> terms(StateIndex index, ByteString key, ByteString value) {
    List<ByteString> terms = index.terms(key, value);
    if (terms.size() > StateIndex.TERMS_PER_ENTRY_MAX) {
      throw new IllegalArgumentException(
          "index " + index.name() + " gave " + terms.size() + " terms for one entry");
    }
    return terms;
  }

  private void record(ByteString key, Optional<ByteString> value, int bytes) {
    if (writtenBytes + bytes > WRITE_BYTES_MAX) {
      throw new StateLimitExceededException(
          "a block may write at most " + WRITE_BYTES_MAX + " bytes of keys and values");
    }
    // One walk of the write map: put, and take a new key back out if it went over the limit.
    Optional<ByteString> previous = writes.put(key, value);
    if (previous == null && writes.size() > WRITES_MAX) {
      writes.remove(key);
      throw new StateLimitExceededException("a block may write at most " + WRITES_MAX + " keys");
    }
    writtenBytes += bytes;
    journal.add(new Undo(key, previous, previous != null));
  }

  static int compareKeys(ByteString a, ByteString b) {
    int common = Math.min(a.size(), b.size());
    for (int i = 0; i < common; i++) {
      int difference = (a.byteAt(i) & 0xff) - (b.byteAt(i) & 0xff);
      if (difference != 0) {
        return difference;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** A point to come back to with {@link #rollbackTo(int)}. */
  public int mark() {
    return journal.size();
  }

  /** Undoes every write made since {@code mark} was taken. */
  public void rollbackTo(int mark) {
    Invariants.argument(mark >= 0 && mark <= journal.size(), "no such overlay mark: %s", mark);
    for (int i = journal.size() - 1; i >= mark; i--) {
      Undo undo = journal.remove(i);
      if (undo.hadWrite()) {
        writes.put(undo.key(), undo.previous());
      } else {
        writes.remove(undo.key());
      }
    }
  }

  @Override
  public List<StateEntry> scan(ByteString prefix, ByteString startAfter, int limit) {
    StateLimits.checkScanLimit(limit);
    return new OverlayScan(base, writes, prefix, startAfter, limit).run();
  }

  /** How many keys the overlay has written so far (deletions included). */
  public int size() {
    return writes.size();
  }

  /**
   * The change set of everything written, and the state root it leads to. Reads the base's tree
   * (each touched node once) and the current versions of the keys it replaces; writes nothing. The
   * overlay stays usable.
   */
  public StateChanges changes() {
    List<StateChange> changes = new ArrayList<>(writes.size());
    List<SparseMerkleTree.PathUpdate> updates = new ArrayList<>(writes.size());
    Map<Hash, ByteString> keysByPath = new HashMap<>();
    for (Map.Entry<ByteString, Optional<ByteString>> write : writes.entrySet()) {
      changes.add(new StateChange(write.getKey(), write.getValue()));
      Hash keyPath = StateHashing.keyPath(base.suite(), write.getKey());
      keysByPath.put(keyPath, write.getKey());
      updates.add(
          new SparseMerkleTree.PathUpdate(
              keyPath,
              write.getValue().map(v -> StateHashing.valueHash(base.suite(), v)).orElse(null)));
    }
    updates.sort(Comparator.comparing(SparseMerkleTree.PathUpdate::keyPath));
    SparseMerkleTree.UpdateResult result =
        base.tree().update(base.rootNode(), base.height() + 1, updates);
    List<ByteString> replacedKeys = new ArrayList<>(result.replacedPaths().size());
    result.replacedPaths().forEach(path -> replacedKeys.add(keysByPath.get(path)));
    Map<ByteString, StoredVersion> superseded =
        base.reads().valueVersionsAt(replacedKeys, base.height());
    return new StateChanges(
        base.chain(),
        base.height(),
        base.root(),
        result.root(),
        changes,
        result.createdNodes(),
        superseded,
        base.reads().columns());
  }
}
