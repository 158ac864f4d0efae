package org.govchain.storage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ChecksumType;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * Every RocksDB option object of a store, chosen on purpose (docs/storage.md explains each), and
 * closed together: option objects hold native memory.
 */
final class RocksResources implements AutoCloseable {
  private static final long COLUMN_WRITE_BUFFER_BYTES = 16L << 20;
  private static final int BLOOM_BITS_PER_KEY = 10;

  private final List<AbstractNativeReference> owned = new ArrayList<>();
  private final RocksLogger logger;
  private final LRUCache cache;
  private final BloomFilter bloom;
  private final DBOptions dbOptions;
  private final Map<ColumnKind, ColumnFamilyOptions> columnOptions =
      new EnumMap<>(ColumnKind.class);
  private final ColumnFamilyOptions defaultColumnOptions;
  private final WriteOptions syncedWrite;
  private final ReadOptions checkedRead;

  RocksResources(StoreOptions options) {
    logger = own(new RocksLogger());
    cache = own(new LRUCache(options.blockCacheBytes()));
    bloom = own(new BloomFilter(BLOOM_BITS_PER_KEY, false));
    WriteBufferManager buffers =
        own(new WriteBufferManager(options.writeBufferBytesTotal(), cache));
    dbOptions =
        own(new DBOptions())
            .setParanoidChecks(true)
            .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords)
            .setAtomicFlush(true)
            // Flushes and compactions sync their files every MiB as they write them, so a finished
            // flush does not leave tens of MiB of dirty pages for one fsync that a block commit's
            // WAL sync would queue behind on the same disk.
            .setBytesPerSync(1L << 20)
            .setWriteBufferManager(buffers)
            .setMaxBackgroundJobs(options.backgroundJobs())
            .setLogger(logger)
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    for (ColumnKind kind : ColumnKind.values()) {
      columnOptions.put(kind, buildColumnOptions(kind));
    }
    defaultColumnOptions = buildColumnOptions(ColumnKind.CHAIN);
    syncedWrite =
        options.durableWrites()
            ? own(new WriteOptions()).setSync(true)
            // A thrown-away scratch store: no WAL, no sync (StoreOptions.durableWrites).
            : own(new WriteOptions()).setSync(false).setDisableWAL(true);
    checkedRead = own(new ReadOptions()).setVerifyChecksums(true);
  }

  private ColumnFamilyOptions buildColumnOptions(ColumnKind kind) {
    boolean pointReads = kind != ColumnKind.HISTORY;
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setChecksumType(ChecksumType.kXXH3)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            .setFormatVersion(6);
    if (pointReads) {
      table.setFilterPolicy(bloom);
    }
    ColumnFamilyOptions options =
        own(new ColumnFamilyOptions())
            .setTableFormatConfig(table)
            .setWriteBufferSize(COLUMN_WRITE_BUFFER_BYTES)
            .setMaxWriteBufferNumber(3)
            .setLevelCompactionDynamicLevelBytes(true)
            .setForceConsistencyChecks(true);
    if (kind == ColumnKind.TREE) {
      // Nodes are hashes: nothing to compress.
      options.setCompressionType(CompressionType.NO_COMPRESSION);
      options.setBottommostCompressionType(CompressionType.NO_COMPRESSION);
    } else {
      options.setCompressionType(CompressionType.LZ4_COMPRESSION);
      options.setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION);
    }
    return options;
  }

  private <T extends AbstractNativeReference> T own(T object) {
    owned.add(object);
    return object;
  }

  RocksLogger logger() {
    return logger;
  }

  DBOptions dbOptions() {
    return dbOptions;
  }

  ColumnFamilyOptions columnOptions(ColumnKind kind) {
    return columnOptions.get(kind);
  }

  ColumnFamilyOptions defaultColumnOptions() {
    return defaultColumnOptions;
  }

  /**
   * sync=true: the write is on disk (fsync/fdatasync of the WAL) before the call returns; for a
   * store opened without {@link StoreOptions#durableWrites}, neither WAL nor sync.
   */
  WriteOptions syncedWrite() {
    return syncedWrite;
  }

  /** Reads that verify block checksums, without a snapshot. */
  ReadOptions checkedRead() {
    return checkedRead;
  }

  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      owned.get(i).close();
    }
    owned.clear();
  }
}
