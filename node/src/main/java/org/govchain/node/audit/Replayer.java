package org.govchain.node.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.node.chain.BlockExecutor;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.GenesisBootstrap;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.ingest.ChainRules;
import org.govchain.node.ingest.PipelineLimits;
import org.govchain.node.ingest.VerificationPipeline;
import org.govchain.node.runtime.LedgerRules;
import org.govchain.storage.ChainSpec;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOpenException;
import org.govchain.storage.StoreOptions;

/**
 * Re-verifies the history of one or more chains from their blocks alone, trusting only the genesis
 * files: every hash link, every commit certificate against the genesis validator set, every
 * transaction signature (on all cores, ahead of execution), and every block by re-executing it with
 * the node's own {@link BlockExecutor} into a scratch RocksDB store, which checks the header rules,
 * the anchors, every transaction's validity and the state root. Chains are replayed interleaved, a
 * block waiting until the blocks its anchors name have been replayed. The first inconsistency, in
 * replay order, ends the replay with a {@link ReplayException}.
 */
public final class Replayer {
  /** Transactions read ahead per chain and verified while earlier blocks execute. */
  public static final int DEFAULT_LOOKAHEAD_TRANSACTIONS = 8_192;

  private final HostedChains chains;
  private final Path scratchParent;
  private final int threads;
  private final int lookaheadTransactions;

  /**
   * @param scratchParent where the scratch store's temporary directory is made (and deleted after)
   * @param threads verification threads (the cores to use)
   */
  public Replayer(HostedChains chains, Path scratchParent, int threads, int lookaheadTransactions) {
    if (threads < 1 || lookaheadTransactions < 1) {
      throw new IllegalArgumentException("threads and lookahead must be positive");
    }
    this.chains = chains;
    this.scratchParent = scratchParent;
    this.threads = threads;
    this.lookaheadTransactions = lookaheadTransactions;
  }

  /**
   * Replays {@code sources} (at most one per chain, each from height 0); the caller closes them.
   */
  public ReplayReport replay(List<ChainSource> sources)
      throws ReplayException, IOException, StoreOpenException {
    long start = System.nanoTime();
    Map<ChainId, ChainSource> byChain = ordered(sources);
    Path scratch = Files.createTempDirectory(scratchParent, "govchain-replay-");
    PipelineLimits limits = pipelineLimits(byChain.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, Replayer::daemon);
    try (Store store = Store.create(scratch.resolve("store"), scratchOptions(), specs());
        VerificationPipeline pipeline = new VerificationPipeline(rules(), limits)) {
      BlockExecutor executor = new BlockExecutor(store, chains, pipeline);
      GenesisBootstrap.ensure(store, chains, executor);
      List<ChainCursor> cursors = new ArrayList<>();
      for (ChainSource source : byChain.values()) {
        ChainSetup setup = chains.get(source.chain()).orElseThrow();
        ChainCursor cursor = new ChainCursor(setup, source, pipeline, pool, lookaheadTransactions);
        startAtGenesis(cursor, store);
        cursors.add(cursor);
      }
      new ReplayLoop(store, executor, cursors).run();
      boolean compared = false;
      for (ChainCursor cursor : cursors) {
        compared |= StoredStateCheck.compare(cursor, store);
      }
      List<ReplayReport.ChainSummary> summaries = new ArrayList<>();
      cursors.forEach(cursor -> summaries.add(cursor.summary()));
      return new ReplayReport(
          summaries, System.nanoTime() - start, pipeline.verifications(), compared);
    } catch (GenesisBootstrap.GenesisMismatchException e) {
      throw new IllegalStateException("a fresh scratch store holds a genesis", e);
    } finally {
      pool.shutdownNow();
      deleteRecursively(scratch);
    }
  }

  /** The sources in genesis order; each chain hosted, named once, its genesis the given one. */
  private Map<ChainId, ChainSource> ordered(List<ChainSource> sources) throws ReplayException {
    Map<ChainId, ChainSource> given = new LinkedHashMap<>();
    for (ChainSource source : sources) {
      ChainSetup setup = chains.get(source.chain()).orElse(null);
      if (setup == null) {
        throw new ReplayException(
            source.chain(),
            0,
            ReplayProblem.GENESIS_MISMATCH,
            "no genesis file given for this chain");
      }
      if (given.put(source.chain(), source) != null) {
        throw new IllegalArgumentException("chain " + source.chain() + " is given twice");
      }
      if (!source.genesisHash().equals(setup.genesisHash())) {
        throw new ReplayException(
            source.chain(),
            0,
            ReplayProblem.GENESIS_MISMATCH,
            "made from genesis "
                + source.genesisHash().shortHex()
                + ", the genesis file is "
                + setup.genesisHash().shortHex());
      }
    }
    Map<ChainId, ChainSource> ordered = new LinkedHashMap<>();
    for (ChainSetup setup : chains.all()) {
      if (given.containsKey(setup.id())) {
        ordered.put(setup.id(), given.get(setup.id()));
      }
    }
    return ordered;
  }

  /** Block 0 of the source must be the block the genesis executes to, byte for byte. */
  private static void startAtGenesis(ChainCursor cursor, Store store) throws ReplayException {
    ChainId chain = cursor.setup().id();
    if (cursor.done()) {
      throw new ReplayException(chain, 0, ReplayProblem.UNREADABLE, "the source holds no block");
    }
    ChainCursor.Pending first = cursor.peek();
    if (first.failure() != null) {
      throw first.failure();
    }
    if (first.block().height() != 0) {
      throw new ReplayException(
          chain,
          first.block().height(),
          ReplayProblem.UNREADABLE,
          "the source starts at height "
              + first.block().height()
              + ": a replay needs every block from 0 (export with --from 0)");
    }
    Block executed = store.chain(chain).block(0).orElseThrow();
    if (!executed.equals(first.block().block())) {
      throw new ReplayException(
          chain,
          0,
          ReplayProblem.GENESIS_MISMATCH,
          "block 0 is not the block the genesis file's content executes to");
    }
    if (first.block().certificate().isPresent()) {
      throw new ReplayException(
          chain, 0, ReplayProblem.CERTIFICATE, "block 0 (genesis) carries a certificate");
    }
    Hash hash = Blocks.hash(cursor.setup().suite(), executed.getHeader());
    StoredStateCheck.checkRoot(cursor, 0, executed.getHeader());
    cursor.startAfterGenesis(hash);
  }

  private List<ChainRules> rules() {
    List<ChainRules> rules = new ArrayList<>();
    chains.all().forEach(chain -> rules.add(new LedgerRules(chain)));
    return rules;
  }

  private List<ChainSpec> specs() {
    return chains.all().stream().map(c -> new ChainSpec(c.id(), c.suite().id())).toList();
  }

  private PipelineLimits pipelineLimits(int sources) {
    int perChain = lookaheadTransactions;
    for (ChainSetup chain : chains.all()) {
      perChain = Math.max(perChain, lookaheadTransactions + chain.maxBlockTransactions());
    }
    int queue = Math.max(1, sources) * perChain;
    return new PipelineLimits(queue, 64, Math.max(200_000, 4 * queue), threads);
  }

  private static StoreOptions scratchOptions() {
    // Thrown away after the run: no WAL, no sync (StoreOptions.durableWrites).
    return new StoreOptions(64L << 20, 64L << 20, false, 2, 200_000, false);
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "govchain-replay-certificates");
    thread.setDaemon(true);
    return thread;
  }

  private static void deleteRecursively(Path directory) throws IOException {
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
