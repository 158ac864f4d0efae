package org.govchain.benchmarks.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.PublicKey;
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
 * <p>The baseline is the all-core signature verify of the same transactions with submitter keys
 * decoded once and shared, as the node's verification pipeline (and so replay) decodes them: replay
 * transactions/s against it is the goal's ratio. Printed too, for continuity with earlier runs: the
 * same verify decoding every key afresh (about half as fast), the full stateless check (for a
 * licence issue a second SM2 verification, the issuer's), and SM2 verifications/s of replay (each
 * transaction's signature, each licence issue's issuer signature, each certificate vote) against
 * the shared-key verify.
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
    List<Transaction> warmUp = all.subList(0, Math.min(all.size(), 20_000));
    verifyRate(suite, warmUp, threads, null, Keys.FRESH);
    verifyRate(suite, warmUp, threads, null, Keys.SHARED);
    replay(chains, made.exports(), threads);
    double[] freshRates = new double[rounds];
    double[] sharedRates = new double[rounds];
    double[] checkRates = new double[rounds];
    double[] replayRates = new double[rounds];
    double[] sharedRatios = new double[rounds];
    double[] signatureRatios = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      freshRates[round] = verifyRate(suite, all, threads, null, Keys.FRESH);
      sharedRates[round] = verifyRate(suite, all, threads, null, Keys.SHARED);
      checkRates[round] = verifyRate(suite, all, threads, chains, Keys.SHARED);
      ReplayReport report = replay(chains, made.exports(), threads);
      replayRates[round] = report.transactionsPerSecond();
      double replaySignatures = signatures.total() * 1e9 / report.elapsedNanos();
      sharedRatios[round] = replayRates[round] / sharedRates[round];
      signatureRatios[round] = replaySignatures / sharedRates[round];
      System.out.printf(
          "round %d: signature verify %.0f tx/s with shared decoded keys, %.0f tx/s decoding each"
              + " key (= SM2 verifications/s); full stateless check %.0f tx/s; on %d threads;"
              + " replay %d tx in %.2f s = %.0f tx/s, %.0f SM2 verifications/s; tx/s ratio %.2f"
              + " to the shared-key verify, %.2f to the fresh-key verify, %.2f to the check;"
              + " SM2/s ratio %.2f to the shared-key verify%n",
          round + 1,
          sharedRates[round],
          freshRates[round],
          checkRates[round],
          threads,
          report.transactions(),
          report.elapsedNanos() / 1e9,
          replayRates[round],
          replaySignatures,
          sharedRatios[round],
          replayRates[round] / freshRates[round],
          replayRates[round] / checkRates[round],
          signatureRatios[round]);
    }
    double replay = median(replayRates);
    System.out.printf(
        "median: signature verify %.0f tx/s shared keys, %.0f tx/s fresh keys; full stateless"
            + " check %.0f tx/s; replay %.0f tx/s; tx/s ratio %.2f to the shared-key verify"
            + " (goal >= 0.8), %.2f to the fresh-key verify, %.2f to the check; SM2/s ratio"
            + " %.2f to the shared-key verify%n",
        median(sharedRates),
        median(freshRates),
        median(checkRates),
        replay,
        median(sharedRatios),
        replay / median(freshRates),
        replay / median(checkRates),
        median(signatureRatios));
  }

  /**
   * How the baseline decodes submitter keys: afresh for every transaction (the harness's first
   * baseline, kept for continuity), or once per distinct key and shared, as the node's verification
   * pipeline and so replay do (the decoded key keeps the crypto library's precomputation for its
   * point): the like-for-like baseline.
   */
  enum Keys {
    FRESH,
    SHARED
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
      CryptoSuite suite,
      List<Transaction> transactions,
      int threads,
      HostedChains chains,
      Keys keys)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<PublicKey, PublicKey> shared = new ConcurrentHashMap<>();
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
                      if (keys == Keys.SHARED) {
                        decoded = withKey(decoded, shared);
                      }
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

  /** {@code decoded} under the shared instance of its submitter key. */
  private static DecodedTransaction withKey(
      DecodedTransaction decoded, Map<PublicKey, PublicKey> shared) {
    PublicKey key = shared.computeIfAbsent(decoded.submitter(), k -> k);
    return new DecodedTransaction(
        decoded.id(),
        decoded.chainId(),
        decoded.type(),
        decoded.payload(),
        key,
        decoded.nonce(),
        decoded.timestampMillis(),
        decoded.signature(),
        decoded.transaction());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
