package org.govchain.subchains.state;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.RefusalCode;

/**
 * Per-submitter replay protection, kept in each chain's state at {@code "nonce" / raw key}: a
 * transaction's nonce must be greater than the last nonce accepted from its submitter on this chain
 * (gaps are allowed, so a client can abandon a transaction). A replayed transaction carries a nonce
 * already used and is refused.
 */
public final class Nonces {
  private Nonces() {}

  public static ByteString key(PublicKey submitter) {
    return StateKeys.table("nonce").bytes(submitter.toRaw()).build();
  }

  /** The last nonce accepted from {@code submitter}, or 0 if none. */
  public static long last(StateReader state, PublicKey submitter) {
    Optional<ByteString> value = state.get(key(submitter));
    if (value.isEmpty()) {
      return 0;
    }
    return value.get().asReadOnlyByteBuffer().getLong();
  }

  /** Refuses a nonce not above the last one; otherwise records it. */
  public static void advance(StateWriter state, PublicKey submitter, long nonce) throws Refusal {
    long last = last(state, submitter);
    // Nonces are unsigned 64-bit on the wire; compare them as such.
    if (Long.compareUnsigned(nonce, last) <= 0) {
      throw new Refusal(
          RefusalCode.STALE_NONCE,
          "nonce "
              + Long.toUnsignedString(nonce)
              + " is not above the submitter's last accepted nonce "
              + Long.toUnsignedString(last));
    }
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (nonce >>> (56 - 8 * i));
    }
    state.put(key(submitter), ByteString.copyFrom(bytes));
  }
}
