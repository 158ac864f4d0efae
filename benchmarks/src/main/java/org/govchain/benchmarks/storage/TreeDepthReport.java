package org.govchain.benchmarks.storage;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.proto.StateProof;

/**
 * How deep the state tree's paths really are. Key paths are hash outputs, so a path's depth is one
 * more than the longest prefix it shares with another key: this draws n uniform 64-bit path
 * prefixes (enough: sharing 64 bits among 10^8 keys has probability about 10^-3), sorts them and
 * reads each key's depth off its neighbours; it also gives the tree nodes a block of B updates
 * rewrites per key. With the argument "measure", it also reads proofs from the 1 M-key benchmark
 * store. Run: java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * org.govchain.benchmarks.storage.TreeDepthReport [measure]
 */
public final class TreeDepthReport {
  private TreeDepthReport() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    out.println(
        "| keys | mean depth | median | p99 | max | nodes rewritten per key, block of 1,000 | of 5,000 |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|");
    for (long keys : new long[] {10_000, 1_000_000, 100_000_000}) {
      out.println(row(keys));
    }
    if (args.length > 0 && args[0].equals("measure")) {
      measure(out);
    }
  }

  private static String row(long keys) {
    long[] paths = new long[(int) keys];
    SplittableRandom random = new SplittableRandom(keys);
    for (int i = 0; i < paths.length; i++) {
      paths[i] = random.nextLong();
    }
    Arrays.sort(paths);
    int[] histogram = new int[66];
    double sum = 0;
    for (int i = 0; i < paths.length; i++) {
      int shared = 0;
      if (i > 0) {
        shared = Math.max(shared, Long.numberOfLeadingZeros(paths[i] ^ paths[i - 1]));
      }
      if (i + 1 < paths.length) {
        shared = Math.max(shared, Long.numberOfLeadingZeros(paths[i] ^ paths[i + 1]));
      }
      int depth = Math.min(shared, 64) + 1;
      histogram[depth]++;
      sum += depth;
    }
    return String.format(
        "| %,d | %.1f | %d | %d | %d | %.1f | %.1f |",
        keys,
        sum / keys,
        percentile(histogram, keys, 0.5),
        percentile(histogram, keys, 0.99),
        percentile(histogram, keys, 1.0),
        rewrittenPerKey(keys, 1_000),
        rewrittenPerKey(keys, 5_000));
  }

  private static int percentile(int[] histogram, long total, double fraction) {
    long seen = 0;
    for (int depth = 0; depth < histogram.length; depth++) {
      seen += histogram[depth];
      if (seen >= Math.ceil(fraction * total)) {
        return depth;
      }
    }
    return histogram.length - 1;
  }

  /**
   * Expected tree nodes (inner nodes plus the new leaf) written per updated key when a block
   * updates {@code block} random existing keys of a {@code keys}-key tree: at level l the block
   * touches about 2^l (1 - (1 - 2^-l)^block) distinct nodes, of the about min(2^l, keys) there.
   */
  private static double rewrittenPerKey(long keys, int block) {
    double nodes = 0;
    for (int level = 0; level < 64; level++) {
      double width = Math.pow(2, level);
      if (width > keys * 4.0) {
        break;
      }
      double occupied = Math.min(width, keys);
      double probabilityInner =
          level == 0 ? 1 : Math.min(1, keys / width) * (1 - Math.exp(-keys / width));
      nodes += occupied * probabilityInner * (1 - Math.pow(1 - 1 / occupied, block));
    }
    return nodes / block + 1;
  }

  private static void measure(PrintStream out) throws Exception {
    try (Store store = MillionKeys.store();
        StateView state = store.chain(BenchChain.CHAIN).state()) {
      SplittableRandom random = new SplittableRandom(17);
      int samples = 10_000;
      long siblings = 0;
      long bytes = 0;
      int deepest = 0;
      for (int i = 0; i < samples; i++) {
        StateProof proof = state.prove(BenchChain.key(random.nextLong(MillionKeys.KEYS)));
        siblings += proof.getSiblingsCount();
        deepest = Math.max(deepest, proof.getSiblingsCount());
        bytes += proof.getSerializedSize();
      }
      out.printf(
          "measured at %,d keys over %,d inclusion proofs: mean siblings %.1f (max %d),"
              + " mean proof %.0f bytes (of which the 512-byte value and 48-byte key)%n",
          MillionKeys.KEYS,
          samples,
          (double) siblings / samples,
          deepest,
          (double) bytes / samples);
    }
  }
}
