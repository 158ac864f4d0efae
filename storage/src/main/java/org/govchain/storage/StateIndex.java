package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A secondary index a ledger declares over its state, e.g. holder → licences: for each state entry
 * under {@link #keyPrefix()}, the terms it is found by. {@link StateOverlay} keeps the index
 * entries in the state itself, under the reserved first byte 0xFF, as each put and delete happens:
 * they are committed in the block's batch, versioned and provable like any state entry, and their
 * root is part of the state root. {@link #terms} must be a pure function of its arguments.
 */
public interface StateIndex {
  int NAME_LENGTH_MAX = 32;
  int TERM_BYTES_MAX = 64;
  int TERMS_PER_ENTRY_MAX = 16;
  Pattern NAME_FORM = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /** Lower-case letters, digits and hyphens, starting with a letter, at most 32 characters. */
  String name();

  /** The state keys this index covers. Must not start with 0xFF. */
  ByteString keyPrefix();

  /** The terms (1..64 bytes each, at most 16) under which {@code key} = {@code value} is found. */
  List<ByteString> terms(ByteString key, ByteString value);
}
