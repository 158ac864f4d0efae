package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

class BatchBuilderTest {
  static {
    RocksDB.loadLibrary();
  }

  @TempDir Path directory;

  private static byte[] random(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void buildsTheBytesRocksDbBuildsAndRocksDbAppliesThem() throws Exception {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
    for (int i = 0; i < 200; i++) {
      descriptors.add(new ColumnFamilyDescriptor(("family-" + i).getBytes()));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        RocksDB db = RocksDB.open(options, directory.toString(), descriptors, handles);
        WriteOptions write = new WriteOptions().setSync(true)) {
      Random random = new Random(5);
      BatchBuilder builder = new BatchBuilder(16); // grows
      List<byte[]> keys = new ArrayList<>();
      List<byte[]> values = new ArrayList<>();
      List<ColumnFamilyHandle> families = new ArrayList<>();
      try (WriteBatch expected = new WriteBatch()) {
        for (int i = 0; i < 2_000; i++) {
          // Family ids above 127 and lengths above 127 / 16,383 take multi-byte varints.
          ColumnFamilyHandle family = handles.get(random.nextInt(handles.size()));
          byte[] key = random(random, 1 + random.nextInt(300));
          if (i % 7 == 3) {
            expected.delete(family, key);
            builder.delete(family, key);
          } else {
            byte[] value = random(random, i % 100 == 0 ? 20_000 : random.nextInt(200));
            expected.put(family, key, value);
            builder.put(family, key, value);
            keys.add(key);
            values.add(value);
            families.add(family);
          }
        }
        assertEquals(expected.count(), builder.count());
        try (WriteBatch built = builder.build()) {
          assertArrayEquals(expected.data(), built.data());
          assertEquals(expected.getDataSize(), builder.bytes());
          db.write(write, built);
        }
        for (int i = 0; i < keys.size(); i++) {
          // Random keys of 1..300 bytes: a repeat of a short one is the only way two collide.
          if (keys.get(i).length > 4) {
            assertArrayEquals(values.get(i), db.get(families.get(i), keys.get(i)), "key " + i);
          }
        }
        assertNull(db.get(handles.get(0), new byte[] {42, 42, 42, 42, 42, 42, 42, 42}));
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
  }

  @Test
  void anEmptyBatchIsAValidBatch() throws Exception {
    try (WriteBatch expected = new WriteBatch();
        WriteBatch built = new BatchBuilder(0).build()) {
      assertArrayEquals(expected.data(), built.data());
    }
  }
}
