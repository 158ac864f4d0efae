package org.govchain.node.mempool;

/** Why the mempool took or refused a transaction. */
public enum Admission {
  ADDED(true, "accepted into the mempool"),
  DUPLICATE(true, "already in the mempool"),
  STALE_NONCE(false, "nonce is not above the submitter's last committed nonce"),
  NONCE_IN_USE(false, "another pending transaction of this submitter has this nonce"),
  SUBMITTER_QUOTA(false, "this submitter has too many pending transactions"),
  FULL(false, "the mempool is full"),
  TOO_LARGE(false, "the transaction is larger than the mempool accepts");

  private final boolean accepted;
  private final String reason;

  Admission(boolean accepted, String reason) {
    this.accepted = accepted;
    this.reason = reason;
  }

  /** True if the transaction is (now or already) pending. */
  public boolean accepted() {
    return accepted;
  }

  public String reason() {
    return reason;
  }
}
