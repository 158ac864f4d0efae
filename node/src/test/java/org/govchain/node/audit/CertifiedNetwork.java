package org.govchain.node.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.chain.NodeId;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.CommitVote;
import org.govchain.core.proto.Transaction;
import org.govchain.node.chain.BlockExecutor;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.GenesisBootstrap;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.client.Workload;
import org.govchain.node.ingest.ChainRules;
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

/**
 * A four-validator network made by {@link NetworkInit} whose blocks are built here with the node's
 * {@link BlockExecutor} on node 0's real RocksDB store and certified with three validators' real
 * commit votes: a node's data directory without the network around it.
 */
public final class CertifiedNetwork implements AutoCloseable {
  final Path directory;
  final Path data;
  final List<Path> genesisFiles;
  final HostedChains chains;
  final Workload workload;
  private final List<PrivateKey> validatorKeys = new ArrayList<>();
  private final Store store;
  private final VerificationPipeline pipeline;
  private final BlockExecutor executor;
  private long clockMillis = System.currentTimeMillis();
  private boolean closed;

  public CertifiedNetwork(Path directory) throws Exception {
    this.directory = directory;
    List<NetworkInit.NodeEntry> nodes =
        new NetworkInit(NetworkInit.Plan.local(4), directory.resolve("net")).create();
    try (Stream<Path> files = Files.list(directory.resolve("net/genesis"))) {
      this.genesisFiles =
          files.filter(file -> file.toString().endsWith(".genesis")).sorted().toList();
    }
    CryptoSuite suite = CryptoSuite.sm();
    this.workload = new Workload(directory.resolve("net"), Network.parse("haidian"), suite, 7);
    for (NetworkInit.NodeEntry node : nodes) {
      validatorKeys.add(workload.department(node.nodeId()));
    }
    String self = nodes.get(0).nodeId();
    this.chains =
        HostedChains.load(
            "haidian", new NodeId(self), validatorKeys.get(0).publicKey(), genesisFiles);
    this.data = directory.resolve("data");
    List<ChainSpec> specs =
        chains.all().stream().map(c -> new ChainSpec(c.id(), c.suite().id())).toList();
    this.store = Store.create(data.resolve("store"), StoreOptions.defaults(), specs);
    List<ChainRules> rules = new ArrayList<>();
    chains.all().forEach(chain -> rules.add(new LedgerRules(chain)));
    this.pipeline = new VerificationPipeline(rules, new PipelineLimits(1_000, 16, 10_000, 1));
    this.executor = new BlockExecutor(store, chains, pipeline);
    GenesisBootstrap.ensure(store, chains, executor);
  }

  public ChainSetup chain(ChainKind kind) {
    return chains.of(kind);
  }

  /** Builds, certifies and commits the next block of {@code kind}; every candidate must fit. */
  public long commit(ChainKind kind, List<Transaction> candidates) {
    ChainSetup chain = chains.of(kind);
    long height = store.chain(chain.id()).latestHeight() + 1;
    Hash previous =
        org.govchain.core.chain.Blocks.hash(
            chain.suite(), store.chain(chain.id()).block(height - 1).orElseThrow().getHeader());
    clockMillis += 1_000;
    BlockExecutor.Built built = executor.build(chain, height, previous, candidates, clockMillis);
    if (!built.leftOut().isEmpty()) {
      throw new IllegalStateException(built.leftOut().size() + " candidates left out");
    }
    store
        .chain(chain.id())
        .commit(
            BlockCommit.of(
                built.block(),
                certify(chain, height, built.blockHash()),
                built.changes(),
                ConsensusLogUpdate.empty()));
    return height;
  }

  /** A commit certificate for {@code blockHash} at {@code height}: three validators' real votes. */
  CommitCertificate certify(ChainSetup chain, long height, Hash blockHash) {
    CommitCertificate.Builder certificate =
        CommitCertificate.newBuilder()
            .setChainId(chain.id().value())
            .setView(0)
            .setHeight(height)
            .setBlockHash(blockHash.toByteString());
    for (int index = 0; index < 3; index++) {
      certificate.addVotes(
          CommitVote.newBuilder()
              .setValidatorIndex(index)
              .setSignature(
                  CommitCertificates.signVote(
                          chain.suite(), validatorKeys.get(index), chain.id(), 0, height, blockHash)
                      .toByteString()));
    }
    return certificate.build();
  }

  /** {@code count} licence issues of new enterprises from {@code firstHolder} on. */
  public List<Transaction> licenceIssues(int firstHolder, int count) {
    List<Transaction> issues = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      issues.add(
          workload
              .issue(workload.population().enterprise(firstHolder + i), "business_licence")
              .transaction());
    }
    return issues;
  }

  /** Node 0's store. */
  public HostedChains chains() {
    return chains;
  }

  public Store store() {
    return store;
  }

  /** Closes the store (the node stops): its directory can then be opened by an auditor. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pipeline.close();
    store.close();
  }
}
