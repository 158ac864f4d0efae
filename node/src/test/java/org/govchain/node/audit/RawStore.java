package org.govchain.node.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Edits a copy of a node's store below the storage API, as damage or a forger would: rewrites one
 * record of one column family in place.
 */
final class RawStore {
  private RawStore() {}

  static Path copy(Path data, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(data)) {
      for (Path path : paths.toList()) {
        Path to = target.resolve(data.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(to);
        } else {
          Files.copy(path, to);
        }
      }
    }
    return target;
  }

  /**
   * Rewrites the block record of {@code height} of {@code chain} in the store under {@code data}.
   */
  static void editBlock(Path data, String chain, long height, UnaryOperator<byte[]> edit)
      throws Exception {
    byte[] key = ByteBuffer.allocate(9).put((byte) 'b').putLong(height).array();
    edit(data, chain + ":chain", key, edit);
  }

  /**
   * Rewrites the latest value of the first state key of {@code chain} that holds a value of more
   * than {@code minimumBytes} (records are {@code 01 || height || value}); returns the key.
   */
  static byte[] editFirstStateValue(Path data, String chain, int minimumBytes) throws Exception {
    return withDatabase(
        data,
        chain + ":state",
        (db, column) -> {
          byte[] key = null;
          byte[] value = null;
          try (RocksIterator iterator = db.newIterator(column)) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
              byte[] record = iterator.value();
              if (record[0] == 1 && record.length > 9 + minimumBytes) {
                key = iterator.key();
                value = record;
                break;
              }
            }
          }
          if (key == null) {
            throw new IllegalStateException("no state value to edit");
          }
          value[value.length - 1] ^= 0x01;
          try (WriteOptions options = new WriteOptions().setSync(true)) {
            db.put(column, options, key, value);
          }
          return key;
        });
  }

  private static void edit(Path data, String family, byte[] key, UnaryOperator<byte[]> edit)
      throws Exception {
    withDatabase(
        data,
        family,
        (db, column) -> {
          byte[] value = db.get(column, key);
          if (value == null) {
            throw new IllegalStateException("no record to edit in " + family);
          }
          try (WriteOptions options = new WriteOptions().setSync(true)) {
            db.put(column, options, key, edit.apply(value));
          }
          return key;
        });
  }

  private interface Edit {
    byte[] apply(RocksDB db, ColumnFamilyHandle column) throws Exception;
  }

  private static byte[] withDatabase(Path data, String family, Edit edit) throws Exception {
    String path = data.resolve("store").toString();
    List<byte[]> names;
    try (org.rocksdb.Options options = new org.rocksdb.Options()) {
      names = RocksDB.listColumnFamilies(options, path);
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    names.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(name)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.open(options, path, descriptors, handles)) {
      try {
        for (int i = 0; i < names.size(); i++) {
          if (new String(names.get(i), StandardCharsets.US_ASCII).equals(family)) {
            return edit.apply(db, handles.get(i));
          }
        }
        throw new IllegalStateException("no column family " + family);
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
  }
}
