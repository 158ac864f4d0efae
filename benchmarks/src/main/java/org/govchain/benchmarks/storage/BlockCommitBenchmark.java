package org.govchain.benchmarks.storage;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.govchain.core.codec.Canonical;
import org.govchain.storage.BlockCommit;
import org.govchain.storage.ChainStore;
import org.govchain.storage.StateChanges;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Synced block commits of 1,000 state writes (48-byte keys, 512-byte values) on a chain that holds
 * 100 k keys, against raw RocksDB writing the same user bytes (the 1,000 pairs and the encoded
 * block) in one synced WriteBatch per block on the same disk. {@code commit} times only the store's
 * commit call (checks, batch with history, tree nodes and indexes, fsync): the overlay and root
 * were computed beforehand, as consensus does before it commits; {@code executeAndCommit} times
 * both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BlockCommitBenchmark {
  static final int WRITES = 1_000;
  static final long PREFILL_KEYS = 100_000;
  static final long KEY_SPACE = 1_000_000;

  private Store store;
  private ChainStore chain;
  private RawRocks raw;
  private final SplittableRandom random = new SplittableRandom(9);

  @Setup(Level.Trial)
  public void open() throws Exception {
    BenchChain.deleteTree(BenchChain.benchDirectory("commit"));
    store =
        Store.create(
            BenchChain.benchDirectory("commit").resolve("govchain"),
            StoreOptions.defaults(),
            List.of(BenchChain.spec()));
    chain = store.chain(BenchChain.CHAIN);
    for (long from = 0; from < PREFILL_KEYS; from += 10_000) {
      BenchChain.commitRange(chain, from, from + 10_000, random);
    }
    raw = new RawRocks(BenchChain.benchDirectory("commit").resolve("raw"));
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
    raw.close();
  }

  private StateChanges execute() {
    return BenchChain.randomBlockChanges(chain, random);
  }

  /** The next block, executed but not committed: what consensus hands to the store. */
  @State(Scope.Thread)
  public static class Prepared {
    BlockCommit commit;

    @Setup(Level.Invocation)
    public void prepare(BlockCommitBenchmark benchmark) {
      commit = BenchChain.nextCommit(benchmark.chain, benchmark.execute(), benchmark.random);
    }
  }

  @Benchmark
  public void commit(Prepared prepared) {
    chain.commit(prepared.commit);
  }

  @Benchmark
  public void executeAndCommit() {
    chain.commit(BenchChain.nextCommit(chain, execute(), random));
  }

  /** The same user bytes as a block: its 1,000 pairs and its encoded block, synced. */
  @Benchmark
  public void rawSyncedBatch(Prepared prepared) throws RocksDBException {
    List<ByteString> pairs = new ArrayList<>(2 * WRITES);
    prepared
        .commit
        .changes()
        .changes()
        .forEach(
            change -> {
              pairs.add(change.key());
              pairs.add(change.value().orElseThrow());
            });
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < pairs.size(); i += 2) {
        batch.put(pairs.get(i).toByteArray(), pairs.get(i + 1).toByteArray());
      }
      long height = prepared.commit.block().getHeader().getHeight();
      batch.put(
          ByteString.copyFromUtf8("block/" + height).toByteArray(),
          Canonical.encode(prepared.commit.block()));
      raw.db.write(raw.synced, batch);
    }
  }
}
