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
import org.govchain.subchains.license.LicenseLedger;

/**
 * {@code govchain replay} throughput on an export of at least 100 k transactions, next to the
 * all-core signature-verify rate of the very same transactions measured in the same run, rounds
 * alternated after one warm-up of each. Arguments: transactions (default 100000), rounds (default
 * 3), the share of identity verifications in percent (default 0: all licence issues). The export is
 * cached under {@code benchmarks/target/replay-export/} (with an identity share, {@code
 * replay-export-identityN/}).
 *
 * <p>Two ratios are printed: transactions/s of replay against transactions/s of the signature
 * verify (one SM2 verification per transaction), and SM2 verifications/s of replay (each
 * transaction's signature, each licence issue's issuer signature, each certificate vote) against
 * SM2 verifications/s of the signature verify on all cores — the like-for-like one, since a licence
 * issue costs two verifications.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.govchain.benchmarks.audit.ReplayHarness 100000 3 50
 * </pre>
 */
public final class ReplayHarness {
  private ReplayHarness() {}

  public static void main(String[] args) throws Exception {
    int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int identityPercent = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    int threads = Runtime.getRuntime().availableProcessors();
    Path cache =
        Path.of(
            "benchmarks",
            "target",
            identityPercent == 0 ? "replay-export" : "replay-export-identity" + identityPercent);
    ReplayExports.Made made = ReplayExports.ensure(cache, transactions, identityPercent);
    HostedChains chains = HostedChains.forAudit(made.genesis());
    List<Transaction> all = transactionsOf(made.exports());
    CryptoSuite suite = chains.suite();
    SignatureCount signatures = SignatureCount.of(suite, made.exports());
    System.out.printf(
        "export: %d files, %d transactions (%d licence issues with an issuer signature);"
            + " replay checks %d SM2 signatures (%d transaction, %d issuer, %d certificate"
            + " votes); %d cores%n",
        made.exports().size(),
        all.size(),
        signatures.issuer(),
        signatures.total(),
        signatures.transaction(),
        signatures.issuer(),
        signatures.votes(),
        threads);
    // Warm-up (not reported): the JIT compiles the curve arithmetic and the execution path.
    verifyRate(suite, all.subList(0, Math.min(all.size(), 20_000)), threads, chains);
    replay(chains, made.exports(), threads);
    double[] verifyRates = new double[rounds];
    double[] checkRates = new double[rounds];
    double[] replayRates = new double[rounds];
    double[] signatureRatios = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      verifyRates[round] = verifyRate(suite, all, threads, null);
      checkRates[round] = verifyRate(suite, all, threads, chains);
      ReplayReport report = replay(chains, made.exports(), threads);
      replayRates[round] = report.transactionsPerSecond();
      double replaySignatures = signatures.total() * 1e9 / report.elapsedNanos();
      signatureRatios[round] = replaySignatures / verifyRates[round];
      System.out.printf(
          "round %d: signature verify %.0f tx/s (= SM2 verifications/s), full stateless check"
              + " %.0f tx/s, on %d threads; replay %d tx in %.2f s = %.0f tx/s, %.0f SM2"
              + " verifications/s; ratio %.2f to verify (tx/s), %.2f to check (tx/s), %.2f"
              + " signatures/s to SM2 verifications/s%n",
          round + 1,
          verifyRates[round],
          checkRates[round],
          threads,
          report.transactions(),
          report.elapsedNanos() / 1e9,
          replayRates[round],
          replaySignatures,
          replayRates[round] / verifyRates[round],
          replayRates[round] / checkRates[round],
          signatureRatios[round]);
    }
    double verify = median(verifyRates);
    double check = median(checkRates);
    double replay = median(replayRates);
    System.out.printf(
        "median: signature verify %.0f tx/s, full stateless check %.0f tx/s, replay %.0f tx/s;"
            + " ratio %.2f to verify (tx/s), %.2f to check; median signature ratio %.2f"
            + " (goal >= 0.8)%n",
        verify, check, replay, replay / verify, replay / check, median(signatureRatios));
  }

  /** The SM2 signatures a replay of the exports checks, by kind. */
  record SignatureCount(long transaction, long issuer, long votes) {
    long total() {
      return transaction + issuer + votes;
    }

    /**
     * Every transaction's signature; the issuer signature inside each licence issue, change and
     * renewal (the ledger's stateless check); every vote of every commit certificate.
     */
    static SignatureCount of(CryptoSuite suite, List<Path> exports) throws Exception {
      long transaction = 0;
      long issuer = 0;
      long votes = 0;
      for (Path file : exports) {
        try (ExportReader reader = ExportReader.open(file)) {
          for (var next = reader.next(); next.isPresent(); next = reader.next()) {
            CertifiedBlock block = next.get();
            votes += block.certificate().map(c -> (long) c.getVotesCount()).orElse(0L);
            for (Transaction tx : block.block().getTransactionsList()) {
              transaction++;
              String type = Transactions.decode(suite, tx).type();
              if (type.equals(LicenseLedger.ISSUE)
                  || type.equals(LicenseLedger.CHANGE)
                  || type.equals(LicenseLedger.RENEW)) {
                issuer++;
              }
            }
          }
        }
      }
      return new SignatureCount(transaction, issuer, votes);
    }
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
