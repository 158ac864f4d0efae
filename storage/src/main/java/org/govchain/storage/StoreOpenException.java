package org.govchain.storage;

/**
 * The store cannot be created or opened: the directory holds no store or another one, the
 * configuration does not match what the store holds, or the files are damaged. The message names
 * the problem (and the damaged file when RocksDB names it); nothing was changed by the attempt
 * beyond what RocksDB's own recovery does.
 */
public final class StoreOpenException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreOpenException(String message) {
    super(message);
  }

  public StoreOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
