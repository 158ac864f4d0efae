package org.govchain.core.state;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of one chain's state at one height: every read sees the same height, never a
 * mix. Keys and values are opaque bytes; the ledgers in {@code subchains} give them meaning.
 * Implementations: the versioned RocksDB state in {@code storage}, an in-memory map in unit tests
 * of pure logic, and the copy-on-write overlay used to execute a proposed block.
 */
public interface StateReader {
  /** The height whose state this view shows (the last block applied to it). */
  long height();

  /** The value at {@code key}, or empty if absent. {@code key} obeys {@link StateLimits}. */
  Optional<ByteString> get(ByteString key);

  /**
   * Entries whose key starts with {@code prefix}, in ascending unsigned byte order of key, starting
   * strictly after {@code startAfter} (or at the first key of the prefix if it is empty), at most
   * {@code limit} of them ({@code 1 <= limit <= StateLimits.MAX_SCAN_ENTRIES}). A caller pages by
   * passing the last key it received.
   */
  List<StateEntry> scan(ByteString prefix, ByteString startAfter, int limit);
}
