package org.govchain.node.chain;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateReader;

/**
 * Another chain's state, pinned at an anchored height for one block's execution, that remembers the
 * values it has read: a block's transactions mostly read the same few keys of the chains they
 * anchor (the submitting department, the licence type), and a pinned view cannot change under the
 * block. At most {@link #REMEMBERED_MAX} keys are remembered, the rest are read through; scans are
 * read through. Not thread-safe (one block's execution runs on one thread).
 */
final class RememberingReader implements StateReader {
  static final int REMEMBERED_MAX = 4_096;

  private final StateReader view;
  private final Map<ByteString, Optional<ByteString>> values = new HashMap<>();

  RememberingReader(StateReader view) {
    this.view = view;
  }

  @Override
  public long height() {
    return view.height();
  }

  @Override
  public Optional<ByteString> get(ByteString key) {
    Optional<ByteString> known = values.get(key);
    if (known != null) {
      return known;
    }
    Optional<ByteString> value = view.get(key);
    if (values.size() < REMEMBERED_MAX) {
      values.put(key, value);
    }
    return value;
  }

  @Override
  public List<StateEntry> scan(ByteString prefix, ByteString startAfter, int limit) {
    return view.scan(prefix, startAfter, limit);
  }
}
