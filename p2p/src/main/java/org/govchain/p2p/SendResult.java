package org.govchain.p2p;

/**
 * What happened to a frame handed to {@link Transport#send}. Sending never blocks: a frame is
 * either queued for the peer or refused at once with the reason.
 */
public enum SendResult {
  /** Queued; it is written when a connection to the peer is up (frames wait across reconnects). */
  QUEUED,
  /**
   * The peer's queue is at its frame or byte limit: the peer is slow or unreachable. The frame is
   * refused (never an older one dropped), so what was reported queued stays queued.
   */
  QUEUE_FULL,
  /** The frame would exceed the maximum frame size. */
  TOO_LARGE,
  /** The node id is not a member (or is this node). */
  UNKNOWN_PEER,
  /** The transport is stopped. */
  STOPPED;

  public boolean accepted() {
    return this == QUEUED;
  }
}
