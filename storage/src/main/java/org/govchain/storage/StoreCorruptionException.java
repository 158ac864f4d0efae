package org.govchain.storage;

/**
 * Stored data failed a check while being read: a RocksDB checksum, a record that does not decode, a
 * tree node that does not hash to its address, or a record that should exist and does not. The data
 * is not served; the node should stop and the operator restore the store (docs/storage.md).
 */
public final class StoreCorruptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreCorruptionException(String message) {
    super(message);
  }

  public StoreCorruptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
