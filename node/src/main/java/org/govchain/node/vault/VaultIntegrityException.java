package org.govchain.node.vault;

/**
 * A stored record failed authentication (altered, swapped to another place, or written under
 * another key) or no longer opens its licence's on-chain commitment. Nothing is released; the
 * message names the record's place, never its content.
 */
public final class VaultIntegrityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VaultIntegrityException(String message) {
    super(message);
  }
}
