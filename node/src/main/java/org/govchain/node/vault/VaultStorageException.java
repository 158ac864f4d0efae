package org.govchain.node.vault;

/** RocksDB failed to read or write the vault (I/O error, full disk): nothing was released. */
public final class VaultStorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VaultStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
