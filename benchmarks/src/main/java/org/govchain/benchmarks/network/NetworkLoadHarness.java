package org.govchain.benchmarks.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.proto.Transaction;
import org.govchain.node.client.Workload;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Network;

/**
 * Committed signed transactions per second of a four-process govchain network on this machine,
 * against the all-core signature-verify rate measured in the same run.
 *
 * <p>Creates a network (SM suite) in a temporary directory, measures the verify baseline, starts
 * the node processes, registers the load's terminals, warms the network up, then runs {@code
 * rounds} rounds of: the closed loop (peak), the open loop at 50% of the peak, the open loop at
 * 100% of the peak — the fixed rates taken from the first round's peak. Stops the nodes and
 * measures the baseline again. Prints every phase and the medians, and the ratio committed tx/s ÷
 * (verify rate ÷ nodes).
 *
 * <p>{@code warmupRounds=N} runs N such rounds first, on nodes that have just started (their JIT
 * compilers still busy, their heaps still growing): they are printed and summarised as "cold",
 * apart from the {@code rounds} rounds that follow ("warm"), whose fixed rates come from the first
 * warm round's peak.
 *
 * <p>Arguments (all optional): {@code nodes=4 submitters=1024 rounds=3 warmupRounds=0
 * warmupMillis=5000 measureMillis=15000 jitWarmupMillis=20000 baselineMillis=5000
 * maxBlockTransactions=1000 nodeJvm="-Xmx1g -XX:+UseSerialGC" keep=false}, and {@code
 * treeNodeCache=N} to set the nodes' {@code limits.tree-cache-nodes}. The figures and the command
 * are in docs/benchmarks.md.
 */
public final class NetworkLoadHarness {
  private NetworkLoadHarness() {}

  public static void main(String[] arguments) throws Exception {
    int nodes = argument(arguments, "nodes", 4);
    int submitterCount = argument(arguments, "submitters", 1024);
    int rounds = argument(arguments, "rounds", 3);
    int warmupRounds = argument(arguments, "warmupRounds", 0);
    int warmupMillis = argument(arguments, "warmupMillis", 5_000);
    int measureMillis = argument(arguments, "measureMillis", 15_000);
    int jitWarmupMillis = argument(arguments, "jitWarmupMillis", 20_000);
    int baselineMillis = argument(arguments, "baselineMillis", 5_000);
    int maxBlock = argument(arguments, "maxBlockTransactions", 1_000);
    List<String> nodeJvm =
        List.of(text(arguments, "nodeJvm", "-Xmx1g -XX:+UseSerialGC").trim().split("\\s+"));
    boolean keep = Boolean.parseBoolean(text(arguments, "keep", "false"));
    print(
        "govchain network load: %d nodes, %d submitters, %d cold + %d warm rounds of %d ms warm-up"
            + " + %d ms measured; %d cores, %s; node JVM %s",
        nodes,
        submitterCount,
        warmupRounds,
        rounds,
        warmupMillis,
        measureMillis,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"),
        nodeJvm);
    Path directory = Files.createTempDirectory("govchain-load-");
    try {
      Measured measured = measure(directory, nodes, maxBlock, submitterCount, nodeJvm, arguments);
      VerifyBaseline.Rate after =
          VerifyBaseline.rate(CryptoSuite.sm(), measured.samples(), 1_000, baselineMillis);
      print(
          "all-core verify baseline (after): %,.0f/s, %,.0f per CPU-second",
          after.perSecond(), after.perCpuSecond());
      VerifyBaseline.Rate before = measured.baselineBefore();
      VerifyBaseline.Rate mean =
          new VerifyBaseline.Rate(
              (before.perSecond() + after.perSecond()) / 2,
              (before.perCpuSecond() + after.perCpuSecond()) / 2);
      List<PhaseResult> results = measured.results();
      int coldPhases = Math.min(results.size(), warmupRounds * PHASES_PER_ROUND);
      if (coldPhases > 0) {
        report(
            "cold: the first " + warmupRounds + " round(s)",
            results.subList(0, coldPhases),
            mean,
            nodes);
      }
      report(
          warmupRounds > 0 ? "warm: the " + rounds + " round(s) after them" : "all rounds",
          results.subList(coldPhases, results.size()),
          mean,
          nodes);
    } finally {
      if (!keep) {
        delete(directory);
      }
    }
  }

  /** The closed loop, then the open loops at 50% and 100% of the peak. */
  private static final int PHASES_PER_ROUND = 3;

  private record Measured(
      List<DecodedTransaction> samples,
      VerifyBaseline.Rate baselineBefore,
      List<PhaseResult> results) {}

  /** The baseline before, then the network's phases; the network is stopped on return. */
  private static Measured measure(
      Path directory,
      int nodes,
      int maxBlock,
      int submitterCount,
      List<String> nodeJvm,
      String[] arguments)
      throws Exception {
    try (LoadNetwork network = LoadNetwork.create(directory, nodes, maxBlock)) {
      Workload workload = new Workload(directory, Network.parse("haidian"), CryptoSuite.sm(), 7);
      String chainId = workload.chainId(ChainKind.IDENTITY);
      Submitters submitters = Submitters.create(workload, submitterCount, nodes);
      List<DecodedTransaction> samples = samples(submitters);
      VerifyBaseline.Rate baselineBefore =
          VerifyBaseline.rate(
              workload.suite(), samples, 3_000, argument(arguments, "baselineMillis", 5_000));
      print(
          "all-core verify baseline (before): %,.0f/s, %,.0f per CPU-second",
          baselineBefore.perSecond(), baselineBefore.perCpuSecond());
      String treeNodeCache = text(arguments, "treeNodeCache", null);
      if (treeNodeCache != null) {
        network.setLimit("tree-cache-nodes", Long.parseLong(treeNodeCache));
      }
      network.start(nodeJvm);
      network.awaitReady();
      print("network up in %s", directory);
      submitters.register(network, chainId);
      print("%d terminals registered", submitterCount);
      try (CommitCounter counter = new CommitCounter(network, chainId)) {
        List<PhaseResult> results =
            runPhases(
                new LoadDriver(network, chainId, submitters, counter),
                submitters,
                argument(arguments, "warmupRounds", 0) + argument(arguments, "rounds", 3),
                argument(arguments, "warmupRounds", 0),
                argument(arguments, "warmupMillis", 5_000),
                argument(arguments, "measureMillis", 15_000),
                argument(arguments, "jitWarmupMillis", 20_000));
        return new Measured(samples, baselineBefore, results);
      }
    }
  }

  private static List<PhaseResult> runPhases(
      LoadDriver driver,
      Submitters submitters,
      int rounds,
      int coldRounds,
      int warmupMillis,
      int measureMillis,
      int jitWarmupMillis)
      throws InterruptedException {
    List<Submitter> all = submitters.all();
    int perSubmitterEstimate = 12;
    submitters.presign(perSubmitterEstimate);
    PhaseResult warm = driver.run("JIT warm-up", all, 0, 0, jitWarmupMillis);
    print("%s", row(warm));
    List<PhaseResult> results = new ArrayList<>();
    double peak = 0;
    for (int round = 0; round < rounds; round++) {
      double expected = Math.max(peak, warm.committedPerSecond()) * 1.5;
      submitters.presign(perSubmitter(expected, warmupMillis + measureMillis, all.size()));
      PhaseResult closed = driver.run("peak (closed loop)", all, 0, warmupMillis, measureMillis);
      print("%s", row(closed));
      results.add(closed);
      if (round == 0 || round == coldRounds) {
        peak = closed.committedPerSecond();
      }
      for (double share : new double[] {0.5, 1.0}) {
        double rate = peak * share;
        submitters.presign(perSubmitter(rate * 1.2, warmupMillis + measureMillis, all.size()));
        PhaseResult open =
            driver.run(
                String.format(Locale.ROOT, "%.0f%% of peak", share * 100),
                all,
                rate,
                warmupMillis,
                measureMillis);
        print("%s", row(open));
        results.add(open);
      }
    }
    return results;
  }

  private static int perSubmitter(double rate, long millis, int submitters) {
    return (int) Math.ceil(rate * millis / 1000.0 / submitters) + 2;
  }

  /** Signed transactions of distinct submitters, decoded once, for the verify baseline. */
  private static List<DecodedTransaction> samples(Submitters submitters)
      throws MalformedInputException {
    List<DecodedTransaction> samples = new ArrayList<>();
    for (Submitter submitter : submitters.all()) {
      Transaction transaction = submitters.sign(submitter);
      submitter.addSigned(transaction);
      samples.add(Transactions.decode(submitters.suite(), transaction));
    }
    print(
        "transaction: identity.record_verification, %d bytes encoded",
        samples.get(0).transaction().getSerializedSize());
    return samples;
  }

  /**
   * The medians per phase. The ratio is committed tx/s ÷ (all-core verify rate ÷ nodes). The
   * CPU-normalised ratio replaces both rates by their rate per CPU-second (committed transactions
   * per CPU-second of all node processes; verifications per CPU-second of the verifying threads):
   * what the ratio would be if the nodes were CPU-bound and had the machine to themselves, which a
   * shared machine's other load does not move.
   */
  private static void report(
      String title, List<PhaseResult> results, VerifyBaseline.Rate baseline, int nodes) {
    print("");
    print("%s", title);
    print(
        "all-core verify rate (mean of before and after): %,.0f/s; %,.0f per CPU-second",
        baseline.perSecond(), baseline.perCpuSecond());
    print(
        "| phase | runs | offered tx/s | committed tx/s (median, min–max) | ratio | p50 ms | p99 ms"
            + " | tx/block | node CPU (cores) | tx per node CPU-s | CPU-normalised ratio |");
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for (String name : List.of("peak (closed loop)", "50% of peak", "100% of peak")) {
      List<PhaseResult> runs = results.stream().filter(r -> r.name().equals(name)).toList();
      if (runs.isEmpty()) {
        continue;
      }
      double committed = median(runs, PhaseResult::committedPerSecond);
      double perCpu = median(runs, PhaseResult::committedPerNodeCpuSecond);
      print(
          "| %s | %d | %s | %,.0f (%,.0f–%,.0f) | %.3f | %.1f | %.1f | %.0f | %.2f | %,.0f | %.3f |",
          name,
          runs.size(),
          runs.get(0).offeredPerSecond() == 0
              ? "—"
              : String.format(Locale.ROOT, "%,.0f", runs.get(0).offeredPerSecond()),
          committed,
          runs.stream().mapToDouble(PhaseResult::committedPerSecond).min().orElse(0),
          runs.stream().mapToDouble(PhaseResult::committedPerSecond).max().orElse(0),
          committed / (baseline.perSecond() / nodes),
          median(runs, PhaseResult::latencyP50Millis),
          median(runs, PhaseResult::latencyP99Millis),
          median(runs, PhaseResult::transactionsPerBlock),
          median(runs, PhaseResult::nodeCpuPerSecond),
          perCpu,
          perCpu / (baseline.perCpuSecond() / nodes));
    }
  }

  private static double median(List<PhaseResult> runs, ToDoubleFunction<PhaseResult> value) {
    double[] values = runs.stream().mapToDouble(value).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static String row(PhaseResult result) {
    return String.format(
        Locale.ROOT,
        "  %-20s offered %8.0f/s  committed %8.1f/s  acknowledged %8.1f/s  p50 %7.1f ms  p99 %7.1f"
            + " ms  max %7.1f ms  %6.1f tx/block  errors %d  busy %d  missed %d  node CPU %.2f"
            + " cores  %,.0f tx/node-CPU-s",
        result.name(),
        result.offeredPerSecond(),
        result.committedPerSecond(),
        result.acknowledgedPerSecond(),
        result.latencyP50Millis(),
        result.latencyP99Millis(),
        result.latencyMaxMillis(),
        result.transactionsPerBlock(),
        result.errors(),
        result.busy(),
        result.missedOffers(),
        result.nodeCpuPerSecond(),
        result.committedPerNodeCpuSecond());
  }

  private static void delete(Path directory) throws java.io.IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void print(String format, Object... values) {
    System.out.println(String.format(Locale.ROOT, format, values));
    System.out.flush();
  }

  private static int argument(String[] arguments, String name, int fallback) {
    String value = text(arguments, name, null);
    return value == null ? fallback : Integer.parseInt(value);
  }

  private static String text(String[] arguments, String name, String fallback) {
    return Arrays.stream(arguments)
        .filter(argument -> argument.startsWith(name + "="))
        .map(argument -> argument.substring(name.length() + 1))
        .reduce((first, second) -> second)
        .orElse(fallback);
  }
}
