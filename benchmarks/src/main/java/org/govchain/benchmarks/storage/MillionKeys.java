package org.govchain.benchmarks.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.govchain.storage.Store;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** The 1 M-key data sets, built once under the bench directory and reused by every fork. */
final class MillionKeys {
  static final long KEYS = Long.getLong("govchain.bench.keys", 1_000_000L);
  static final int BLOCK_KEYS = 50_000;

  private MillionKeys() {}

  static Store store() throws Exception {
    return BenchChain.filledStore("govchain-" + KEYS, KEYS, BLOCK_KEYS);
  }

  static RawRocks raw() throws Exception {
    Path directory = BenchChain.benchDirectory("raw-" + KEYS);
    if (Files.exists(directory.resolve("READY"))) {
      return new RawRocks(directory.resolve("db"));
    }
    BenchChain.deleteTree(directory);
    RawRocks raw = new RawRocks(directory.resolve("db"));
    SplittableRandom random = new SplittableRandom(KEYS);
    try (WriteOptions unsynced = new WriteOptions()) {
      for (long from = 0; from < KEYS; from += BLOCK_KEYS) {
        try (WriteBatch batch = new WriteBatch()) {
          for (long index = from; index < Math.min(KEYS, from + BLOCK_KEYS); index++) {
            batch.put(BenchChain.key(index).toByteArray(), BenchChain.value(random).toByteArray());
          }
          raw.db.write(unsynced, batch);
        }
      }
    }
    raw.flush();
    Files.writeString(directory.resolve("READY"), "complete\n");
    return raw;
  }
}
