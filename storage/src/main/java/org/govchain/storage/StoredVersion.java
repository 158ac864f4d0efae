package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * A key's latest version in the latest-state column family: the height that wrote it and its value,
 * or empty if that height deleted the key. Stored as {@code kind₁ ‖ height₈ ‖ value}, kind 1 for a
 * value and 0 for a deletion; the deletion is kept so reads at older heights know where to look.
 */
record StoredVersion(long height, Optional<ByteString> value) {
  private static final int HEADER_BYTES = 9;

  static byte[] encode(long height, Optional<ByteString> value) {
    int size = value.map(ByteString::size).orElse(0);
    byte[] out = new byte[HEADER_BYTES + size];
    out[0] = value.isPresent() ? Keys.HISTORY_PUT : Keys.HISTORY_DELETE;
    Keys.writeLong(out, 1, height);
    value.ifPresent(bytes -> bytes.copyTo(out, HEADER_BYTES));
    return out;
  }

  /** Decodes a stored version; null if the bytes are not one. */
  static StoredVersion decode(byte[] stored) {
    if (stored.length < HEADER_BYTES) {
      return null;
    }
    long height = Keys.readLong(stored, 1);
    if (stored[0] == Keys.HISTORY_DELETE && stored.length == HEADER_BYTES) {
      return new StoredVersion(height, Optional.empty());
    }
    if (stored[0] == Keys.HISTORY_PUT) {
      return new StoredVersion(
          height,
          Optional.of(ByteString.copyFrom(stored, HEADER_BYTES, stored.length - HEADER_BYTES)));
    }
    return null;
  }

  /** The history entry of this version once a later one supersedes it: {@code kind ‖ value}. */
  byte[] historyValue() {
    if (value.isEmpty()) {
      return new byte[] {Keys.HISTORY_DELETE};
    }
    byte[] out = new byte[1 + value.get().size()];
    out[0] = Keys.HISTORY_PUT;
    value.get().copyTo(out, 1);
    return out;
  }
}
