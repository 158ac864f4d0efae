package org.govchain.pbft;

/** Why a replica ignored an input. Counted per reason (see {@link Replica#refusals()}). */
public enum Refusal {
  WRONG_CHAIN,
  OVERSIZED,
  MALFORMED,
  NOT_A_VALIDATOR,
  SENDER_MISMATCH,
  BAD_SIGNATURE,
  NOT_PRIMARY,
  OLD_VIEW,
  VIEW_TOO_HIGH,
  OUTSIDE_WATERMARKS,
  CONFLICTING_PRE_PREPARE,
  DUPLICATE,
  BLOCK_MISMATCH,
  BAD_PROOF,
  BAD_NEW_VIEW,
  FUTURE_BUFFER_FULL,
  STALE_EVENT,
  INVALID_BLOCK,
  BAD_FETCHED_BLOCK,
  RATE_LIMITED,
  POOL_FULL,
  /** A transaction the node left out of a block it built: dropped from the pool. */
  EXCLUDED_BY_NODE
}
