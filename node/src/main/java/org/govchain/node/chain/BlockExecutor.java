package org.govchain.node.chain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.govchain.core.Invariants;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.merkle.MerkleTree;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.ChainAnchor;
import org.govchain.core.proto.Transaction;
import org.govchain.core.state.StateReader;
import org.govchain.node.ingest.IngestOutcome;
import org.govchain.node.ingest.VerificationPipeline;
import org.govchain.storage.StateChanges;
import org.govchain.storage.StateLimitExceededException;
import org.govchain.storage.StateOverlay;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.StoreSnapshot;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.ExecutionContext;
import org.govchain.subchains.Verdict;

/**
 * Executes blocks: builds a proposal from candidate transactions (leaving out those that fail),
 * validates a proposed block by re-executing it, and executes genesis content. All on a
 * copy-on-write overlay over one consistent snapshot of the store; nothing is written here.
 *
 * <p>The node-level rules every validator applies, on top of the ledgers': a transaction's own
 * clock may be at most {@value #TRANSACTION_AHEAD_MILLIS} ms ahead of the block time and at most
 * {@value #TRANSACTION_AGE_MILLIS} ms behind it; a block's time never decreases and is at most
 * {@value #BLOCK_AHEAD_MILLIS} ms ahead of the validator's clock; cross-chain reads are pinned by
 * the header's anchors, which never move back.
 */
public final class BlockExecutor {
  public static final long TRANSACTION_AHEAD_MILLIS = 5 * 60_000L;
  public static final long TRANSACTION_AGE_MILLIS = 24 * 3_600_000L;
  public static final long BLOCK_AHEAD_MILLIS = 30_000L;

  private final Store store;
  private final HostedChains chains;
  private final VerificationPipeline verifier;

  /**
   * A block this node built: the block, its hash, its state changes, and the candidates left out
   * because they are malformed, outside the time window or refused by the ledger.
   */
  public record Built(
      Block block, Hash blockHash, StateChanges changes, List<Transaction> leftOut) {}

  public BlockExecutor(Store store, HostedChains chains, VerificationPipeline verifier) {
    this.store = store;
    this.chains = chains;
    this.verifier = verifier;
  }

  /**
   * Builds block {@code height} on the latest committed block of {@code chain} (which must be
   * {@code previousHash}) from {@code candidates}, in order, leaving out those that fail.
   */
  public Built build(
      ChainSetup chain,
      long height,
      Hash previousHash,
      List<Transaction> candidates,
      long nowMillis) {
    try (StoreSnapshot snapshot = store.snapshot()) {
      BlockHeader parent = parentHeader(snapshot, chain, height, previousHash);
      long time = Math.max(nowMillis, parent.getTimestampMillis());
      List<DecodedTransaction> decoded = new ArrayList<>();
      List<Transaction> leftOut = new ArrayList<>();
      for (Transaction candidate : candidates) {
        DecodedTransaction transaction = verified(chain, candidate);
        if (transaction == null
            || !withinWindow(transaction, time)
            || decoded.size() >= chain.maxBlockTransactions()) {
          leftOut.add(candidate);
        } else {
          decoded.add(transaction);
        }
      }
      Map<ChainKind, Long> anchors = latestAnchors(snapshot, chain, decoded, parent);
      try (Execution execution = Execution.open(snapshot, chains, chain, height, time, anchors)) {
        List<DecodedTransaction> included = new ArrayList<>();
        for (DecodedTransaction transaction : decoded) {
          if (execution.applyVerified(transaction) == null) {
            included.add(transaction);
          } else {
            leftOut.add(transaction.transaction());
          }
        }
        StateChanges changes = execution.changes();
        Block block =
            assemble(
                chain, height, previousHash, time, included, changes.root(), snapshot, anchors);
        return new Built(block, Blocks.hash(chain.suite(), block.getHeader()), changes, leftOut);
      }
    }
  }

  /** Re-executes a proposed block on the latest committed state and compares every header field. */
  public Validation validate(ChainSetup chain, Block block, long nowMillis, boolean certified) {
    return validate(chain, block, nowMillis, certified, null);
  }

  /**
   * {@link #validate} for a block whose transactions the caller already had the verification
   * pipeline decode, check and signature-verify: {@code verified.get(i)} is the pipeline's verified
   * outcome for the block's very transaction {@code i} (replay, which reads blocks ahead and
   * verifies them on all cores). Their ids and decoded forms are taken as they are: nothing is
   * encoded, hashed or looked up again. Every rule is still applied.
   */
  public Validation validateVerified(
      ChainSetup chain,
      Block block,
      long nowMillis,
      boolean certified,
      List<DecodedTransaction> verified) {
    Invariants.argument(
        verified.size() == block.getTransactionsCount(),
        "%s verified transactions for a block of %s",
        verified.size(),
        block.getTransactionsCount());
    for (int i = 0; i < verified.size(); i++) {
      Transaction decodedFrom = verified.get(i).transaction();
      Transaction inBlock = block.getTransactions(i);
      Invariants.argument(
          decodedFrom == inBlock || decodedFrom.equals(inBlock),
          "verified transaction %s is not the block's",
          i);
    }
    return validate(chain, block, nowMillis, certified, verified);
  }

  private Validation validate(
      ChainSetup chain,
      Block block,
      long nowMillis,
      boolean certified,
      List<DecodedTransaction> verified) {
    try (StoreSnapshot snapshot = store.snapshot()) {
      BlockHeader header = block.getHeader();
      long latest = snapshot.latestHeight(chain.id());
      if (header.getHeight() != latest + 1) {
        return new Validation.Invalid(
            "block height "
                + header.getHeight()
                + " does not follow the committed height "
                + latest);
      }
      BlockHeader parent = snapshot.block(chain.id(), latest).orElseThrow().getHeader();
      List<Hash> ids = verified == null ? null : idsOf(verified);
      String problem = HeaderRules.check(chain, header, parent, block, ids, nowMillis, certified);
      if (problem != null) {
        return new Validation.Invalid(problem);
      }
      Map<ChainKind, Long> anchors = new EnumMap<>(ChainKind.class);
      Validation anchorProblem = AnchorRules.check(chains, snapshot, header, parent, anchors);
      if (anchorProblem != null) {
        return anchorProblem;
      }
      return reexecute(chain, block, verified, snapshot, anchors);
    }
  }

  private static List<Hash> idsOf(List<DecodedTransaction> transactions) {
    List<Hash> ids = new ArrayList<>(transactions.size());
    for (DecodedTransaction transaction : transactions) {
      ids.add(transaction.id());
    }
    return ids;
  }

  private Validation reexecute(
      ChainSetup chain,
      Block block,
      List<DecodedTransaction> verified,
      StoreSnapshot snapshot,
      Map<ChainKind, Long> anchors) {
    BlockHeader header = block.getHeader();
    try (Execution execution =
        Execution.open(
            snapshot, chains, chain, header.getHeight(), header.getTimestampMillis(), anchors)) {
      for (int i = 0; i < block.getTransactionsCount(); i++) {
        DecodedTransaction transaction =
            verified != null ? verified.get(i) : verified(chain, block.getTransactions(i));
        if (transaction == null) {
          return new Validation.Invalid("transaction " + i + " is malformed or wrongly signed");
        }
        if (!withinWindow(transaction, header.getTimestampMillis())) {
          return new Validation.Invalid("transaction " + i + " is outside the block time's window");
        }
        for (ChainKind read : chain.ledger().reads(transaction.type())) {
          if (!anchors.containsKey(read)) {
            return new Validation.Invalid(
                "transaction "
                    + i
                    + " ("
                    + transaction.type()
                    + ") reads "
                    + read
                    + ", which no anchor pins");
          }
        }
        String refusal = execution.applyVerified(transaction);
        if (refusal != null) {
          return new Validation.Invalid("transaction " + i + " is refused: " + refusal);
        }
      }
      StateChanges changes = execution.changes();
      Hash claimed = Hash.of(header.getStateRoot().toByteArray());
      if (!changes.root().equals(claimed)) {
        return new Validation.Invalid(
            "state root "
                + claimed.shortHex()
                + " differs from the re-executed "
                + changes.root().shortHex());
      }
      return new Validation.Valid(changes);
    } catch (StateLimitExceededException e) {
      return new Validation.Invalid("the block writes too much: " + e.getMessage());
    }
  }

  /** Executes a chain's genesis transactions (all must be accepted) as block 0. */
  public Built genesis(ChainSetup chain) {
    long time = chain.genesis().getTimestampMillis();
    try (StoreSnapshot snapshot = store.snapshot()) {
      Invariants.check(
          snapshot.latestHeight(chain.id()) == -1,
          "genesis of %s over a non-empty chain",
          chain.id());
      List<DecodedTransaction> decoded = new ArrayList<>();
      for (Transaction transaction : chain.genesis().getTransactionsList()) {
        DecodedTransaction verifiedTransaction = verified(chain, transaction);
        if (verifiedTransaction == null) {
          throw new IllegalStateException(
              chain.id() + ": a genesis transaction is malformed or wrongly signed");
        }
        decoded.add(verifiedTransaction);
      }
      Map<ChainKind, Long> anchors = new EnumMap<>(ChainKind.class);
      for (DecodedTransaction transaction : decoded) {
        for (ChainKind read : chain.ledger().reads(transaction.type())) {
          anchors.put(read, 0L);
        }
      }
      try (Execution execution = Execution.open(snapshot, chains, chain, 0, time, anchors)) {
        for (DecodedTransaction transaction : decoded) {
          String refusal = execution.applyVerified(transaction);
          if (refusal != null) {
            throw new IllegalStateException(
                chain.id() + ": a genesis transaction is refused: " + refusal);
          }
        }
        StateChanges changes = execution.changes();
        Block block =
            assemble(chain, 0, Hash.ZERO, time, decoded, changes.root(), snapshot, anchors);
        return new Built(block, Blocks.hash(chain.suite(), block.getHeader()), changes, List.of());
      }
    }
  }

  /**
   * Would {@code transaction} be accepted if it were executed now, alone, on the latest committed
   * state? Null if so, else why not. Answers a client at once instead of leaving it to wait for a
   * commit that will never come.
   */
  public String precheck(ChainSetup chain, DecodedTransaction transaction, long nowMillis) {
    if (!withinWindow(transaction, nowMillis)) {
      return "transaction time "
          + transaction.timestampMillis()
          + " is outside the accepted window around now ("
          + nowMillis
          + "): at most 5 minutes ahead, 24 hours behind";
    }
    try (StoreSnapshot snapshot = store.snapshot()) {
      long height = snapshot.latestHeight(chain.id()) + 1;
      Map<ChainKind, Long> anchors = new EnumMap<>(ChainKind.class);
      for (ChainKind read : chain.ledger().reads(transaction.type())) {
        anchors.put(read, snapshot.latestHeight(chains.of(read).id()));
      }
      try (Execution execution =
          Execution.open(snapshot, chains, chain, height, nowMillis, anchors)) {
        return execution.apply(transaction);
      }
    }
  }

  private DecodedTransaction verified(ChainSetup chain, Transaction transaction) {
    IngestOutcome outcome =
        verifier.verifyNow(chain.id(), Canonical.encodeToByteString(transaction));
    return outcome instanceof IngestOutcome.Verified verifiedOutcome
        ? verifiedOutcome.transaction()
        : null;
  }

  static boolean withinWindow(DecodedTransaction transaction, long blockTimeMillis) {
    long stamp = transaction.timestampMillis();
    return stamp <= blockTimeMillis + TRANSACTION_AHEAD_MILLIS
        && stamp >= blockTimeMillis - TRANSACTION_AGE_MILLIS;
  }

  private static BlockHeader parentHeader(
      StoreSnapshot snapshot, ChainSetup chain, long height, Hash previousHash) {
    long latest = snapshot.latestHeight(chain.id());
    Invariants.check(
        latest == height - 1, "building height %d over committed height %d", height, latest);
    Block parent = snapshot.block(chain.id(), latest).orElseThrow();
    Invariants.check(
        Blocks.hash(chain.suite(), parent.getHeader()).equals(previousHash),
        "building on %s, which is not the committed block",
        previousHash);
    return parent.getHeader();
  }

  /**
   * Pins, for every chain the transactions read, its latest committed height (never below the
   * parent's).
   */
  private Map<ChainKind, Long> latestAnchors(
      StoreSnapshot snapshot,
      ChainSetup chain,
      List<DecodedTransaction> transactions,
      BlockHeader parent) {
    Map<ChainKind, Long> anchors = new EnumMap<>(ChainKind.class);
    for (ChainAnchor previous : parent.getAnchorsList()) {
      chains
          .get(new ChainId(previous.getChainId()))
          .ifPresent(c -> anchors.put(c.kind(), previous.getHeight()));
    }
    for (DecodedTransaction transaction : transactions) {
      for (ChainKind read : chain.ledger().reads(transaction.type())) {
        anchors.put(read, snapshot.latestHeight(chains.of(read).id()));
      }
    }
    // A chain pinned by the parent stays pinned, at its latest height, so anchors never move back.
    anchors.replaceAll(
        (kind, height) -> Math.max(height, snapshot.latestHeight(chains.of(kind).id())));
    return anchors;
  }

  private Block assemble(
      ChainSetup chain,
      long height,
      Hash previousHash,
      long time,
      List<DecodedTransaction> included,
      Hash stateRoot,
      StoreSnapshot snapshot,
      Map<ChainKind, Long> anchors) {
    List<Hash> ids = new ArrayList<>(included.size());
    Block.Builder block = Block.newBuilder();
    for (DecodedTransaction transaction : included) {
      ids.add(transaction.id());
      block.addTransactions(transaction.transaction());
    }
    BlockHeader.Builder header =
        BlockHeader.newBuilder()
            .setChainId(chain.id().value())
            .setHeight(height)
            .setPreviousHash(previousHash.toByteString())
            .setTimestampMillis(time)
            .setTransactionsRoot(MerkleTree.root(chain.suite(), ids).toByteString())
            .setStateRoot(stateRoot.toByteString())
            .setTransactionCount(included.size())
            // Genesis is the same block on every node: nobody proposed it.
            .setProposerIndex(height == 0 ? 0 : chain.selfIndex());
    TreeMap<String, ChainAnchor> sorted = new TreeMap<>();
    for (Map.Entry<ChainKind, Long> anchor : anchors.entrySet()) {
      ChainSetup other = chains.of(anchor.getKey());
      Block anchored = snapshot.block(other.id(), anchor.getValue()).orElseThrow();
      sorted.put(
          other.id().value(),
          ChainAnchor.newBuilder()
              .setChainId(other.id().value())
              .setHeight(anchor.getValue())
              .setBlockHash(Blocks.hash(other.suite(), anchored.getHeader()).toByteString())
              .build());
    }
    header.addAllAnchors(sorted.values());
    return block.setHeader(header).build();
  }

  /** One block's execution: the overlay, the anchored views, and their cleanup. */
  private static final class Execution implements AutoCloseable {
    private final List<StateView> views = new ArrayList<>();
    private final ChainSetup chain;
    private final StateOverlay overlay;
    private final ExecutionContext context;

    private Execution(
        StoreSnapshot snapshot,
        HostedChains chains,
        ChainSetup chain,
        long height,
        long time,
        Map<ChainKind, Long> anchors) {
      this.chain = chain;
      StateView base = snapshot.state(chain.id(), height - 1);
      views.add(base);
      Map<ChainKind, StateReader> anchored = new EnumMap<>(ChainKind.class);
      for (Map.Entry<ChainKind, Long> anchor : anchors.entrySet()) {
        StateView view = snapshot.state(chains.of(anchor.getKey()).id(), anchor.getValue());
        views.add(view);
        anchored.put(anchor.getKey(), new RememberingReader(view));
      }
      this.overlay = StateOverlay.over(base);
      this.context = new ExecutionContext(height, time, overlay, anchored);
    }

    static Execution open(
        StoreSnapshot snapshot,
        HostedChains chains,
        ChainSetup chain,
        long height,
        long time,
        Map<ChainKind, Long> anchors) {
      return new Execution(snapshot, chains, chain, height, time, anchors);
    }

    /** Applies one transaction; null if accepted, else the refusal (and nothing changed). */
    String apply(DecodedTransaction transaction) {
      int mark = overlay.mark();
      return settle(mark, chain.ledger().execute(transaction, context));
    }

    /**
     * {@link #apply} for a transaction the verification pipeline gave back as verified: the
     * pipeline ran the ledger's stateless check on these very bytes, so execution does not repeat
     * it (for a licence issue, a second SM2 verification of the issuer's signature).
     */
    String applyVerified(DecodedTransaction transaction) {
      int mark = overlay.mark();
      return settle(mark, chain.ledger().executeChecked(transaction, context));
    }

    private String settle(int mark, Verdict verdict) {
      if (verdict instanceof Verdict.Refused refused) {
        overlay.rollbackTo(mark);
        return refused.code() + ": " + refused.message();
      }
      return null;
    }

    StateChanges changes() {
      return overlay.changes();
    }

    @Override
    public void close() {
      for (StateView view : views) {
        view.close();
      }
    }
  }
}
