package org.govchain.core.state;

import com.google.protobuf.ByteString;

/**
 * The state of one chain while a block executes: reads see the writes made so far. What is written
 * becomes visible to others only when the block commits, all of it at once.
 */
public interface StateWriter extends StateReader {
  /** Sets {@code key} to {@code value}; both obey {@link StateLimits}. */
  void put(ByteString key, ByteString value);

  /** Removes {@code key}; removing an absent key is allowed and changes nothing. */
  void delete(ByteString key);
}
