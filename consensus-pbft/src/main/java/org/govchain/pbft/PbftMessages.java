package org.govchain.pbft;

import org.govchain.core.MalformedInputException;
import org.govchain.core.codec.Canonical;
import org.govchain.pbft.proto.PbftMessage;
import org.govchain.pbft.proto.PersistedState;

/** Decoding of messages and persisted state received as bytes. */
public final class PbftMessages {
  private PbftMessages() {}

  /** Decodes a peer's message: canonical encoding, at most {@code maxBytes}, a known kind. */
  public static PbftMessage decode(byte[] bytes, int maxBytes) throws MalformedInputException {
    PbftMessage message = Canonical.decode(PbftMessage.parser(), bytes, maxBytes, "pbft message");
    if (message.getBodyCase() == PbftMessage.BodyCase.BODY_NOT_SET) {
      throw new MalformedInputException("pbft message has no body");
    }
    return message;
  }

  /** Decodes a replica's persisted state (see {@link Replica#restore}). */
  public static PersistedState decodeState(byte[] bytes) throws MalformedInputException {
    return Canonical.decode(PersistedState.parser(), bytes, Integer.MAX_VALUE, "pbft state");
  }
}
