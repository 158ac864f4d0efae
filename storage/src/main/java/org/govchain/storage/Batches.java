package org.govchain.storage;

import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** WriteBatch calls with RocksDB's checked exception turned into the store's typed ones. */
final class Batches {
  private Batches() {}

  static void put(WriteBatch batch, ColumnFamilyHandle column, byte[] key, byte[] value) {
    try {
      batch.put(column, key, value);
    } catch (RocksDBException e) {
      throw Rocks.failure("building a write batch", e);
    }
  }

  static void delete(WriteBatch batch, ColumnFamilyHandle column, byte[] key) {
    try {
      batch.delete(column, key);
    } catch (RocksDBException e) {
      throw Rocks.failure("building a write batch", e);
    }
  }

  static void putOrDelete(
      WriteBatch batch, ColumnFamilyHandle column, byte[] key, Optional<byte[]> value) {
    if (value.isPresent()) {
      put(batch, column, key, value.get());
    } else {
      delete(batch, column, key);
    }
  }
}
