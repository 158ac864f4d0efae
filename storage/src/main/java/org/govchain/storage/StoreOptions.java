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
 */
public record StoreOptions(
    long blockCacheBytes,
    long writeBufferBytesTotal,
    boolean verifyChecksumsOnOpen,
    int backgroundJobs,
    int treeNodeCacheEntries) {
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

  public static StoreOptions defaults() {
    return new StoreOptions(256L << 20, 256L << 20, true, 2, 200_000);
  }

  public StoreOptions withVerifyChecksumsOnOpen(boolean verify) {
    return new StoreOptions(
        blockCacheBytes, writeBufferBytesTotal, verify, backgroundJobs, treeNodeCacheEntries);
  }
}
