package org.govchain.p2p;

/** A peer broke the framing or the protocol; the connection is closed for {@link #reason()}. */
final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final CloseReason reason;

  ProtocolException(CloseReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  CloseReason reason() {
    return reason;
  }
}
