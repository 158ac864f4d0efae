package org.govchain.benchmarks.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.proto.Transaction;
import org.govchain.node.audit.CertifiedBlock;
import org.govchain.node.audit.ChainSource;
import org.govchain.node.audit.ExportReader;
import org.govchain.node.audit.ReplayReport;
import org.govchain.node.audit.Replayer;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.runtime.LedgerRules;

/**
 * {@code govchain replay} throughput on an export of at least 100 k transactions, next to the
 * all-core signature-verify rate of the very same transactions measured in the same run, rounds
 * alternated after one warm-up of each. Arguments: transactions (default 100000), rounds (default
 * 3). The export is cached under {@code benchmarks/target/replay-export/}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.govchain.benchmarks.audit.ReplayHarness 100000 3
 * </pre>
 */
public final class ReplayHarness {
  private ReplayHarness() {}

  public static void main(String[] args) throws Exception {
    int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int threads = Runtime.getRuntime().availableProcessors();
    Path cache = Path.of("benchmarks", "target", "replay-export");
    ReplayExports.Made made = ReplayExports.ensure(cache, transactions);
    HostedChains chains = HostedChains.forAudit(made.genesis());
    List<Transaction> all = transactionsOf(made.exports());
    CryptoSuite suite = chains.suite();
    System.out.printf(
        "export: %d files, %d transactions; %d cores%n",
        made.exports().size(), all.size(), threads);
    // Warm-up (not reported): the JIT compiles the curve arithmetic and the execution path.
    verifyRate(suite, all.subList(0, Math.min(all.size(), 20_000)), threads, chains);
    replay(chains, made.exports(), threads);
    double[] verifyRates = new double[rounds];
    double[] checkRates = new double[rounds];
    double[] replayRates = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      verifyRates[round] = verifyRate(suite, all, threads, null);
      checkRates[round] = verifyRate(suite, all, threads, chains);
      ReplayReport report = replay(chains, made.exports(), threads);
      replayRates[round] = report.transactionsPerSecond();
      System.out.printf(
          "round %d: signature verify %.0f tx/s, full stateless check %.0f tx/s, on %d threads;"
              + " replay %d tx in %.2f s = %.0f tx/s; ratio %.2f to verify, %.2f to check%n",
          round + 1,
          verifyRates[round],
          checkRates[round],
          threads,
          report.transactions(),
          report.elapsedNanos() / 1e9,
          replayRates[round],
          replayRates[round] / verifyRates[round],
          replayRates[round] / checkRates[round]);
    }
    double verify = median(verifyRates);
    double check = median(checkRates);
    double replay = median(replayRates);
    System.out.printf(
        "median: signature verify %.0f tx/s, full stateless check %.0f tx/s, replay %.0f tx/s;"
            + " ratio %.2f to verify (goal >= 0.8), %.2f to check%n",
        verify, check, replay, replay / verify, replay / check);
  }

  private static ReplayReport replay(HostedChains chains, List<Path> exports, int threads)
      throws Exception {
    List<ChainSource> sources = new ArrayList<>();
    try {
      for (Path file : exports) {
        sources.add(ExportReader.open(file));
      }
      Replayer replayer =
          new Replayer(
              chains,
              Path.of(System.getProperty("java.io.tmpdir")),
              threads,
              Replayer.DEFAULT_LOOKAHEAD_TRANSACTIONS);
      return replayer.replay(sources);
    } finally {
      sources.forEach(ChainSource::close);
    }
  }

  private static List<Transaction> transactionsOf(List<Path> exports) throws Exception {
    List<Transaction> all = new ArrayList<>();
    for (Path file : exports) {
      try (ExportReader reader = ExportReader.open(file)) {
        for (var next = reader.next(); next.isPresent(); next = reader.next()) {
          CertifiedBlock block = next.get();
          all.addAll(block.block().getTransactionsList());
        }
      }
    }
    return all;
  }

  /**
   * Decode and signature-verify every transaction on {@code threads} threads, and with {@code
   * chains} also run its ledger's stateless check (for a licence issue: the issuer's signature over
   * the licence, a second SM2 verification): transactions/s.
   */
  static double verifyRate(
      CryptoSuite suite, List<Transaction> transactions, int threads, HostedChains chains)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger next = new AtomicInteger();
      AtomicInteger valid = new AtomicInteger();
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i; (i = next.getAndIncrement()) < transactions.size(); ) {
                    byte[] bytes = Canonical.encode(transactions.get(i));
                    try {
                      DecodedTransaction decoded = Transactions.decode(suite, bytes, bytes.length);
                      boolean ok = Transactions.verifySignature(suite, decoded);
                      if (ok && chains != null) {
                        ChainSetup chain = chains.get(decoded.chainId()).orElseThrow();
                        ok = new LedgerRules(chain).statelessProblem(decoded) == null;
                      }
                      if (ok) {
                        valid.incrementAndGet();
                      }
                    } catch (org.govchain.core.MalformedInputException e) {
                      throw new IllegalStateException(e);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      long elapsed = System.nanoTime() - start;
      if (valid.get() != transactions.size()) {
        throw new IllegalStateException("a transaction of the export does not verify");
      }
      return transactions.size() * 1e9 / elapsed;
    } finally {
      pool.shutdownNow();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
