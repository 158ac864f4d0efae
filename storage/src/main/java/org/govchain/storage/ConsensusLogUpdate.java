package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts and deletes to a chain's consensus log, applied atomically: alone through {@link
 * ConsensusLog#write}, or inside a block's commit. Its content is the consensus module's; storage
 * only bounds it. Immutable once built.
 */
public final class ConsensusLogUpdate {
  public static final int KEY_BYTES_MAX = 256;
  public static final int VALUE_BYTES_MAX = 64 << 20;
  public static final int ENTRIES_MAX = 10_000;
  public static final long TOTAL_BYTES_MAX = 256L << 20;

  private static final ConsensusLogUpdate EMPTY = new ConsensusLogUpdate(List.of());

  /** One put (value present) or delete (value empty). */
  public record Entry(ByteString key, Optional<ByteString> value) {}

  private final List<Entry> entries;

  private ConsensusLogUpdate(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static ConsensusLogUpdate empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Collects entries; fails with IllegalArgumentException past any limit (a program error). */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();
    private long bytes;

    private Builder() {}

    public Builder put(ByteString key, ByteString value) {
      if (value.size() > VALUE_BYTES_MAX) {
        throw new IllegalArgumentException(
            "consensus log value is " + value.size() + " bytes, over " + VALUE_BYTES_MAX);
      }
      return add(new Entry(key, Optional.of(value)), key.size() + value.size());
    }

    public Builder delete(ByteString key) {
      return add(new Entry(key, Optional.empty()), key.size());
    }

    private Builder add(Entry entry, long entryBytes) {
      ByteString key = entry.key();
      if (key.isEmpty() || key.size() > KEY_BYTES_MAX) {
        throw new IllegalArgumentException(
            "consensus log key must be 1.." + KEY_BYTES_MAX + " bytes, got " + key.size());
      }
      if (entries.size() >= ENTRIES_MAX || bytes + entryBytes > TOTAL_BYTES_MAX) {
        throw new IllegalArgumentException(
            "a consensus log update holds at most "
                + ENTRIES_MAX
                + " entries and "
                + TOTAL_BYTES_MAX
                + " bytes");
      }
      bytes += entryBytes;
      entries.add(entry);
      return this;
    }

    public ConsensusLogUpdate build() {
      return new ConsensusLogUpdate(entries);
    }
  }
}
