package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateReader;

/**
 * The layout of index entries in the state, and lookups through them. An entry is the state key
 * {@code 0xFF || name || 0x00 || len(term) || term || H_key(indexed key)} with the indexed key as
 * its value; its length is bounded (at most 131 bytes) whatever the indexed key's length.
 */
public final class StateIndexes {
  /** First byte of every index entry's key; ledgers may not write keys starting with it. */
  public static final byte RESERVED_PREFIX = (byte) 0xff;

  private StateIndexes() {}

  static void checkDeclaration(StateIndex index) {
    if (!StateIndex.NAME_FORM.matcher(index.name()).matches()) {
      throw new IllegalArgumentException("index name '" + index.name() + "' is not of the form");
    }
    if (!index.keyPrefix().isEmpty() && index.keyPrefix().byteAt(0) == RESERVED_PREFIX) {
      throw new IllegalArgumentException("index " + index.name() + " covers reserved keys");
    }
  }

  /** {@code 0xFF || name || 0x00 || len(term) || term}: the prefix of a term's entries. */
  static ByteString termPrefix(StateIndex index, ByteString term) {
    if (term.isEmpty() || term.size() > StateIndex.TERM_BYTES_MAX) {
      throw new IllegalArgumentException(
          "index term must be 1.." + StateIndex.TERM_BYTES_MAX + " bytes, got " + term.size());
    }
    return ByteString.copyFrom(new byte[] {RESERVED_PREFIX})
        .concat(ByteString.copyFrom(index.name(), StandardCharsets.US_ASCII))
        .concat(ByteString.copyFrom(new byte[] {0, (byte) term.size()}))
        .concat(term);
  }

  static ByteString entryKey(CryptoSuite suite, StateIndex index, ByteString term, ByteString key) {
    return termPrefix(index, term).concat(StateHashing.keyPath(suite, key).toByteString());
  }

  /**
   * The state keys indexed under {@code term}, in the order of their key paths, after the entry
   * {@code startAfter} returned last (empty to start), at most {@code limit}.
   */
  public static List<ByteString> lookup(
      StateReader state, StateIndex index, ByteString term, ByteString startAfterEntry, int limit) {
    List<ByteString> keys = new ArrayList<>();
    for (StateEntry entry : state.scan(termPrefix(index, term), startAfterEntry, limit)) {
      keys.add(entry.value());
    }
    return keys;
  }

  /** The index entries (keys of the state) under {@code term}, for paging and proofs. */
  public static List<StateEntry> entries(
      StateReader state, StateIndex index, ByteString term, ByteString startAfterEntry, int limit) {
    return state.scan(termPrefix(index, term), startAfterEntry, limit);
  }
}
