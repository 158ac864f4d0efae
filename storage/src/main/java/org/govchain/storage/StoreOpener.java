package org.govchain.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.SuiteId;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** Creating and opening a store: directory checks, column families, format and chain specs. */
final class StoreOpener {
  private static final String SPEC_PREFIX = "chain:";

  private StoreOpener() {}

  static Store open(Path directory, StoreOptions options, List<ChainSpec> chains, boolean create)
      throws StoreOpenException {
    return open(directory, options, chains, create, false);
  }

  static Store open(
      Path directory,
      StoreOptions options,
      List<ChainSpec> chains,
      boolean create,
      boolean readOnly)
      throws StoreOpenException {
    List<ChainSpec> specs = sortedDistinct(chains);
    checkDirectory(directory, create);
    RocksResources resources = new RocksResources(options);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db = null;
    try {
      if (!create) {
        checkStoredChains(directory, specs);
      }
      resources.dbOptions().setCreateIfMissing(create).setCreateMissingColumnFamilies(!readOnly);
      db =
          readOnly
              ? RocksDB.openReadOnly(
                  resources.dbOptions(),
                  directory.toString(),
                  descriptors(resources, specs),
                  handles)
              : RocksDB.open(
                  resources.dbOptions(),
                  directory.toString(),
                  descriptors(resources, specs),
                  handles);
      if (options.verifyChecksumsOnOpen() && !create) {
        db.verifyChecksum();
      }
      Store store = Store.assemble(directory, new Rocks(db, resources), handles, specs, options);
      checkAndRecordSpecs(store, specs, create, readOnly);
      return store;
    } catch (RocksDBException | StoreOpenException | RuntimeException e) {
      handles.forEach(ColumnFamilyHandle::close);
      if (db != null) {
        db.close();
      }
      resources.close();
      if (e instanceof StoreOpenException open) {
        throw open;
      }
      throw new StoreOpenException(
          "cannot "
              + (create ? "create" : "open")
              + " the store at "
              + directory
              + ": "
              + e.getMessage()
              + resources.logger().damageReport(),
          e);
    }
  }

  private static List<ChainSpec> sortedDistinct(List<ChainSpec> chains) {
    List<ChainSpec> specs = new ArrayList<>(chains);
    specs.sort(Comparator.comparing(ChainSpec::id));
    for (int i = 1; i < specs.size(); i++) {
      if (specs.get(i).id().equals(specs.get(i - 1).id())) {
        throw new IllegalArgumentException("chain " + specs.get(i).id() + " is named twice");
      }
    }
    return specs;
  }

  private static void checkDirectory(Path directory, boolean create) throws StoreOpenException {
    boolean exists = Store.looksLikeStore(directory);
    if (create && exists) {
      throw new StoreOpenException(
          "cannot create a store at " + directory + ": one is already there");
    }
    if (!create && !exists) {
      throw new StoreOpenException(
          "no store at "
              + directory
              + " (no CURRENT file): it was never created, or its files are"
              + " missing");
    }
    if (create) {
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new StoreOpenException(
            "cannot create directory " + directory + ": " + e.getMessage(), e);
      }
    }
  }

  /** Every chain the store keeps must be configured: refusing beats silently hiding a chain. */
  private static void checkStoredChains(Path directory, List<ChainSpec> specs)
      throws StoreOpenException, RocksDBException {
    List<byte[]> names;
    try (Options options = new Options()) {
      names = RocksDB.listColumnFamilies(options, directory.toString());
    }
    Set<String> configured = new HashSet<>();
    specs.forEach(spec -> configured.add(spec.id().value()));
    Set<String> unconfigured = new TreeSet<>();
    for (byte[] name : names) {
      if (Arrays.equals(name, RocksDB.DEFAULT_COLUMN_FAMILY)) {
        continue;
      }
      String chain = ColumnKind.chainOf(name);
      if (chain == null) {
        throw new StoreOpenException(
            "store at "
                + directory
                + " has a column family govchain does not know: "
                + new String(name, StandardCharsets.US_ASCII));
      }
      if (!configured.contains(chain)) {
        unconfigured.add(chain);
      }
    }
    if (!unconfigured.isEmpty()) {
      throw new StoreOpenException(
          "store at "
              + directory
              + " keeps chains the configuration does not name: "
              + unconfigured);
    }
  }

  private static List<ColumnFamilyDescriptor> descriptors(
      RocksResources resources, List<ChainSpec> specs) {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(
        new ColumnFamilyDescriptor(
            RocksDB.DEFAULT_COLUMN_FAMILY, resources.defaultColumnOptions()));
    for (ChainSpec spec : specs) {
      for (ColumnKind kind : ColumnKind.values()) {
        descriptors.add(
            new ColumnFamilyDescriptor(kind.columnName(spec.id()), resources.columnOptions(kind)));
      }
    }
    return descriptors;
  }

  private static void checkAndRecordSpecs(
      Store store, List<ChainSpec> specs, boolean create, boolean readOnly)
      throws StoreOpenException {
    Rocks rocks = store.rocks();
    var read = rocks.resources().checkedRead();
    byte[] format = rocks.get(store.defaultColumn(), read, Store.formatKey(), "store format");
    if (!create
        && (format == null
            || !Store.FORMAT.equals(new String(format, StandardCharsets.US_ASCII)))) {
      throw new StoreOpenException(
          "store at "
              + store.directory()
              + " is not in format "
              + Store.FORMAT
              + (format == null ? " (no format record)" : ""));
    }
    try (WriteBatch batch = new WriteBatch()) {
      if (create) {
        Batches.put(
            batch,
            store.defaultColumn(),
            Store.formatKey(),
            Store.FORMAT.getBytes(StandardCharsets.US_ASCII));
      }
      for (ChainSpec spec : specs) {
        byte[] stored = rocks.get(store.defaultColumn(), read, specKey(spec.id()), "chain spec");
        if (stored == null) {
          Batches.put(batch, store.defaultColumn(), specKey(spec.id()), specValue(spec));
        } else if (!Arrays.equals(stored, specValue(spec))) {
          throw new StoreOpenException(
              "chain "
                  + spec.id()
                  + " is stored with suite "
                  + describe(stored)
                  + ", the configuration says "
                  + spec.suite());
        }
      }
      if (batch.count() > 0 && readOnly) {
        throw new StoreOpenException(
            "store at " + store.directory() + " does not keep every chain named (read-only open)");
      }
      if (batch.count() > 0) {
        rocks.writeSynced(batch, "store format and chain specs");
      }
    }
  }

  private static String describe(byte[] suite) {
    String name = new String(suite, StandardCharsets.US_ASCII);
    try {
      return SuiteId.parse(name).name();
    } catch (MalformedInputException e) {
      return "'" + name + "' (unknown)";
    }
  }

  static byte[] specKey(ChainId chain) {
    return (SPEC_PREFIX + chain.value()).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] specValue(ChainSpec spec) {
    return spec.suite().name().getBytes(StandardCharsets.US_ASCII);
  }
}
