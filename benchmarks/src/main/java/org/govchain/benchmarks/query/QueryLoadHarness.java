package org.govchain.benchmarks.query;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.govchain.api.v1.LicenseVerification;
import org.govchain.api.v1.QueryServiceGrpc;
import org.govchain.api.v1.VerifyLicenseRequest;
import org.govchain.core.crypto.KeyCodec;
import org.govchain.core.crypto.SuiteId;
import org.govchain.node.api.GrpcServers;
import org.govchain.node.api.QueryApiService;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.client.ApiClient;
import org.govchain.node.client.ClientCredentials;
import org.govchain.node.config.HostPort;
import org.govchain.node.config.NodeConfig;
import org.govchain.node.config.NodeConfigLoader;
import org.govchain.node.network.NetworkInit;
import org.govchain.storage.ChainSpec;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOptions;
import org.govchain.subchains.ChainKind;

/**
 * Licence lookups over gRPC (VerifyLicense: a state proof, the anchor header and certificate) on a
 * licence chain of N licences, next to a bare gRPC call (the health check) on the same server, TLS
 * channel and executor, measured in alternating rounds in one run.
 *
 * <p>The licence chain is filled by {@link LicenceFill} through the store's commit path (blocks of
 * 10,000 licence records by default, real state roots, proofs and certificates), so a million
 * licences take a minute instead of a million signed transactions through consensus. Cached under
 * {@code benchmarks/target/query-bench/<N>} for reruns.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * org.govchain.benchmarks.query.QueryLoadHarness [licences...] [--concurrency C] [--seconds S]
 * [--rounds R] [--block-licences B] [--fill-only] [--no-preload] [--tree-cache-nodes N]}
 */
public final class QueryLoadHarness {
  static final int BLOCK_LICENSES = 10_000;

  /** Licence records per filled block ({@code --block-licences}); large blocks fill 10 M faster. */
  private static int blockLicenses = BLOCK_LICENSES;

  /** Fill (or open) the states and stop ({@code --fill-only}): for a long fill run on its own. */
  private static boolean fillOnly;

  /**
   * Read the state tree's upper levels into the node cache before measuring, as a node does when it
   * starts ({@code --no-preload}: measure with the cache filling as lookups go).
   */
  private static boolean preload = true;

  /**
   * The node cache's size per chain ({@code --tree-cache-nodes}, a node's limits.tree-cache-nodes).
   */
  private static int treeCacheNodes = StoreOptions.defaults().treeNodeCacheEntries();

  private QueryLoadHarness() {}

  public static void main(String[] args) throws Exception {
    List<Long> sizes = new ArrayList<>();
    int concurrency = 32;
    int seconds = 5;
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--block-licences" -> blockLicenses = Integer.parseInt(args[++i]);
        case "--fill-only" -> fillOnly = true;
        case "--no-preload" -> preload = false;
        case "--tree-cache-nodes" -> treeCacheNodes = Integer.parseInt(args[++i]);
        default -> {
          if (!args[i].matches("[0-9_]+")) {
            System.err.println(
                "usage: QueryLoadHarness [licences...] [--concurrency C] [--seconds S] [--rounds R]"
                    + " [--block-licences B] [--fill-only] [--no-preload] [--tree-cache-nodes N]");
            System.exit(args[i].equals("--help") ? 0 : 2);
          }
          sizes.add(Long.parseLong(args[i].replace("_", "")));
        }
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(10_000L, 1_000_000L);
    }
    System.out.printf(
        Locale.ROOT,
        "query load: %d cores, concurrency %d, %d s per phase, %d rounds%n",
        Runtime.getRuntime().availableProcessors(),
        concurrency,
        seconds,
        rounds);
    for (long size : sizes) {
      run(size, concurrency, seconds, rounds);
    }
  }

  private static void run(long licenses, int concurrency, int seconds, int rounds)
      throws Exception {
    Path root = Path.of("benchmarks/target/query-bench").resolve(Long.toString(licenses));
    Path net = root.resolve("net");
    if (!Files.exists(net.resolve("network.yaml"))) {
      new NetworkInit(
              new NetworkInit.Plan("haidian", SuiteId.SM, 1, "127.0.0.1", 0, 0, 0, 64, 1000), net)
          .create();
    }
    NodeConfig config = NodeConfigLoader.load(net.resolve("nodes/data-bureau/node.yaml"));
    HostedChains chains =
        HostedChains.load(
            config.network(),
            config.nodeId(),
            KeyCodec.privateKeyFromPem(Files.readString(config.signingKey())).publicKey(),
            config.genesis());
    ChainSetup licenseChain = chains.of(ChainKind.LICENSE);
    List<ChainSpec> specs =
        chains.all().stream().map(c -> new ChainSpec(c.id(), c.suite().id())).toList();
    Path storeDirectory = root.resolve("store");
    Store store;
    String prefix;
    if (Files.exists(root.resolve("READY"))) {
      store =
          Store.open(
              storeDirectory,
              StoreOptions.defaults().withTreeNodeCacheEntries(treeCacheNodes),
              specs);
      prefix = Files.readString(root.resolve("prefix.txt"), StandardCharsets.US_ASCII).strip();
    } else {
      Files.createDirectories(storeDirectory);
      store = Store.create(storeDirectory, StoreOptions.defaults(), specs);
      long started = System.nanoTime();
      prefix =
          new LicenceFill(
                  store.chain(licenseChain.id()),
                  licenseChain,
                  KeyCodec.privateKeyFromPem(Files.readString(config.signingKey())),
                  blockLicenses)
              .fill(net, licenses);
      store.flush();
      Files.writeString(root.resolve("prefix.txt"), prefix + "\n", StandardCharsets.US_ASCII);
      Files.writeString(root.resolve("READY"), "complete\n");
      System.out.printf(
          Locale.ROOT,
          "filled %,d licences in %.1f s (blocks of %,d); store %,d bytes on disk%n",
          licenses,
          (System.nanoTime() - started) / 1e9,
          blockLicenses,
          LicenceFill.bytesOnDisk(storeDirectory));
    }
    if (fillOnly) {
      store.close();
      return;
    }
    if (preload) {
      long started = System.nanoTime();
      try (StateView state = store.chain(licenseChain.id()).state()) {
        long read = state.preloadUpperLevels(() -> false);
        System.out.printf(
            Locale.ROOT,
            "preloaded %,d state tree nodes (the node cache's upper levels) in %.1f s%n",
            read,
            (System.nanoTime() - started) / 1e9);
      }
    }
    Server server = GrpcServers.start(config, List.of(new QueryApiService(chains, store)));
    try (ApiClient client =
        new ApiClient(
            new HostPort("127.0.0.1", server.getPort()),
            ClientCredentials.ofDepartment(net, "data-bureau"))) {
      measure(
          client.channel(),
          prefix,
          licenses,
          concurrency,
          seconds,
          rounds,
          store.chain(licenseChain.id())::treeRecordReads);
    } finally {
      GrpcServers.stop(server);
      store.close();
    }
  }

  private static void measure(
      ManagedChannel channel,
      String prefix,
      long licenses,
      int concurrency,
      int seconds,
      int rounds,
      LongSupplier treeRecordReads)
      throws InterruptedException {
    QueryServiceGrpc.QueryServiceStub query = QueryServiceGrpc.newStub(channel);
    HealthGrpc.HealthStub health = HealthGrpc.newStub(channel);
    Phase.Call lookup =
        (worker, random, done) ->
            query.verifyLicense(
                VerifyLicenseRequest.newBuilder()
                    .setLicenseId(prefix + "." + random.nextLong(licenses))
                    .build(),
                Phase.observer(
                    done, answer -> answer.getVerdict() == LicenseVerification.Verdict.VALID));
    Phase.Call echo =
        (worker, random, done) ->
            health.check(
                HealthCheckRequest.getDefaultInstance(), Phase.observer(done, answer -> true));
    // Warm up both paths (JIT, connections, caches).
    Phase.run(echo, concurrency, 2);
    Phase.run(lookup, concurrency, 2);
    List<Phase.Result> echoes = new ArrayList<>();
    List<Phase.Result> lookups = new ArrayList<>();
    long recordsRead = 0;
    double lookupsDone = 0;
    for (int round = 0; round < rounds; round++) {
      echoes.add(Phase.run(echo, concurrency, seconds));
      long before = treeRecordReads.getAsLong();
      Phase.Result result = Phase.run(lookup, concurrency, seconds);
      recordsRead += treeRecordReads.getAsLong() - before;
      lookupsDone += result.perSecond() * seconds;
      lookups.add(result);
    }
    Phase.Result e = Phase.median(echoes);
    Phase.Result l = Phase.median(lookups);
    System.out.printf(
        Locale.ROOT,
        "%,d licences | echo %,.0f/s p50 %.2f ms p99 %.2f ms | lookup %,.0f/s p50 %.2f ms p99 %.2f"
            + " ms | ratio %.2f (rounds: %s) | tree records read from disk per lookup %.2f%n",
        licenses,
        e.perSecond(),
        e.p50Millis(),
        e.p99Millis(),
        l.perSecond(),
        l.p50Millis(),
        l.p99Millis(),
        l.perSecond() / e.perSecond(),
        Phase.ratios(lookups, echoes),
        recordsRead / Math.max(1, lookupsDone));
  }

  /** A closed-loop load phase: {@code concurrency} calls in flight for a fixed time. */
  static final class Phase {
    /** One call of worker {@code worker} (0 .. concurrency-1), which reports to {@code done}. */
    interface Call {
      void start(int worker, SplittableRandom random, BiConsumer<Boolean, Long> done);
    }

    record Result(double perSecond, double p50Millis, double p99Millis, long failures) {}

    static <T> StreamObserver<T> observer(
        BiConsumer<Boolean, Long> done, java.util.function.Predicate<T> ok) {
      long started = System.nanoTime();
      return new StreamObserver<>() {
        private boolean good;

        @Override
        public void onNext(T value) {
          good = ok.test(value);
        }

        @Override
        public void onError(Throwable t) {
          done.accept(false, System.nanoTime() - started);
        }

        @Override
        public void onCompleted() {
          done.accept(good, System.nanoTime() - started);
        }
      };
    }

    static Result run(Call call, int concurrency, int seconds) throws InterruptedException {
      long[] latencies = new long[4_000_000];
      int[] count = new int[1];
      long[] failures = new long[1];
      AtomicBoolean running = new AtomicBoolean(true);
      CountDownLatch finished = new CountDownLatch(concurrency);
      long start = System.nanoTime();
      for (int worker = 0; worker < concurrency; worker++) {
        int index = worker;
        SplittableRandom random = new SplittableRandom(worker);
        Runnable[] next = new Runnable[1];
        next[0] =
            () ->
                call.start(
                    index,
                    random,
                    (ok, nanos) -> {
                      synchronized (latencies) {
                        if (!ok) {
                          failures[0]++;
                        } else if (count[0] < latencies.length) {
                          latencies[count[0]++] = nanos;
                        }
                      }
                      if (running.get()) {
                        next[0].run();
                      } else {
                        finished.countDown();
                      }
                    });
        next[0].run();
      }
      TimeUnit.SECONDS.sleep(seconds);
      running.set(false);
      finished.await(30, TimeUnit.SECONDS);
      double elapsed = (System.nanoTime() - start) / 1e9;
      long[] sorted;
      synchronized (latencies) {
        sorted = Arrays.copyOf(latencies, count[0]);
      }
      Arrays.sort(sorted);
      if (failures[0] > 0) {
        System.out.println("  failures: " + failures[0]);
      }
      return new Result(
          sorted.length / elapsed,
          percentile(sorted, 0.50) / 1e6,
          percentile(sorted, 0.99) / 1e6,
          failures[0]);
    }

    private static double percentile(long[] sorted, double p) {
      return sorted.length == 0
          ? Double.NaN
          : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
    }

    static Result median(List<Result> results) {
      List<Result> byRate = new ArrayList<>(results);
      byRate.sort(java.util.Comparator.comparingDouble(Result::perSecond));
      return byRate.get(byRate.size() / 2);
    }

    static String ratios(List<Result> lookups, List<Result> echoes) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < lookups.size(); i++) {
        out.add(
            String.format(
                Locale.ROOT, "%.2f", lookups.get(i).perSecond() / echoes.get(i).perSecond()));
      }
      return String.join(", ", out);
    }
  }
}
