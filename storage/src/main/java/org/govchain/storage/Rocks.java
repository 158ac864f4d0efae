package org.govchain.storage;

import java.util.Collections;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;

/** The open database with typed failures: corruption and other I/O errors are told apart. */
final class Rocks {
  private final RocksDB db;
  private final RocksResources resources;

  Rocks(RocksDB db, RocksResources resources) {
    this.db = db;
    this.resources = resources;
  }

  RocksDB db() {
    return db;
  }

  RocksResources resources() {
    return resources;
  }

  byte[] get(ColumnFamilyHandle column, ReadOptions read, byte[] key, String what) {
    try {
      return db.get(column, read, key);
    } catch (RocksDBException e) {
      throw failure("reading " + what, e);
    }
  }

  /** Values of {@code keys} (null where absent), in their order: one call into RocksDB. */
  List<byte[]> multiGet(
      ColumnFamilyHandle column, ReadOptions read, List<byte[]> keys, String what) {
    if (keys.isEmpty()) {
      return List.of();
    }
    try {
      return db.multiGetAsList(read, Collections.nCopies(keys.size(), column), keys);
    } catch (RocksDBException e) {
      throw failure("reading " + what, e);
    }
  }

  RocksIterator iterator(ColumnFamilyHandle column, ReadOptions read) {
    return db.newIterator(column, read);
  }

  /** Throws if the iterator stopped because of an error rather than at the end of its data. */
  static void checkIterator(RocksIterator iterator, String what) {
    try {
      iterator.status();
    } catch (RocksDBException e) {
      throw failure("iterating " + what, e);
    }
  }

  /**
   * Writes {@code batch} atomically and, unless the store was opened without {@link
   * StoreOptions#durableWrites}, durably: on disk when this returns.
   */
  void writeSynced(WriteBatch batch, String what) {
    try {
      db.write(resources.syncedWrite(), batch);
    } catch (RocksDBException e) {
      throw failure("writing " + what, e);
    }
  }

  static RuntimeException failure(String what, RocksDBException e) {
    Status status = e.getStatus();
    if (status != null && status.getCode() == Status.Code.Corruption) {
      return new StoreCorruptionException(what + ": " + e.getMessage(), e);
    }
    return new StoreIoException(what + ": " + e.getMessage(), e);
  }
}
