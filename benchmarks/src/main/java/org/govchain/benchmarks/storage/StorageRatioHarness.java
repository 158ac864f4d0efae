package org.govchain.benchmarks.storage;

import com.google.protobuf.ByteString;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.govchain.core.codec.Canonical;
import org.govchain.storage.BlockCommit;
import org.govchain.storage.ChainStore;
import org.govchain.storage.StateChange;
import org.govchain.storage.StateChanges;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOptions;
import org.rocksdb.WriteBatch;

/**
 * Ratios against raw RocksDB measured by alternating the two sides op by op (commits) or round by
 * round (lookups), so that both see the same machine load: on a shared 2-core machine this is
 * steadier than two JMH benchmarks run minutes apart. Prints medians. Run: java -cp
 * benchmarks/target/benchmarks.jar org.govchain.benchmarks.storage.StorageRatioHarness [blocks
 * [rounds [lookups per round]]]; 0 rounds measures commits only (no 1 M-key data set needed).
 */
public final class StorageRatioHarness {
  private StorageRatioHarness() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    PrintStream out = System.out;
    commits(out, blocks);
    if (rounds > 0) {
      lookups(out, rounds, perRound);
    }
  }

  private static void commits(PrintStream out, int blocks) throws Exception {
    BenchChain.deleteTree(BenchChain.benchDirectory("ratio"));
    SplittableRandom random = new SplittableRandom(21);
    long[] govchain = new long[blocks];
    long[] raw = new long[blocks];
    long[] execute = new long[blocks];
    try (Store store =
            Store.create(
                BenchChain.benchDirectory("ratio").resolve("govchain"),
                StoreOptions.defaults(),
                List.of(BenchChain.spec()));
        RawRocks rocks = new RawRocks(BenchChain.benchDirectory("ratio").resolve("raw"))) {
      ChainStore chain = store.chain(BenchChain.CHAIN);
      for (long from = 0; from < BlockCommitBenchmark.PREFILL_KEYS; from += 10_000) {
        BenchChain.commitRange(chain, from, from + 10_000, random);
      }
      for (int i = 0; i < blocks; i++) {
        long started = System.nanoTime();
        StateChanges changes = BenchChain.randomBlockChanges(chain, random);
        BlockCommit commit = BenchChain.nextCommit(chain, changes, random);
        long executed = System.nanoTime();
        chain.commit(commit);
        long committed = System.nanoTime();
        rawCommit(rocks, commit);
        long rawDone = System.nanoTime();
        execute[i] = executed - started;
        govchain[i] = committed - executed;
        raw[i] = rawDone - committed;
      }
    }
    out.printf(
        "commit of 1,000 writes at 100 k keys, %d blocks: govchain median %.1f ms (p90 %.1f),"
            + " raw synced batch median %.1f ms (p90 %.1f), ratio of rates %.2f;"
            + " execution + root median %.1f ms, ratio with execution %.2f%n",
        blocks,
        millis(median(govchain)),
        millis(percentile(govchain, 0.9)),
        millis(median(raw)),
        millis(percentile(raw, 0.9)),
        (double) median(raw) / median(govchain),
        millis(median(execute)),
        (double) median(raw) / (median(govchain) + median(execute)));
  }

  private static void rawCommit(RawRocks rocks, BlockCommit commit) throws Exception {
    try (WriteBatch batch = new WriteBatch()) {
      for (StateChange change : commit.changes().changes()) {
        batch.put(change.key().toByteArray(), change.value().orElseThrow().toByteArray());
      }
      long height = commit.block().getHeader().getHeight();
      batch.put(
          ByteString.copyFromUtf8("block/" + height).toByteArray(),
          Canonical.encode(commit.block()));
      rocks.db.write(rocks.synced, batch);
    }
  }

  private static void lookups(PrintStream out, int rounds, int perRound) throws Exception {
    long[] raw = new long[rounds];
    long[] versioned = new long[rounds];
    long[] older = new long[rounds];
    long[] prove = new long[rounds];
    try (Store store = MillionKeys.store();
        RawRocks rocks = MillionKeys.raw();
        StateView latest = store.chain(BenchChain.CHAIN).state();
        StateView previous = store.chain(BenchChain.CHAIN).state(latest.height() - 1)) {
      SplittableRandom random = new SplittableRandom(4);
      for (int round = 0; round < rounds; round++) {
        long started = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          rocks.db.get(BenchChain.key(random.nextLong(MillionKeys.KEYS)).toByteArray());
        }
        long rawDone = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          latest.get(BenchChain.key(random.nextLong(MillionKeys.KEYS)));
        }
        long versionedDone = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          previous.get(BenchChain.key(random.nextLong(MillionKeys.KEYS)));
        }
        long olderDone = System.nanoTime();
        for (int i = 0; i < perRound / 10; i++) {
          latest.prove(BenchChain.key(random.nextLong(MillionKeys.KEYS)));
        }
        long proveDone = System.nanoTime();
        raw[round] = rawDone - started;
        versioned[round] = versionedDone - rawDone;
        older[round] = olderDone - versionedDone;
        prove[round] = (proveDone - olderDone) * 10;
      }
    }
    out.printf(
        "lookups at %,d keys, %d rounds of %,d: raw get %,.0f/s, versioned get (latest) %,.0f/s"
            + " (ratio %.2f), versioned get (height before) %,.0f/s (ratio %.2f), proof"
            + " generation %,.0f/s (median rates)%n",
        MillionKeys.KEYS,
        rounds,
        perRound,
        rate(perRound, median(raw)),
        rate(perRound, median(versioned)),
        (double) median(raw) / median(versioned),
        rate(perRound, median(older)),
        (double) median(raw) / median(older),
        rate(perRound, median(prove)));
  }

  private static double rate(int operations, long nanos) {
    return operations * 1e9 / nanos;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static long median(long[] values) {
    return percentile(values, 0.5);
  }

  private static long percentile(long[] values, double fraction) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) (fraction * sorted.length))];
  }
}
