package org.govchain.benchmarks.query;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.govchain.api.v1.KioskServiceGrpc;
import org.govchain.api.v1.MaterialState;
import org.govchain.api.v1.PullAnswer;
import org.govchain.api.v1.PullMaterialsRequest;
import org.govchain.api.v1.PullPlan;
import org.govchain.api.v1.PullRequest;
import org.govchain.api.v1.PulledMaterial;
import org.govchain.core.crypto.KeyCodec;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.SuiteId;
import org.govchain.core.proto.Transaction;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.client.ApiClient;
import org.govchain.node.client.ClientCredentials;
import org.govchain.node.client.Workload;
import org.govchain.node.config.HostPort;
import org.govchain.node.config.NodeConfig;
import org.govchain.node.config.NodeConfigLoader;
import org.govchain.node.network.NetworkInit;
import org.govchain.node.runtime.GovchainNode;
import org.govchain.storage.ChainSpec;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOptions;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Network;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.proto.TerminalKind;

/**
 * The kiosk's one action over gRPC — PlanPull, sign the plan's draft access record, PullMaterials —
 * against a real department node ({@link GovchainNode}, in this process: a single-department
 * network whose one validator commits each access record through PBFT and a synced block commit),
 * next to the gRPC health check on the same server and the same terminal channels, in alternating
 * rounds.
 *
 * <p>State: the licence chain holds N filler licences ({@link LicenceFill}, cached under {@code
 * benchmarks/target/pull-bench/<N>}) plus, per run, the pesticide scenario for {@code pairs} fresh
 * company/representative pairs per terminal ({@link KioskScenario}: four licences from four
 * departments, deposits, identity verification at the terminal, two standing grants). Each worker
 * is one terminal with its own TLS client certificate and at most one pull in flight (a terminal's
 * nonces must reach the node in order); a pull picks one of its terminal's pairs at random and
 * counts as good only if all four licence materials come back found, with items and no vault error.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * org.govchain.benchmarks.query.PullLoadHarness [licences] [--concurrency C] [--pairs P] [--seconds
 * S] [--rounds R]}
 */
public final class PullLoadHarness {
  /** Holder numbers each run may use: runs never share a holder, whatever their sizes. */
  private static final long HOLDERS_PER_RUN = 10_000;

  private PullLoadHarness() {}

  public static void main(String[] args) throws Exception {
    long licences = 1_000_000;
    int concurrency = 8;
    int pairs = 16;
    int seconds = 10;
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--pairs" -> pairs = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> licences = Long.parseLong(args[i].replace("_", ""));
      }
    }
    if ((long) concurrency * pairs > HOLDERS_PER_RUN) {
      throw new IllegalArgumentException(
          "--concurrency × --pairs must be at most " + HOLDERS_PER_RUN + " applicant pairs");
    }
    System.out.printf(
        Locale.ROOT,
        "pull load: %d cores, %,d filler licences, %d terminals, %d pairs each, %d s per phase,"
            + " %d rounds%n",
        Runtime.getRuntime().availableProcessors(),
        licences,
        concurrency,
        pairs,
        seconds,
        rounds);
    Path root = Path.of("benchmarks/target/pull-bench").resolve(Long.toString(licences));
    NodeConfig config = prepareState(root, licences);
    long run = nextRun(root);
    try (GovchainNode node = GovchainNode.start(config, Clock.systemUTC())) {
      Path net = root.resolve("net");
      Workload workload =
          new Workload(
              net,
              Network.parse("haidian"),
              node.chains().of(ChainKind.LICENSE).suite(),
              System.nanoTime());
      List<String> terminals = terminals(workload.data(), concurrency);
      HostPort address = new HostPort("127.0.0.1", node.grpcAddress().getPort());
      long started = System.nanoTime();
      Map<String, List<PullRequest>> requests =
          new KioskScenario(workload, net, address)
              .prepare(terminals, pairs, 10_000 + run * HOLDERS_PER_RUN);
      System.out.printf(
          Locale.ROOT,
          "scenario: %d pairs (%d licences, %d verifications, %d grants) in %.1f s%n",
          terminals.size() * pairs,
          terminals.size() * pairs * 4,
          terminals.size() * pairs,
          terminals.size() * pairs * 2,
          (System.nanoTime() - started) / 1e9);
      List<ApiClient> clients = new ArrayList<>();
      try {
        for (String terminal : terminals) {
          clients.add(new ApiClient(address, ClientCredentials.ofTerminal(net, terminal)));
        }
        measure(workload, terminals, clients, requests, seconds, rounds);
      } finally {
        clients.forEach(ApiClient::close);
      }
    }
  }

  /** The network and the filled node store, made once and reused. Returns the node's config. */
  private static NodeConfig prepareState(Path root, long licences) throws Exception {
    Path net = root.resolve("net");
    if (!Files.exists(net.resolve("network.yaml"))) {
      new NetworkInit(
              new NetworkInit.Plan("haidian", SuiteId.SM, 1, "127.0.0.1", 0, 0, 0, 64, 1000), net)
          .create();
    }
    NodeConfig config = NodeConfigLoader.load(net.resolve("nodes/data-bureau/node.yaml"));
    if (Files.exists(root.resolve("READY"))) {
      return config;
    }
    // The node executes its genesis blocks once; then the licence chain is filled behind it.
    java.util.Collection<ChainSetup> chains;
    try (GovchainNode node = GovchainNode.start(config, Clock.systemUTC())) {
      chains = node.chains().all();
    }
    List<ChainSpec> specs =
        chains.stream().map(c -> new ChainSpec(c.id(), c.suite().id())).toList();
    ChainSetup licenceChain =
        chains.stream().filter(c -> c.kind() == ChainKind.LICENSE).findFirst().orElseThrow();
    Path storeDirectory = config.dataDirectory().resolve("store");
    long started = System.nanoTime();
    try (Store store = Store.open(storeDirectory, StoreOptions.defaults(), specs)) {
      PrivateKey validator =
          KeyCodec.privateKeyFromPem(
              Files.readString(config.signingKey(), StandardCharsets.US_ASCII));
      new LicenceFill(
              store.chain(licenceChain.id()),
              licenceChain,
              validator,
              QueryLoadHarness.BLOCK_LICENSES)
          .fill(net, licences);
      store.flush();
    }
    System.out.printf(
        Locale.ROOT,
        "filled %,d licences in %.1f s; store %,d bytes on disk%n",
        licences,
        (System.nanoTime() - started) / 1e9,
        LicenceFill.bytesOnDisk(storeDirectory));
    Files.writeString(root.resolve("READY"), "complete\n");
    return config;
  }

  /** Each run takes fresh holders (licence ids and grants of earlier runs stay in the state). */
  private static long nextRun(Path root) throws java.io.IOException {
    Path file = root.resolve("runs.txt");
    long run =
        Files.exists(file)
            ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip())
            : 0;
    Files.writeString(file, (run + 1) + "\n", StandardCharsets.US_ASCII);
    return run;
  }

  /** The data set's service-hall terminals (not department systems), at most {@code count}. */
  private static List<String> terminals(DataSet data, int count) {
    List<String> terminals =
        data.terminals().stream()
            .filter(t -> t.kind() != TerminalKind.DEPARTMENT_SYSTEM)
            .map(DataSet.Terminal::terminalId)
            .limit(count)
            .toList();
    if (terminals.size() < count) {
      throw new IllegalArgumentException(
          "--concurrency " + count + ": the data set has " + terminals.size() + " hall terminals");
    }
    return terminals;
  }

  private static void measure(
      Workload workload,
      List<String> terminals,
      List<ApiClient> clients,
      Map<String, List<PullRequest>> requests,
      int seconds,
      int rounds)
      throws Exception {
    int concurrency = terminals.size();
    List<PrivateKey> keys = new ArrayList<>();
    for (String terminal : terminals) {
      keys.add(workload.terminal(terminal));
    }
    AtomicReference<String> firstError = new AtomicReference<>();
    QueryLoadHarness.Phase.Call pull =
        (worker, random, done) -> {
          List<PullRequest> own = requests.get(terminals.get(worker));
          new KioskPull(
                  workload,
                  KioskServiceGrpc.newStub(clients.get(worker).channel())
                      .withDeadlineAfter(60, TimeUnit.SECONDS),
                  keys.get(worker),
                  own.get(random.nextInt(own.size())),
                  done,
                  firstError)
              .start();
        };
    QueryLoadHarness.Phase.Call echo =
        (worker, random, done) ->
            HealthGrpc.newStub(clients.get(worker).channel())
                .check(
                    HealthCheckRequest.getDefaultInstance(),
                    QueryLoadHarness.Phase.observer(done, answer -> true));
    QueryLoadHarness.Phase.run(echo, concurrency, 2);
    QueryLoadHarness.Phase.run(pull, concurrency, 3);
    List<QueryLoadHarness.Phase.Result> echoes = new ArrayList<>();
    List<QueryLoadHarness.Phase.Result> pulls = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      echoes.add(QueryLoadHarness.Phase.run(echo, concurrency, seconds));
      pulls.add(QueryLoadHarness.Phase.run(pull, concurrency, seconds));
      System.out.printf(
          Locale.ROOT,
          "  round %d: echo %,.0f/s, pulls %,.0f/s (p50 %.1f ms, p99 %.1f ms, %d failed)%n",
          round + 1,
          echoes.get(round).perSecond(),
          pulls.get(round).perSecond(),
          pulls.get(round).p50Millis(),
          pulls.get(round).p99Millis(),
          pulls.get(round).failures());
    }
    if (firstError.get() != null) {
      System.out.println("  first failure: " + firstError.get());
    }
    QueryLoadHarness.Phase.Result e = QueryLoadHarness.Phase.median(echoes);
    QueryLoadHarness.Phase.Result p = QueryLoadHarness.Phase.median(pulls);
    System.out.printf(
        Locale.ROOT,
        "%d in flight | echo %,.0f/s p50 %.2f ms p99 %.2f ms | pull %,.1f/s p50 %.1f ms p99 %.1f"
            + " ms | ratio %.4f (rounds: %s)%n",
        concurrency,
        e.perSecond(),
        e.p50Millis(),
        e.p99Millis(),
        p.perSecond(),
        p.p50Millis(),
        p.p99Millis(),
        p.perSecond() / e.perSecond(),
        QueryLoadHarness.Phase.ratios(pulls, echoes));
  }

  /** One kiosk pull: plan, sign the draft access record, pull; reports the whole time. */
  private static final class KioskPull {
    private final Workload workload;
    private final KioskServiceGrpc.KioskServiceStub kiosk;
    private final PrivateKey key;
    private final PullRequest request;
    private final BiConsumer<Boolean, Long> done;
    private final AtomicReference<String> firstError;
    private final long started = System.nanoTime();

    KioskPull(
        Workload workload,
        KioskServiceGrpc.KioskServiceStub kiosk,
        PrivateKey key,
        PullRequest request,
        BiConsumer<Boolean, Long> done,
        AtomicReference<String> firstError) {
      this.workload = workload;
      this.kiosk = kiosk;
      this.key = key;
      this.request = request;
      this.done = done;
      this.firstError = firstError;
    }

    void start() {
      kiosk.planPull(request, new Step<>(this::pull));
    }

    private void pull(PullPlan plan) {
      Transaction access =
          workload.transaction(
              ChainKind.CONSENT,
              ConsentLedger.RECORD_ACCESS,
              plan.getAccessRecordPayload(),
              key,
              workload.nextNonce());
      kiosk.pullMaterials(
          PullMaterialsRequest.newBuilder().setRequest(request).setAccessRecord(access).build(),
          new Step<>(this::check));
    }

    private void check(PullAnswer answer) {
      long found =
          answer.getMaterialsList().stream()
              .filter(m -> m.getPlan().getState() == MaterialState.FOUND)
              .filter(m -> m.getVaultError().isEmpty() && m.getItemsCount() > 0)
              .count();
      boolean good = found == 4;
      if (!good) {
        firstError.compareAndSet(
            null,
            "materials: "
                + answer.getMaterialsList().stream().map(PullLoadHarness::describe).toList());
      }
      done.accept(good, System.nanoTime() - started);
    }

    /** A call's answer goes to {@code next}; an error ends the pull as failed. */
    private final class Step<T> implements StreamObserver<T> {
      private final java.util.function.Consumer<T> next;
      private T answer;

      Step(java.util.function.Consumer<T> next) {
        this.next = next;
      }

      @Override
      public void onNext(T value) {
        answer = value;
      }

      @Override
      public void onError(Throwable t) {
        firstError.compareAndSet(null, t.toString());
        done.accept(false, System.nanoTime() - started);
      }

      @Override
      public void onCompleted() {
        next.accept(answer);
      }
    }
  }

  private static String describe(PulledMaterial material) {
    return material.getPlan().getMaterialCode()
        + "="
        + material.getPlan().getState()
        + (material.getVaultError().isEmpty() ? "" : " (" + material.getVaultError() + ")");
  }
}
