package org.govchain.p2p;

/** Why a call made with {@link Transport#call} failed; the future completes with this. */
public final class CallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of failure, each with what the caller may do about it. */
  public enum Kind {
    /** No answer before the deadline (the peer may still have run the handler). */
    DEADLINE_EXCEEDED,
    /** The peer's queue, or this node's table of calls in flight, is full; retry later. */
    QUEUE_FULL,
    /** The connection that carried the request closed before the answer came. */
    CONNECTION_LOST,
    /** The peer has no handler for the method. */
    NO_SUCH_METHOD,
    /** The peer's handler failed; the message says why. */
    FAILED,
    /** The peer is serving as many calls from this node as it allows; retry later. */
    OVERLOADED,
    /** The request was refused before sending: unknown peer, bad method name, too large. */
    INVALID,
    /** The transport stopped. */
    STOPPED
  }

  private final Kind kind;

  public CallException(Kind kind, String message) {
    super(kind + ": " + message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
