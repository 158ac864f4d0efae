package org.govchain.benchmarks.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ChecksumType;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The baseline: a plain RocksDB (one column family) with the table options govchain's state column
 * family uses (same block cache size, bloom filter, checksums, compression), so a ratio measures
 * the versioned, authenticated layer and not a difference of tuning.
 */
final class RawRocks implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  final RocksDB db;
  final WriteOptions synced;
  private final Options options;
  private final LRUCache cache;
  private final BloomFilter bloom;

  RawRocks(Path directory) throws RocksDBException, java.io.IOException {
    Files.createDirectories(directory);
    cache = new LRUCache(256L << 20);
    bloom = new BloomFilter(10, false);
    options =
        new Options()
            .setCreateIfMissing(true)
            .setTableFormatConfig(
                new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(bloom)
                    .setChecksumType(ChecksumType.kXXH3)
                    .setCacheIndexAndFilterBlocks(true)
                    .setPinL0FilterAndIndexBlocksInCache(true)
                    .setFormatVersion(6))
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
            .setLevelCompactionDynamicLevelBytes(true)
            .setWriteBufferSize(16L << 20);
    db = RocksDB.open(options, directory.toString());
    synced = new WriteOptions().setSync(true);
  }

  void flush() throws RocksDBException {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush);
    }
  }

  @Override
  public void close() {
    synced.close();
    db.close();
    options.close();
    bloom.close();
    cache.close();
  }
}
