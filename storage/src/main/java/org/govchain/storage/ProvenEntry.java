package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.Optional;

/** What a checked {@link org.govchain.storage.proto.StateProof} establishes about one key. */
public record ProvenEntry(ByteString key, Optional<ByteString> value) {
  public boolean present() {
    return value.isPresent();
  }
}
