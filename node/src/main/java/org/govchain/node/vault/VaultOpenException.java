package org.govchain.node.vault;

/**
 * A vault that refuses to open: a different key than the one it was created with, another suite, a
 * directory that holds something other than a vault, or RocksDB's own refusal.
 */
public final class VaultOpenException extends Exception {
  private static final long serialVersionUID = 1L;

  public VaultOpenException(String message) {
    super(message);
  }

  public VaultOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
