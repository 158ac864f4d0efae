package org.govchain.storage;

/**
 * Tunables of a store. See docs/storage.md for what each costs and why the defaults are what they
 * are.
 *
 * @param blockCacheBytes one LRU block cache shared by every column family (data, index and filter
 *     blocks)
 * @param writeBufferBytesTotal cap on all memtables together (a write buffer manager), however many
 *     chains the store keeps
 * @param verifyChecksumsOnOpen read every SST file once at open and refuse to open if any block
 *     fails its checksum; costs one read of the whole store
 * @param backgroundJobs RocksDB flush and compaction threads
 * @param treeNodeCacheEntries state tree nodes kept in memory per chain (about 250 bytes each); 0
 *     disables the cache
 * @param durableWrites true (the default, and what every node store uses): each block commit,
 *     consensus-log write and chain-spec write goes through the WAL and is synced before the call
 *     returns. False: writes skip the WAL and are not synced, so they reach disk only when RocksDB
 *     flushes a memtable, and a crash loses every write since the last flush. Only for a scratch
 *     store that is thrown away after use (the audit replay's), never for a node's store.
 */
public record StoreOptions(
    long blockCacheBytes,
    long writeBufferBytesTotal,
    boolean verifyChecksumsOnOpen,
    int backgroundJobs,
    int treeNodeCacheEntries,
    boolean durableWrites) {
  public StoreOptions {
    if (blockCacheBytes < 1 << 20
        || writeBufferBytesTotal < 4 << 20
        || backgroundJobs < 1
        || treeNodeCacheEntries < 0) {
      throw new IllegalArgumentException(
          "store options need a block cache of at least 1 MiB, write buffers of at least 4 MiB"
              + " and at least one background job");
    }
  }

  /** Durable writes (see {@link #durableWrites}). */
  public StoreOptions(
      long blockCacheBytes,
      long writeBufferBytesTotal,
      boolean verifyChecksumsOnOpen,
      int backgroundJobs,
      int treeNodeCacheEntries) {
    this(
        blockCacheBytes,
        writeBufferBytesTotal,
        verifyChecksumsOnOpen,
        backgroundJobs,
        treeNodeCacheEntries,
        true);
  }

  public static StoreOptions defaults() {
    return new StoreOptions(256L << 20, 256L << 20, true, 2, 240_000);
  }

  public StoreOptions withVerifyChecksumsOnOpen(boolean verify) {
    return new StoreOptions(
        blockCacheBytes,
        writeBufferBytesTotal,
        verify,
        backgroundJobs,
        treeNodeCacheEntries,
        durableWrites);
  }

  /** These options with {@code entries} tree nodes cached per chain (0 disables the cache). */
  public StoreOptions withTreeNodeCacheEntries(int entries) {
    return new StoreOptions(
        blockCacheBytes,
        writeBufferBytesTotal,
        verifyChecksumsOnOpen,
        backgroundJobs,
        entries,
        durableWrites);
  }

  /** These options with {@link #durableWrites} set: false only for a thrown-away scratch store. */
  public StoreOptions withDurableWrites(boolean durable) {
    return new StoreOptions(
        blockCacheBytes,
        writeBufferBytesTotal,
        verifyChecksumsOnOpen,
        backgroundJobs,
        treeNodeCacheEntries,
        durable);
  }
}
