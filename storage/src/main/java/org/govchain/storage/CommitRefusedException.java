package org.govchain.storage;

/**
 * A block commit was refused before anything was written: it does not extend the chain's latest
 * block, its state changes were computed on another state, or its parts do not belong together. The
 * store is unchanged.
 */
public final class CommitRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a commit was refused. */
  public enum Reason {
    /** Another chain's block, certificate or state changes. */
    WRONG_CHAIN,
    /** The block's height is not the latest height plus one. */
    WRONG_HEIGHT,
    /** The block's previous hash is not the latest block's hash. */
    WRONG_PREVIOUS_HASH,
    /** The state changes were computed on a state other than the latest one. */
    STALE_STATE,
    /** The header's state root is not the root the state changes lead to. */
    WRONG_STATE_ROOT,
    /** The header's transaction count or root does not match the transactions. */
    WRONG_TRANSACTIONS,
    /** A transaction of the block is already committed (at this or an earlier height). */
    DUPLICATE_TRANSACTION,
    /** The commit certificate is missing or names another block. */
    WRONG_CERTIFICATE
  }

  private final Reason reason;

  public CommitRefusedException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
