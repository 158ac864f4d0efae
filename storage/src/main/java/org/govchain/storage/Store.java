package org.govchain.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.govchain.core.chain.ChainId;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A node's one RocksDB instance, holding every chain it keeps in column families of its own. {@link
 * #create} makes a new store, {@link #open} reopens one (recovering from a crash as docs/storage.md
 * describes, or refusing with {@link StoreOpenException} naming the damage). Closing releases every
 * native resource; views and snapshots must be closed first.
 */
public final class Store implements AutoCloseable {
  static final String FORMAT = "govchain-storage/2";
  private static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.US_ASCII);

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final Rocks rocks;
  private final ColumnFamilyHandle defaultColumn;
  private final List<ColumnFamilyHandle> handles;
  private final Map<ChainId, ChainColumns> chains = new ConcurrentHashMap<>();
  private final Map<ChainId, ChainStore> chainStores = new ConcurrentHashMap<>();
  private boolean closed;

  private final int nodeCacheEntries;

  private Store(
      Path directory, Rocks rocks, List<ColumnFamilyHandle> handles, int nodeCacheEntries) {
    this.directory = directory;
    this.nodeCacheEntries = nodeCacheEntries;
    this.rocks = rocks;
    this.handles = handles;
    this.defaultColumn = handles.get(0);
  }

  /**
   * Creates a new store in {@code directory} (absent or holding no store) keeping {@code chains}.
   */
  public static Store create(Path directory, StoreOptions options, List<ChainSpec> chains)
      throws StoreOpenException {
    return StoreOpener.open(directory, options, chains, true);
  }

  /**
   * Opens the store in {@code directory}. {@code chains} must name every chain it keeps (with the
   * same suite); chains it does not keep yet are added.
   */
  public static Store open(Path directory, StoreOptions options, List<ChainSpec> chains)
      throws StoreOpenException {
    return StoreOpener.open(directory, options, chains, false);
  }

  /**
   * Opens the store in {@code directory} read-only: nothing is written (no recovery writes, no
   * chain added), so a stopped node's directory stays byte for byte as it was. {@code chains} must
   * name chains the store keeps. RocksDB takes no lock for a read-only open, so it can also open a
   * running node's directory: it then sees the blocks written when it opened (the WAL is replayed
   * in memory), and fails with a read error if the running node's compaction deletes a file it
   * still needs. Commits on a read-only store fail.
   */
  public static Store openReadOnly(Path directory, StoreOptions options, List<ChainSpec> chains)
      throws StoreOpenException {
    return StoreOpener.open(directory, options, chains, false, true);
  }

  static Store assemble(
      Path directory,
      Rocks rocks,
      List<ColumnFamilyHandle> handles,
      List<ChainSpec> specs,
      StoreOptions options) {
    Store store = new Store(directory, rocks, handles, options.treeNodeCacheEntries());
    for (int i = 0; i < specs.size(); i++) {
      store.register(specs.get(i), handles.subList(1 + i * 5, 1 + (i + 1) * 5));
    }
    return store;
  }

  private void register(ChainSpec spec, List<ColumnFamilyHandle> columns) {
    ChainColumns chain =
        new ChainColumns(
            spec,
            columns.get(0),
            columns.get(1),
            columns.get(2),
            columns.get(3),
            columns.get(4),
            nodeCacheEntries);
    chains.put(spec.id(), chain);
    chainStores.put(spec.id(), new ChainStore(rocks, chain, chains));
  }

  ColumnFamilyHandle defaultColumn() {
    return defaultColumn;
  }

  Rocks rocks() {
    return rocks;
  }

  public Path directory() {
    return directory;
  }

  /** The chain {@code id}; fails with IllegalArgumentException if the store does not keep it. */
  public ChainStore chain(ChainId id) {
    ChainStore chain = chainStores.get(id);
    if (chain == null) {
      throw new IllegalArgumentException("the store keeps no chain " + id);
    }
    return chain;
  }

  public List<ChainId> chains() {
    return List.copyOf(new TreeSet<>(chains.keySet()));
  }

  /** Adds a chain to an open store (its column families, then its spec, synced). */
  public synchronized ChainStore addChain(ChainSpec spec) {
    checkOpen();
    if (chains.containsKey(spec.id())) {
      throw new IllegalArgumentException("the store already keeps chain " + spec.id());
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (ColumnKind kind : ColumnKind.values()) {
      descriptors.add(
          new ColumnFamilyDescriptor(
              kind.columnName(spec.id()), rocks.resources().columnOptions(kind)));
    }
    try {
      List<ColumnFamilyHandle> created = rocks.db().createColumnFamilies(descriptors);
      handles.addAll(created);
      try (WriteBatch batch = new WriteBatch()) {
        Batches.put(
            batch, defaultColumn, StoreOpener.specKey(spec.id()), StoreOpener.specValue(spec));
        rocks.writeSynced(batch, "chain spec of " + spec.id());
      }
      register(spec, created);
    } catch (RocksDBException e) {
      throw Rocks.failure("adding chain " + spec.id(), e);
    }
    return chainStores.get(spec.id());
  }

  /** A consistent snapshot of every chain; close it when done. */
  public StoreSnapshot snapshot() {
    checkOpen();
    return new StoreSnapshot(rocks, chains);
  }

  /** Moves every memtable into SST files (for operators and tests; commits never need it). */
  public void flush() {
    checkOpen();
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      rocks.db().flush(options, handles);
    } catch (RocksDBException e) {
      throw Rocks.failure("flushing", e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store " + directory + " is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ColumnFamilyHandle handle : handles) {
      handle.close();
    }
    rocks.db().close();
    rocks.resources().close();
  }

  static byte[] formatKey() {
    return FORMAT_KEY.clone();
  }

  static boolean looksLikeStore(Path directory) {
    return Files.exists(directory.resolve("CURRENT"));
  }
}
