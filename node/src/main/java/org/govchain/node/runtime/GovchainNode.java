package org.govchain.node.runtime;

import io.grpc.Server;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.govchain.api.v1.PeerStatus;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.NodeId;
import org.govchain.core.crypto.KeyCodec;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.node.api.BlockStreams;
import org.govchain.node.api.GrpcServers;
import org.govchain.node.api.NodeApiService;
import org.govchain.node.api.QueryApiService;
import org.govchain.node.chain.BlockExecutor;
import org.govchain.node.chain.ChainRuntime;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.GenesisBootstrap;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.config.ConfigException;
import org.govchain.node.config.NodeConfig;
import org.govchain.node.ingest.ChainRules;
import org.govchain.node.ingest.CommitWaiters;
import org.govchain.node.ingest.PipelineLimits;
import org.govchain.node.ingest.TransactionIngest;
import org.govchain.node.ingest.VerificationPipeline;
import org.govchain.node.kiosk.KioskApiService;
import org.govchain.node.kiosk.NodeVaultGateway;
import org.govchain.node.kiosk.VaultApiService;
import org.govchain.node.mempool.Mempool;
import org.govchain.node.mempool.MempoolLimits;
import org.govchain.node.metrics.MetricsServer;
import org.govchain.node.metrics.P2pMetrics;
import org.govchain.node.net.BlockServer;
import org.govchain.node.net.PeerRouter;
import org.govchain.node.net.TransportLink;
import org.govchain.node.vault.Vault;
import org.govchain.node.vault.VaultKey;
import org.govchain.node.vault.VaultKeyException;
import org.govchain.node.vault.VaultLimits;
import org.govchain.node.vault.VaultOpenException;
import org.govchain.p2p.Transport;
import org.govchain.p2p.TransportLimits;
import org.govchain.p2p.tls.MembershipPins;
import org.govchain.p2p.tls.TlsMaterial;
import org.govchain.pbft.PbftConfig;
import org.govchain.pbft.SuiteSigner;
import org.govchain.storage.ChainSpec;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOpenException;
import org.govchain.storage.StoreOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A running department node: one RocksDB store, one p2p transport, one verification pipeline, and
 * per hosted chain a mempool and a consensus runtime; the gRPC API and the metrics endpoint in
 * front. {@link #start} wires and starts everything; {@link #close} stops it in reverse order.
 */
public final class GovchainNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GovchainNode.class);
  private static final int HAND_OFF_QUEUE = 4_096;

  private final NodeConfig config;
  private final List<AutoCloseable> closeInOrder = new ArrayList<>();
  private final Map<ChainId, ChainRuntime> runtimes;
  private final Transport transport;
  private final InetSocketAddress p2pAddress;
  private final Server grpc;
  private final MetricsServer metrics;
  private final HostedChains chains;

  private GovchainNode(Builder parts) {
    this.config = parts.config;
    this.runtimes = parts.runtimes;
    this.transport = parts.transport;
    this.p2pAddress = parts.p2pAddress;
    this.grpc = parts.grpc;
    this.metrics = parts.metrics;
    this.chains = parts.chains;
    this.closeInOrder.addAll(parts.closeInOrder);
  }

  public static GovchainNode start(NodeConfig config, Clock clock) throws NodeStartException {
    MDC.put("node", config.nodeId().value());
    Builder builder = new Builder(config, clock);
    try {
      builder.build();
    } catch (NodeStartException | RuntimeException e) {
      builder.closeQuietly();
      throw e;
    }
    GovchainNode node = new GovchainNode(builder);
    LOG.info(
        "node {} started: p2p {}, gRPC {}, metrics {}, chains {}",
        config.nodeId(),
        node.p2pAddress(),
        node.grpcAddress(),
        node.metricsAddress(),
        node.chains.all().stream()
            .map(c -> c.id() + "@" + node.runtimes.get(c.id()).view().height())
            .toList());
    return node;
  }

  public NodeId nodeId() {
    return config.nodeId();
  }

  /** Each hosted chain's committed height, by chain id. */
  public Map<String, Long> chainHeights() {
    Map<String, Long> heights = new LinkedHashMap<>();
    for (ChainSetup chain : chains.all()) {
      heights.put(chain.id().value(), runtimes.get(chain.id()).view().height());
    }
    return heights;
  }

  public InetSocketAddress p2pAddress() {
    return p2pAddress;
  }

  public InetSocketAddress grpcAddress() {
    return (InetSocketAddress) grpc.getListenSockets().get(0);
  }

  public InetSocketAddress metricsAddress() {
    return metrics.address();
  }

  public HostedChains chains() {
    return chains;
  }

  public ChainRuntime runtime(ChainId chain) {
    return runtimes.get(chain);
  }

  @Override
  public void close() {
    LOG.info("node {} stopping", config.nodeId());
    for (AutoCloseable part : closeInOrder) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** Wires the node's parts in dependency order, remembering how to stop what it started. */
  private static final class Builder {
    final NodeConfig config;
    final Clock clock;
    final List<AutoCloseable> started = new ArrayList<>();
    final List<AutoCloseable> closeInOrder = new ArrayList<>();
    final Map<ChainId, ChainRuntime> runtimes = new LinkedHashMap<>();
    final Map<ChainId, Mempool> mempools = new LinkedHashMap<>();
    HostedChains chains;
    Transport transport;
    InetSocketAddress p2pAddress;
    Server grpc;
    MetricsServer metrics;

    Builder(NodeConfig config, Clock clock) {
      this.config = config;
      this.clock = clock;
    }

    void build() throws NodeStartException {
      PrivateKey signingKey = signingKey();
      try {
        chains =
            HostedChains.load(
                config.network(), config.nodeId(), signingKey.publicKey(), config.genesis());
      } catch (ConfigException e) {
        throw new NodeStartException(e.getMessage(), e);
      }
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      registry.config().commonTags("node", config.nodeId().value());
      Store store = openStore();
      ExecutorService workers = Executors.newFixedThreadPool(2, daemon("govchain-worker"));
      ScheduledExecutorService timers =
          Executors.newScheduledThreadPool(1, daemon("govchain-timer"));
      VerificationPipeline pipeline = pipeline();
      BlockExecutor executor = new BlockExecutor(store, chains, pipeline);
      try {
        GenesisBootstrap.ensure(store, chains, executor);
      } catch (GenesisBootstrap.GenesisMismatchException e) {
        throw new NodeStartException(e.getMessage(), e);
      }
      TransportLink link = new TransportLink();
      CommitWaiters waiters = new CommitWaiters();
      BlockStreams streams = new BlockStreams(store, workers, 256);
      for (ChainSetup chain : chains.all()) {
        mempools.put(chain.id(), new Mempool(mempoolLimits(chain)));
        runtimes.put(chain.id(), runtime(chain, signingKey, store, executor, link, timers));
      }
      ExecutorService relay = handOff("govchain-relay");
      ExecutorService notifier = handOff("govchain-notify");
      TransactionIngest ingest =
          new TransactionIngest(chains, pipeline, executor, mempools, runtimes, link, relay, clock);
      for (ChainSetup chain : chains.all()) {
        runtimes
            .get(chain.id())
            .addListener(
                new NodeCommits(
                    chain,
                    mempools.get(chain.id()),
                    pipeline,
                    notifier,
                    waiters,
                    streams,
                    registry));
      }
      PeerRouter router = new PeerRouter(chains, runtimes, ingest, messageBytesMax());
      Optional<Vault> vault = openVault();
      vault.ifPresent(opened -> started.add(opened));
      NodeVaultGateway vaults =
          new NodeVaultGateway(
              config.nodeId(),
              vault,
              config.vaultHosts(),
              chains,
              store,
              link,
              workers,
              clock::millis);
      transport =
          transport(
              router, new BlockServer(chains, store, workers, 8 * 1024 * 1024), vaults, registry);
      link.attach(transport);
      startTransport();
      runtimes.values().forEach(ChainRuntime::start);
      NodeApiService api =
          new NodeApiService(
              config.nodeId().value(),
              chains,
              store,
              ingest,
              waiters,
              runtimes,
              mempools,
              streams,
              this::peers,
              config.limits().submitWaitMillis());
      grpc =
          startGrpc(
              List.of(
                  api,
                  new QueryApiService(chains, store),
                  new KioskApiService(chains, store, ingest, waiters, vaults, clock::millis),
                  new VaultApiService(chains, store, vault, config.vaultHosts())));
      metrics = startMetrics(registry);
      bindGauges(registry, pipeline);
      // Stop order: API first, then the network, consensus, verification, storage, threads.
      closeInOrder.add(() -> GrpcServers.stop(grpc));
      closeInOrder.add(metrics);
      closeInOrder.add(transport);
      closeInOrder.addAll(runtimes.values());
      closeInOrder.add(pipeline);
      vault.ifPresent(closeInOrder::add);
      closeInOrder.add(relay::shutdownNow);
      closeInOrder.add(notifier::shutdownNow);
      closeInOrder.add(timers::shutdownNow);
      closeInOrder.add(workers::shutdownNow);
      closeInOrder.add(store);
      closeInOrder.add(registry::close);
    }

    /**
     * One thread taking hand-offs from hot threads (ingest, consensus) in order. Its queue is
     * bounded; when it is full the caller does the work itself, so nothing is lost or reordered
     * beyond what a late hand-off would.
     */
    private ExecutorService handOff(String name) {
      ExecutorService service =
          new ThreadPoolExecutor(
              1,
              1,
              0,
              TimeUnit.MILLISECONDS,
              new ArrayBlockingQueue<>(HAND_OFF_QUEUE),
              daemon(name),
              new ThreadPoolExecutor.CallerRunsPolicy());
      started.add(service::shutdownNow);
      return service;
    }

    private PrivateKey signingKey() throws NodeStartException {
      try {
        return KeyCodec.privateKeyFromPem(
            Files.readString(config.signingKey(), StandardCharsets.US_ASCII));
      } catch (IOException | MalformedInputException e) {
        throw new NodeStartException(
            "signing-key " + config.signingKey() + ": " + e.getMessage(), e);
      }
    }

    private Store openStore() throws NodeStartException {
      Path directory = config.dataDirectory().resolve("store");
      List<ChainSpec> specs =
          chains.all().stream().map(c -> new ChainSpec(c.id(), c.suite().id())).toList();
      try {
        Files.createDirectories(directory);
        StoreOptions defaults = StoreOptions.defaults();
        StoreOptions options =
            new StoreOptions(
                defaults.blockCacheBytes(),
                defaults.writeBufferBytesTotal(),
                defaults.verifyChecksumsOnOpen(),
                defaults.backgroundJobs(),
                config.limits().treeNodeCacheEntries());
        Store store =
            Files.exists(directory.resolve("CURRENT"))
                ? Store.open(directory, options, specs)
                : Store.create(directory, options, specs);
        started.add(store);
        return store;
      } catch (IOException | StoreOpenException e) {
        throw new NodeStartException("data-dir " + directory + ": " + e.getMessage(), e);
      }
    }

    private VerificationPipeline pipeline() {
      List<ChainRules> rules = new ArrayList<>();
      for (ChainSetup chain : chains.all()) {
        rules.add(new LedgerRules(chain));
      }
      PipelineLimits defaults = PipelineLimits.defaults();
      VerificationPipeline pipeline =
          new VerificationPipeline(
              rules,
              new PipelineLimits(
                  config.limits().verifyQueue(),
                  defaults.batchSize(),
                  defaults.cacheEntries(),
                  defaults.threads()));
      started.add(pipeline);
      return pipeline;
    }

    private MempoolLimits mempoolLimits(ChainSetup chain) {
      NodeConfig.Limits limits = config.limits();
      return new MempoolLimits(
          limits.mempoolTransactions(),
          (long) limits.mempoolTransactions() * chain.maxTransactionBytes() / 4
              + chain.maxTransactionBytes(),
          Math.min(limits.mempoolPerSubmitter(), limits.mempoolTransactions()),
          chain.maxTransactionBytes());
    }

    /** A consensus message must fit a p2p frame with its envelope (chain id, genesis hash). */
    private int messageBytesMax() {
      return TransportLimits.defaults().payloadBytesMax() - 1024;
    }

    private ChainRuntime runtime(
        ChainSetup chain,
        PrivateKey key,
        Store store,
        BlockExecutor executor,
        TransportLink link,
        ScheduledExecutorService timers)
        throws NodeStartException {
      PbftConfig defaults =
          PbftConfig.defaults(
              chain.id(),
              chain.validators(),
              chain.selfIndex(),
              chain.suite(),
              GenesisHashes.blockZero(store, chain),
              chain.checkpointInterval(),
              chain.maxBlockTransactions());
      PbftConfig config = PbftSettings.forNode(defaults, this.config.limits(), messageBytesMax());
      try {
        ChainRuntime runtime =
            new ChainRuntime(
                chain,
                config,
                new SuiteSigner(chain.suite(), key, chain.id(), chain.validators()),
                new ChainRuntime.Dependencies(
                    store.chain(chain.id()),
                    executor,
                    link,
                    timers,
                    clock,
                    this.config.limits().tickMillis(),
                    this.config.limits().consensusQueue()));
        started.add(runtime);
        return runtime;
      } catch (MalformedInputException e) {
        throw new NodeStartException(
            chain.id() + ": the stored consensus state is unreadable: " + e.getMessage(), e);
      }
    }

    /** The vault this node keeps, if its configuration names one. */
    private Optional<Vault> openVault() throws NodeStartException {
      if (config.vault().isEmpty()) {
        return Optional.empty();
      }
      NodeConfig.Vault settings = config.vault().get();
      try {
        return Optional.of(
            Vault.open(
                config.dataDirectory().resolve("vault"),
                VaultKey.load(settings.key()),
                chains.of(org.govchain.subchains.ChainKind.LICENSE).suite(),
                settings.departments(),
                VaultLimits.DEFAULT,
                new java.security.SecureRandom()));
      } catch (VaultKeyException e) {
        throw new NodeStartException("vault.key: " + e.getMessage(), e);
      } catch (VaultOpenException e) {
        throw new NodeStartException("vault: " + e.getMessage(), e);
      }
    }

    private Transport transport(
        PeerRouter router, BlockServer blocks, NodeVaultGateway vaults, MeterRegistry registry)
        throws NodeStartException {
      try {
        TlsMaterial tls =
            TlsMaterial.fromPem(
                Files.readString(config.tls().key()),
                Files.readString(config.tls().certificate()),
                Files.readString(config.tls().authority()));
        if (!tls.nodeId().equals(config.nodeId())) {
          throw new NodeStartException(
              "tls.certificate names node " + tls.nodeId() + ", but node-id is " + config.nodeId());
        }
        MembershipPins pins = MembershipPins.fromValidatorSets(chains.validatorSets());
        Transport built =
            Transport.builder(tls, pins)
                .listenAddress(config.listen().p2p().toSocketAddress())
                .metrics(new P2pMetrics(registry))
                .messageHandler(router)
                .requestHandler("blocks.fetch", blocks)
                .requestHandler(NodeVaultGateway.METHOD, vaults)
                .build();
        started.add(built);
        return built;
      } catch (IOException | MalformedInputException e) {
        throw new NodeStartException("tls: " + e.getMessage(), e);
      }
    }

    private void startTransport() throws NodeStartException {
      try {
        p2pAddress = transport.start();
      } catch (IOException e) {
        throw new NodeStartException(
            "listen.p2p " + config.listen().p2p() + ": " + e.getMessage(), e);
      }
      Map<NodeId, InetSocketAddress> addresses = new LinkedHashMap<>();
      config.peers().forEach((node, address) -> addresses.put(node, address.toSocketAddress()));
      transport.connect(addresses);
    }

    private Server startGrpc(List<io.grpc.BindableService> services) throws NodeStartException {
      try {
        Server server = GrpcServers.start(config, services);
        started.add(() -> GrpcServers.stop(server));
        return server;
      } catch (IOException e) {
        throw new NodeStartException(
            "listen.grpc " + config.listen().grpc() + ": " + e.getMessage(), e);
      }
    }

    private MetricsServer startMetrics(PrometheusMeterRegistry registry) throws NodeStartException {
      try {
        MetricsServer server =
            new MetricsServer(config.listen().metrics().toSocketAddress(), registry);
        started.add(server);
        return server;
      } catch (IOException e) {
        throw new NodeStartException(
            "listen.metrics " + config.listen().metrics() + ": " + e.getMessage(), e);
      }
    }

    private void bindGauges(MeterRegistry registry, VerificationPipeline pipeline) {
      Gauge.builder("govchain.pipeline.queue", pipeline, VerificationPipeline::queueDepth)
          .register(registry);
      io.micrometer.core.instrument.FunctionCounter.builder(
              "govchain.pipeline.verifications", pipeline, VerificationPipeline::verifications)
          .register(registry);
      io.micrometer.core.instrument.FunctionCounter.builder(
              "govchain.pipeline.cache.hits", pipeline, VerificationPipeline::cacheHits)
          .register(registry);
      for (ChainSetup chain : chains.all()) {
        ChainRuntime runtime = runtimes.get(chain.id());
        String id = chain.id().value();
        Gauge.builder("govchain.chain.height", runtime, r -> r.view().height())
            .tag("chain", id)
            .register(registry);
        Gauge.builder("govchain.chain.view", runtime, r -> r.view().view())
            .tag("chain", id)
            .register(registry);
        Gauge.builder("govchain.chain.view.changes", runtime, r -> r.view().viewChanges())
            .tag("chain", id)
            .register(registry);
        Gauge.builder("govchain.chain.messages.dropped", runtime, ChainRuntime::droppedMessages)
            .tag("chain", id)
            .register(registry);
        Gauge.builder("govchain.mempool.transactions", mempools.get(chain.id()), Mempool::size)
            .tag("chain", id)
            .register(registry);
        Gauge.builder("govchain.mempool.bytes", mempools.get(chain.id()), Mempool::bytes)
            .tag("chain", id)
            .register(registry);
      }
      Gauge.builder(
              "govchain.p2p.peers.connected",
              transport,
              t -> t.peers().stream().filter(p -> p.connected()).count())
          .register(registry);
    }

    List<PeerStatus> peers() {
      return transport.peers().stream()
          .map(
              p ->
                  PeerStatus.newBuilder()
                      .setNodeId(p.node().value())
                      .setConnected(p.connected())
                      .build())
          .toList();
    }

    void closeQuietly() {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception e) {
          LOG.debug("closing after a failed start: {}", e.toString());
        }
      }
    }

    private static ThreadFactory daemon(String prefix) {
      AtomicInteger count = new AtomicInteger();
      return runnable -> {
        Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
