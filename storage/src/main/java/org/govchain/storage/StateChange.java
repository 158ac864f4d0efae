package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.Optional;

/** One key's change in a block: its new value, or empty if the block removed it. */
public record StateChange(ByteString key, Optional<ByteString> value) {
  public boolean deletion() {
    return value.isEmpty();
  }
}
