package org.govchain.benchmarks.storage;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;

/**
 * The storage side of a licence lookup at 1 M keys, op by op: a raw RocksDB get, and a versioned
 * get with its proof ({@code StateView.prove}, what the query API calls), alternated round by round
 * on one thread so both see the same machine. Prints the rates and the latency percentiles of every
 * op. Run (after the 1 M-key data sets exist, see MillionKeys): java -cp
 * benchmarks/target/benchmarks.jar org.govchain.benchmarks.storage.ProofLookupReport [rounds [ops
 * per round]]
 */
public final class ProofLookupReport {
  private ProofLookupReport() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    PrintStream out = System.out;
    long[] raw = new long[rounds * perRound];
    long[] proof = new long[rounds * perRound];
    long rawNanos = 0;
    long proofNanos = 0;
    try (Store store = MillionKeys.store();
        RawRocks rocks = MillionKeys.raw();
        StateView latest = store.chain(BenchChain.CHAIN).state()) {
      SplittableRandom random = new SplittableRandom(8);
      for (int i = 0; i < perRound; i++) {
        latest.prove(BenchChain.key(random.nextLong(MillionKeys.KEYS)));
        rocks.db.get(BenchChain.key(random.nextLong(MillionKeys.KEYS)).toByteArray());
      }
      int at = 0;
      for (int round = 0; round < rounds; round++) {
        long roundStart = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          byte[] key = BenchChain.key(random.nextLong(MillionKeys.KEYS)).toByteArray();
          long started = System.nanoTime();
          rocks.db.get(key);
          raw[at + i] = System.nanoTime() - started;
        }
        long rawDone = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          var key = BenchChain.key(random.nextLong(MillionKeys.KEYS));
          long started = System.nanoTime();
          latest.prove(key);
          proof[at + i] = System.nanoTime() - started;
        }
        rawNanos += rawDone - roundStart;
        proofNanos += System.nanoTime() - rawDone;
        at += perRound;
      }
    }
    int ops = rounds * perRound;
    out.printf(
        "%,d keys, %d rounds of %,d: raw get %,.0f/s (p50 %.1f us, p99 %.1f us);"
            + " versioned get + proof %,.0f/s (p50 %.1f us, p99 %.1f us, p99.9 %.1f us);"
            + " load average %s%n",
        MillionKeys.KEYS,
        rounds,
        perRound,
        ops * 1e9 / rawNanos,
        percentile(raw, 0.5) / 1e3,
        percentile(raw, 0.99) / 1e3,
        ops * 1e9 / proofNanos,
        percentile(proof, 0.5) / 1e3,
        percentile(proof, 0.99) / 1e3,
        percentile(proof, 0.999) / 1e3,
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
  }

  private static long percentile(long[] values, double fraction) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) (fraction * sorted.length))];
  }
}
