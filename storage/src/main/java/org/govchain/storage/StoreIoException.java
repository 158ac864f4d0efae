package org.govchain.storage;

/**
 * RocksDB failed an operation for a reason other than damaged data (an I/O error, a full disk, a
 * store already closed). A failed write changed nothing: every write is one atomic batch.
 */
public final class StoreIoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreIoException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreIoException(String message) {
    super(message);
  }
}
