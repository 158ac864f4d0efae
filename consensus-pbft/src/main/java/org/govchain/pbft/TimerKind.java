package org.govchain.pbft;

/** The replica's timers; at most one of each kind runs at a time. */
public enum TimerKind {
  /** A transaction has waited too long for a block: the primary is suspected. */
  REQUEST,
  /** A view change has waited too long for its new view: move to the next view. */
  VIEW_CHANGE,
  /** Periodic: resend what peers have not acknowledged, retry fetches. */
  RETRANSMIT
}
