package org.govchain.benchmarks.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.chain.NodeId;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.CommitVote;
import org.govchain.core.proto.Transaction;
import org.govchain.node.audit.DataDirectory;
import org.govchain.node.audit.Exporter;
import org.govchain.node.chain.BlockExecutor;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.GenesisBootstrap;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.client.Workload;
import org.govchain.node.ingest.ChainRules;
import org.govchain.node.ingest.IngestOutcome;
import org.govchain.node.ingest.PipelineLimits;
import org.govchain.node.ingest.VerificationPipeline;
import org.govchain.node.network.NetworkInit;
import org.govchain.node.runtime.LedgerRules;
import org.govchain.storage.BlockCommit;
import org.govchain.storage.ChainSpec;
import org.govchain.storage.ConsensusLogUpdate;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOptions;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Network;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.license.LicenseLedger;
import org.govchain.subchains.population.IssuedLicense;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;

/**
 * The replay harness's input: a four-validator network from {@link NetworkInit} whose licence chain
 * gets blocks of real licence issues (SM2-signed by the issuing department, each carrying the
 * department's SM2 signature over the licence) and, with an identity share above 0, whose identity
 * chain gets blocks of real {@code identity.record_verification} transactions (signed by the
 * genesis kiosk terminals, one signature each), built with the node's {@link BlockExecutor} on
 * RocksDB and certified by three validators' real votes; then exported, all five chains, and
 * cached: a later run with the same size and mix reuses the files.
 */
final class ReplayExports {
  private static final String DONE = "exports.done";
  private static final int BLOCK_TRANSACTIONS = 1_000;

  /** Past the enterprises the genesis content already licenses. */
  private static final int FIRST_ENTERPRISE = 1_000_000;

  private ReplayExports() {}

  /** The cached (or freshly made) exports and genesis files under {@code directory}. */
  record Made(List<Path> exports, List<Path> genesis) {}

  /**
   * @param identityPercent the share of the transactions (0..100) that are identity verifications,
   *     the rest licence issues: per 1,000 transactions, one licence block and one identity block
   */
  static Made ensure(Path directory, int transactions, int identityPercent) throws Exception {
    if (identityPercent < 0 || identityPercent > 100) {
      throw new IllegalArgumentException("the identity share is a percentage");
    }
    Path done = directory.resolve(DONE);
    String marker =
        identityPercent == 0
            ? Integer.toString(transactions)
            : transactions + " " + identityPercent;
    if (Files.exists(done) && Files.readString(done).strip().equals(marker)) {
      return found(directory);
    }
    deleteRecursively(directory);
    Files.createDirectories(directory);
    generate(directory, transactions, identityPercent);
    Files.writeString(done, marker, StandardCharsets.US_ASCII);
    return found(directory);
  }

  private static Made found(Path directory) throws IOException {
    return new Made(list(directory.resolve("exports"), ".export"), genesisFiles(directory));
  }

  private static List<Path> genesisFiles(Path directory) throws IOException {
    return list(directory.resolve("net/genesis"), ".genesis");
  }

  private static List<Path> list(Path directory, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static void generate(Path directory, int transactions, int identityPercent)
      throws Exception {
    long start = System.nanoTime();
    List<NetworkInit.NodeEntry> nodes =
        new NetworkInit(NetworkInit.Plan.local(4), directory.resolve("net")).create();
    Workload workload =
        new Workload(directory.resolve("net"), Network.parse("haidian"), CryptoSuite.sm(), 11);
    List<PrivateKey> validators = new ArrayList<>();
    for (NetworkInit.NodeEntry node : nodes) {
      validators.add(workload.department(node.nodeId()));
    }
    HostedChains chains =
        HostedChains.load(
            "haidian",
            new NodeId(nodes.get(0).nodeId()),
            validators.get(0).publicKey(),
            genesisFiles(directory));
    Path data = directory.resolve("data");
    List<ChainSpec> specs =
        chains.all().stream().map(c -> new ChainSpec(c.id(), c.suite().id())).toList();
    List<ChainRules> rules = new ArrayList<>();
    chains.all().forEach(chain -> rules.add(new LedgerRules(chain)));
    int threads = Runtime.getRuntime().availableProcessors();
    try (Store store = Store.create(data.resolve("store"), StoreOptions.defaults(), specs);
        VerificationPipeline pipeline =
            new VerificationPipeline(rules, new PipelineLimits(4_000, 64, 20_000, threads))) {
      BlockExecutor executor = new BlockExecutor(store, chains, pipeline);
      GenesisBootstrap.ensure(store, chains, executor);
      ChainSetup licence = chains.of(ChainKind.LICENSE);
      ChainSetup identity = chains.of(ChainKind.IDENTITY);
      Map<String, PrivateKey> issuers = new HashMap<>();
      for (DataSet.Department department : workload.data().departments()) {
        issuers.put(department.code(), workload.department(department.nodeId()));
      }
      List<PrivateKey> terminals = new ArrayList<>();
      for (DataSet.Terminal terminal : workload.data().terminals()) {
        terminals.add(workload.terminal(terminal.terminalId()));
      }
      long nonceBase = System.currentTimeMillis() * 1000;
      int licences = 0;
      int verifications = 0;
      for (int first = 0; first < transactions; first += BLOCK_TRANSACTIONS) {
        int count = Math.min(BLOCK_TRANSACTIONS, transactions - first);
        int identityCount = count * identityPercent / 100;
        int licenceCount = count - identityCount;
        if (licenceCount > 0) {
          List<Transaction> issues =
              issues(workload, issuers, nonceBase, FIRST_ENTERPRISE + licences, licenceCount);
          verifyAndCommit(store, executor, pipeline, licence, validators, issues);
          licences += licenceCount;
        }
        if (identityCount > 0) {
          List<Transaction> records =
              verifications(workload, terminals, nonceBase, verifications, identityCount);
          verifyAndCommit(store, executor, pipeline, identity, validators, records);
          verifications += identityCount;
        }
      }
    }
    try (DataDirectory opened = DataDirectory.open(data, chains)) {
      Files.createDirectories(directory.resolve("exports"));
      for (ChainSetup chain : chains.all()) {
        Path file = directory.resolve("exports").resolve(chain.id().value() + ".export");
        Exporter.export(opened, chain, 0, -1, file);
      }
    }
    deleteRecursively(data);
    System.out.printf(
        "generated %d transactions (%d%% identity verifications) in %.1f s%n",
        transactions, identityPercent, (System.nanoTime() - start) / 1e9);
  }

  /** Verified on every core first, so that building the block finds every outcome cached. */
  private static void verifyAndCommit(
      Store store,
      BlockExecutor executor,
      VerificationPipeline pipeline,
      ChainSetup chain,
      List<PrivateKey> validators,
      List<Transaction> transactions) {
    List<CompletableFuture<IngestOutcome>> outcomes = new ArrayList<>();
    for (Transaction transaction : transactions) {
      outcomes.add(pipeline.submit(chain.id(), Canonical.encodeToByteString(transaction)));
    }
    outcomes.forEach(CompletableFuture::join);
    commit(store, executor, chain, validators, transactions);
  }

  /**
   * Identity verifications (a citizen checked at a kiosk: ID card and face), each signed by a
   * genesis terminal in turn, on all cores; each terminal's nonces follow the list's order.
   */
  private static List<Transaction> verifications(
      Workload workload, List<PrivateKey> terminals, long nonceBase, int first, int count) {
    long now = System.currentTimeMillis();
    return IntStream.range(first, first + count)
        .parallel()
        .mapToObj(
            i -> {
              byte[] seed = ("replay subject " + i).getBytes(StandardCharsets.UTF_8);
              RecordVerification record =
                  RecordVerification.newBuilder()
                      .setSubject(workload.suite().hash(seed).toByteString())
                      .setMethod(VerificationMethod.ID_CARD_AND_FACE)
                      .setAssurance(AssuranceLevel.HIGH)
                      .setVerifiedAtMillis(now)
                      .setResult(VerificationResult.PASSED)
                      .build();
              return workload.transaction(
                  ChainKind.IDENTITY,
                  IdentityLedger.RECORD_VERIFICATION,
                  record,
                  terminals.get(i % terminals.size()),
                  nonceBase + i);
            })
        .toList();
  }

  /**
   * Licence issues of new enterprises, signed on every core; nonces follow the list's order (the
   * ledger wants each submitter's nonces increasing).
   */
  private static List<Transaction> issues(
      Workload workload, Map<String, PrivateKey> issuers, long nonceBase, int first, int count) {
    long now = System.currentTimeMillis();
    return IntStream.range(first, first + count)
        .parallel()
        .mapToObj(
            i -> {
              IssuedLicense issued =
                  workload
                      .population()
                      .issue(workload.population().enterprise(i), "business_licence", issuers, now);
              PrivateKey issuer = issuers.get(issued.signed().getContent().getIssuerCode());
              return workload.transaction(
                  ChainKind.LICENSE, LicenseLedger.ISSUE, issued.signed(), issuer, nonceBase + i);
            })
        .toList();
  }

  private static void commit(
      Store store,
      BlockExecutor executor,
      ChainSetup chain,
      List<PrivateKey> validators,
      List<Transaction> candidates) {
    long height = store.chain(chain.id()).latestHeight() + 1;
    Hash previous =
        Blocks.hash(
            chain.suite(), store.chain(chain.id()).block(height - 1).orElseThrow().getHeader());
    BlockExecutor.Built built =
        executor.build(chain, height, previous, candidates, System.currentTimeMillis());
    if (!built.leftOut().isEmpty()) {
      throw new IllegalStateException(built.leftOut().size() + " issues left out of a block");
    }
    CommitCertificate.Builder certificate =
        CommitCertificate.newBuilder()
            .setChainId(chain.id().value())
            .setHeight(height)
            .setBlockHash(built.blockHash().toByteString());
    for (int index = 0; index < 3; index++) {
      certificate.addVotes(
          CommitVote.newBuilder()
              .setValidatorIndex(index)
              .setSignature(
                  CommitCertificates.signVote(
                          chain.suite(),
                          validators.get(index),
                          chain.id(),
                          0,
                          height,
                          built.blockHash())
                      .toByteString()));
    }
    store
        .chain(chain.id())
        .commit(
            BlockCommit.of(
                built.block(), certificate.build(), built.changes(), ConsensusLogUpdate.empty()));
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
