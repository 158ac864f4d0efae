package org.govchain.storage;

/**
 * A block's execution wrote more to its overlay than {@link StateOverlay} allows. The block is
 * invalid (its proposer should be treated as faulty); the overlay must be dropped.
 */
public final class StateLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateLimitExceededException(String message) {
    super(message);
  }
}
