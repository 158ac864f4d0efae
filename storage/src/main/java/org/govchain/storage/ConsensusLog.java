package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateLimits;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * A chain's durable consensus log: what the consensus module must persist before it sends (its
 * votes, its view, its checkpoints). Keys and values are opaque here. {@link #write} is synced,
 * independent of block commits; a block commit can carry an update too, in the same batch.
 */
public final class ConsensusLog {
  private final Rocks rocks;
  private final ChainColumns columns;

  ConsensusLog(Rocks rocks, ChainColumns columns) {
    this.rocks = rocks;
    this.columns = columns;
  }

  public Optional<ByteString> get(ByteString key) {
    byte[] bytes =
        rocks.get(columns.consensus, rocks.resources().checkedRead(), key.toByteArray(), "log");
    return bytes == null ? Optional.empty() : Optional.of(ByteString.copyFrom(bytes));
  }

  /**
   * Entries whose key starts with {@code prefix}, in unsigned byte order, after {@code startAfter}
   * (from the prefix's first key if empty), at most {@code limit} (1..{@value
   * StateLimits#MAX_SCAN_ENTRIES}).
   */
  public List<StateEntry> scan(ByteString prefix, ByteString startAfter, int limit) {
    StateLimits.checkScanLimit(limit);
    byte[] prefixBytes = prefix.toByteArray();
    boolean afterStart =
        !startAfter.isEmpty()
            && ByteString.unsignedLexicographicalComparator().compare(startAfter, prefix) >= 0;
    List<StateEntry> entries = new ArrayList<>();
    try (RocksIterator iterator =
        rocks.iterator(columns.consensus, rocks.resources().checkedRead())) {
      iterator.seek(afterStart ? startAfter.toByteArray() : prefixBytes);
      if (afterStart
          && iterator.isValid()
          && startAfter.equals(ByteString.copyFrom(iterator.key()))) {
        iterator.next();
      }
      while (iterator.isValid()
          && entries.size() < limit
          && ChainReads.startsWith(iterator.key(), prefixBytes)) {
        entries.add(
            new StateEntry(
                ByteString.copyFrom(iterator.key()), ByteString.copyFrom(iterator.value())));
        iterator.next();
      }
      Rocks.checkIterator(iterator, "consensus log");
    }
    return entries;
  }

  /** Applies {@code update} atomically; it is on disk when this returns. */
  public void write(ConsensusLogUpdate update) {
    BatchBuilder builder = new BatchBuilder(1024);
    addTo(builder, columns, update);
    try (WriteBatch batch = builder.build()) {
      rocks.writeSynced(batch, "consensus log of " + columns.id());
    }
  }

  static void addTo(BatchBuilder batch, ChainColumns columns, ConsensusLogUpdate update) {
    for (ConsensusLogUpdate.Entry entry : update.entries()) {
      byte[] key = entry.key().toByteArray();
      if (entry.value().isPresent()) {
        batch.put(columns.consensus, key, entry.value().get().toByteArray());
      } else {
        batch.delete(columns.consensus, key);
      }
    }
  }
}
