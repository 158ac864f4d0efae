package org.govchain.node.vault;

/** A vault key file that cannot be used: missing, unreadable, too open, or of the wrong form. */
public final class VaultKeyException extends Exception {
  private static final long serialVersionUID = 1L;

  public VaultKeyException(String message) {
    super(message);
  }

  public VaultKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
