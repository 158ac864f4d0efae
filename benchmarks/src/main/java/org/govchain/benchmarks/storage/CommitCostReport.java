package org.govchain.benchmarks.storage;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.govchain.core.codec.Canonical;
import org.govchain.storage.BlockCommit;
import org.govchain.storage.ChainStore;
import org.govchain.storage.StateChange;
import org.govchain.storage.StateChanges;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOptions;
import org.rocksdb.WriteBatch;

/**
 * Where a synced block commit's time goes against raw RocksDB: per block, the bytes and entries
 * each side appends to its write-ahead log (read back from the log files), and three synced writes
 * — govchain's commit, then in alternating order raw RocksDB writing the block's pairs (the ratio's
 * baseline) and raw RocksDB writing the pairs plus padding records up to govchain's log bytes (what
 * the bytes alone cost on this disk). Run: java -cp benchmarks/target/benchmarks.jar
 * org.govchain.benchmarks.storage.CommitCostReport [blocks]
 */
public final class CommitCostReport {
  private static final int PADDING_RECORD_BYTES = 4_096;

  private CommitCostReport() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    PrintStream out = System.out;
    Path directory = BenchChain.benchDirectory("cost");
    BenchChain.deleteTree(directory);
    SplittableRandom random = new SplittableRandom(21);
    long[] govchain = new long[blocks];
    long[] raw = new long[blocks];
    long[] padded = new long[blocks];
    long[] govchainBytes = new long[blocks];
    long[] rawBytes = new long[blocks];
    long[] paddedBytes = new long[blocks];
    long[] govchainEntries = new long[blocks];
    long[] rawEntries = new long[blocks];
    long[] nodes = new long[blocks];
    Path govchainDirectory = directory.resolve("govchain");
    Path rawDirectory = directory.resolve("raw");
    Path paddedDirectory = directory.resolve("padded");
    try (Store store =
            Store.create(govchainDirectory, StoreOptions.defaults(), List.of(BenchChain.spec()));
        RawRocks rocks = new RawRocks(rawDirectory);
        RawRocks paddedRocks = new RawRocks(paddedDirectory)) {
      ChainStore chain = store.chain(BenchChain.CHAIN);
      for (long from = 0; from < BlockCommitBenchmark.PREFILL_KEYS; from += 10_000) {
        BenchChain.commitRange(chain, from, from + 10_000, random);
      }
      for (int i = 0; i < blocks; i++) {
        StateChanges changes = BenchChain.randomBlockChanges(chain, random);
        BlockCommit commit = BenchChain.nextCommit(chain, changes, random);
        nodes[i] = changes.nodeCount();
        Wal govchainWal = Wal.of(govchainDirectory);
        long started = System.nanoTime();
        chain.commit(commit);
        govchain[i] = System.nanoTime() - started;
        govchainBytes[i] = govchainWal.appendedBytes();
        govchainEntries[i] = govchainWal.lastBatchCount();
        for (int turn = 0; turn < 2; turn++) {
          boolean rawTurn = (i + turn) % 2 == 0;
          RawRocks target = rawTurn ? rocks : paddedRocks;
          Path targetDirectory = rawTurn ? rawDirectory : paddedDirectory;
          Wal wal = Wal.of(targetDirectory);
          long padding = rawTurn ? 0 : Math.max(0, govchainBytes[i] - rawBytes(commit));
          List<byte[]> paddingRecords = padding(padding, random);
          long begin = System.nanoTime();
          rawCommit(target, commit, paddingRecords);
          long took = System.nanoTime() - begin;
          if (rawTurn) {
            raw[i] = took;
            rawBytes[i] = wal.appendedBytes();
            rawEntries[i] = wal.lastBatchCount();
          } else {
            padded[i] = took;
            paddedBytes[i] = wal.appendedBytes();
          }
        }
      }
    }
    out.printf(
        "%d blocks of 1,000 writes at >= 100 k keys: log bytes per block govchain %,d raw %,d"
            + " (x%.2f), padded raw %,d; entries govchain %,d raw %,d; tree nodes %,d%n",
        blocks,
        median(govchainBytes),
        median(rawBytes),
        (double) median(govchainBytes) / median(rawBytes),
        median(paddedBytes),
        median(govchainEntries),
        median(rawEntries),
        median(nodes));
    out.printf(
        "synced write median ms: govchain %.2f, raw %.2f, raw padded to govchain's bytes %.2f;"
            + " ratio raw/govchain %.2f, bytes bound raw/padded %.2f, padded/govchain %.2f%n",
        median(govchain) / 1e6,
        median(raw) / 1e6,
        median(padded) / 1e6,
        (double) median(raw) / median(govchain),
        (double) median(raw) / median(padded),
        (double) median(padded) / median(govchain));
  }

  private static long rawBytes(BlockCommit commit) {
    long bytes = 0;
    for (StateChange change : commit.changes().changes()) {
      bytes += change.key().size() + change.value().orElseThrow().size() + 4;
    }
    return bytes + Canonical.encode(commit.block()).length + 32;
  }

  /** Random records of about {@code bytes} in all, counting their keys and lengths. */
  private static List<byte[]> padding(long bytes, SplittableRandom random) {
    List<byte[]> values = new java.util.ArrayList<>();
    for (long left = bytes; left > 16; left -= PADDING_RECORD_BYTES + 16) {
      byte[] value = new byte[(int) Math.min(PADDING_RECORD_BYTES, left - 16)];
      random.nextBytes(value);
      values.add(value);
    }
    return values;
  }

  private static void rawCommit(RawRocks rocks, BlockCommit commit, List<byte[]> padding)
      throws Exception {
    long height = commit.block().getHeader().getHeight();
    try (WriteBatch batch = new WriteBatch()) {
      for (StateChange change : commit.changes().changes()) {
        batch.put(change.key().toByteArray(), change.value().orElseThrow().toByteArray());
      }
      batch.put(
          ByteString.copyFromUtf8("block/" + height).toByteArray(),
          Canonical.encode(commit.block()));
      for (int record = 0; record < padding.size(); record++) {
        byte[] key =
            String.format("pad/%09d/%04d", height, record).getBytes(StandardCharsets.US_ASCII);
        batch.put(key, padding.get(record));
      }
      rocks.db.write(rocks.synced, batch);
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The newest write-ahead log file of a RocksDB directory, and its size before a write. */
  private record Wal(Path directory, Path file, long sizeBefore) {
    static Wal of(Path directory) throws IOException {
      Path newest = newest(directory);
      return new Wal(directory, newest, newest == null ? 0 : Files.size(newest));
    }

    private static Path newest(Path directory) throws IOException {
      try (Stream<Path> files = Files.list(directory)) {
        return files
            .filter(path -> path.getFileName().toString().endsWith(".log"))
            .max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
            .orElse(null);
      }
    }

    /** Bytes appended since {@link #of}: to the same file, or all of a newer one. */
    long appendedBytes() throws IOException {
      Path now = newest(directory);
      return now.equals(file) ? Files.size(now) - sizeBefore : Files.size(now);
    }

    /** The entry count in the header of the batch that starts where the log stood. */
    long lastBatchCount() throws IOException {
      Path now = newest(directory);
      long start = now.equals(file) ? sizeBefore : 0;
      long blockLeft = 32_768 - start % 32_768;
      if (blockLeft < 7) {
        start += blockLeft;
      }
      try (RandomAccessFile log = new RandomAccessFile(now.toFile(), "r")) {
        byte[] header = new byte[7 + 12];
        log.seek(start);
        log.readFully(header);
        return ((header[7 + 8] & 0xffL) << 0)
            | ((header[7 + 9] & 0xffL) << 8)
            | ((header[7 + 10] & 0xffL) << 16)
            | ((header[7 + 11] & 0xffL) << 24);
      }
    }
  }
}
