package org.govchain.subchains.state;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Optional;
import org.govchain.core.InvariantViolation;
import org.govchain.core.codec.Canonical;
import org.govchain.core.state.StateLimits;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;

/**
 * Reads and writes records as canonical protobuf values. Only ledger code writes them, so a stored
 * value that does not decode is a broken invariant (corrupt state), not bad input. Reads parse
 * without re-encoding to check canonical form: the values were encoded canonically by this code and
 * are authenticated by the state root, and the pull reads dozens of them per call.
 */
public final class Stored {
  /** Marker value of index entries: the key says everything. */
  public static final ByteString INDEX_MARK = ByteString.copyFrom(new byte[] {1});

  private Stored() {}

  public static <T extends Message> Optional<T> read(
      StateReader state, ByteString key, Parser<T> parser, String what) {
    Optional<ByteString> value = state.get(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(decode(value.get(), parser, what));
  }

  public static <T extends Message> T decode(ByteString value, Parser<T> parser, String what) {
    if (value.size() > StateLimits.MAX_VALUE_BYTES) {
      throw new InvariantViolation("stored " + what + " is over the value limit");
    }
    try {
      return parser.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new InvariantViolation("stored " + what + " does not decode: " + e.getMessage());
    }
  }

  public static void write(StateWriter state, ByteString key, Message record) {
    state.put(key, Canonical.encodeToByteString(record));
  }
}
