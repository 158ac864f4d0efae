package org.govchain.pbft;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.govchain.core.Invariants;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Signature;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.CommitVote;
import org.govchain.core.proto.Transaction;
import org.govchain.pbft.Slot.KnownBlock;
import org.govchain.pbft.Slot.Verdict;
import org.govchain.pbft.Slot.VoteRecord;
import org.govchain.pbft.proto.BlockReply;
import org.govchain.pbft.proto.BlockRequest;
import org.govchain.pbft.proto.Checkpoint;
import org.govchain.pbft.proto.CheckpointProof;
import org.govchain.pbft.proto.Commit;
import org.govchain.pbft.proto.NewView;
import org.govchain.pbft.proto.NewViewEntry;
import org.govchain.pbft.proto.PbftMessage;
import org.govchain.pbft.proto.PersistedState;
import org.govchain.pbft.proto.PrePrepare;
import org.govchain.pbft.proto.Prepare;
import org.govchain.pbft.proto.PreparedProof;
import org.govchain.pbft.proto.SlotRecord;
import org.govchain.pbft.proto.ViewChange;

/**
 * One PBFT replica of one chain, as a pure deterministic state machine: {@link #step} takes an
 * {@link Event} and returns the {@link Action}s to carry out, persistence first. It owns no thread,
 * clock, socket, file or random source; equal event sequences give equal action sequences.
 *
 * <p>Sequence numbers are block heights. The primary of view v is replica v mod n; it asks the node
 * to build each block, backups ask the node to validate it before they prepare. A replica prepares
 * height h in view v only once h-1 is prepared in v (or committed), which keeps the blocks of a new
 * view linked (see docs/consensus.md). Not thread-safe: one driver thread steps it.
 */
public final class Replica {
  private final PbftConfig config;
  private final int self;
  private final Signer signer;
  private final Statements statements;
  private final Proofs proofs;
  private final PendingTransactions pending;
  private final FutureBuffer future;
  private final Checkpoints checkpoints;
  private final TreeMap<Long, Slot> slots = new TreeMap<>();
  private final TreeMap<Integer, ViewChange> viewChanges = new TreeMap<>();
  private final TreeMap<Long, Hash> viewEntries = new TreeMap<>();
  private final EnumMap<TimerKind, Long> timers = new EnumMap<>(TimerKind.class);
  private final EnumMap<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
  private final CatchUp catchUp;
  private final PeerBudget budget;
  private final List<Action> out = new ArrayList<>();
  private final List<Action> blocksToPersist = new ArrayList<>();

  private long view;
  private boolean viewActive = true;
  private CheckpointProof stable;
  private long stableSequence;
  private long executed;
  private Hash executedHash;
  private ViewChange myViewChange;
  private NewView myNewView;
  private Checkpoint myCheckpoint;
  private long nextProposal = 1;
  private boolean buildOutstanding;
  private long buildHeight;
  private Hash buildParent;
  private List<Transaction> buildRequested = List.of();
  private int viewChangeAttempts;
  private long timerSequence;
  private boolean dirty;
  private boolean replayWanted;
  private boolean viewChangeTimerArmed;
  private long periodsSinceForward;
  private int requestStrikes;

  private Replica(PbftConfig config, Signer signer) {
    this.config = config;
    this.self = config.self();
    this.signer = signer;
    this.statements = new Statements(config.chain(), config.suite());
    this.proofs = new Proofs(config, statements, signer);
    this.pending =
        new PendingTransactions(
            config.suite(), config.pendingTransactionsMax(), config.recentCommittedMax());
    this.future = new FutureBuffer(config.replicas(), config.futureMessagesPerSenderMax());
    this.checkpoints = new Checkpoints(config.quorum());
    this.catchUp = new CatchUp(config);
    this.budget = new PeerBudget(config.replicas());
    this.stable =
        CheckpointProof.newBuilder()
            .setSequence(0)
            .setBlockHash(config.genesisHash().toByteString())
            .build();
    this.executedHash = config.genesisHash();
  }

  /** A replica with an empty log, at the genesis, in view 0. */
  public static Replica create(PbftConfig config, Signer signer) {
    return new Replica(config, signer);
  }

  /**
   * A replica with no consensus state over a node store that already holds blocks up to {@code
   * executedHeight}: the node crashed after storing a delivery but before storing the first state
   * (deliveries come before the state in a {@link Ready}). Nothing it signed was sent: every
   * message comes after the state.
   */
  public static Replica create(
      PbftConfig config, Signer signer, long executedHeight, Hash executedHash) {
    Replica replica = new Replica(config, signer);
    Invariants.argument(executedHeight >= 0, "executed height %s is negative", executedHeight);
    replica.executed = executedHeight;
    replica.executedHash = executedHash;
    replica.nextProposal = executedHeight + 1;
    return replica;
  }

  /**
   * A replica restarted from the state it persisted, the blocks it persisted (any order; those
   * outside its window are ignored) and the last block the node stored ({@code executedHeight},
   * {@code executedHash}; the genesis if none). Refuses state of another chain or with evidence
   * that does not check.
   */
  public static Replica restore(
      PbftConfig config,
      Signer signer,
      PersistedState state,
      List<Block> blocks,
      long executedHeight,
      Hash executedHash)
      throws MalformedInputException {
    Replica replica = new Replica(config, signer);
    replica.load(state, executedHeight, executedHash);
    replica.loadBlocks(blocks);
    return replica;
  }

  /** Blocks persisted by {@link Action.PersistBlock}: those still in the window are known again. */
  private void loadBlocks(List<Block> blocks) {
    for (Block block : blocks) {
      long height = block.getHeader().getHeight();
      Slot slot = slots.get(height);
      if (slot != null && height > executed) {
        slot.offerBlock(Blocks.hash(config.suite(), block.getHeader()), block, Verdict.UNKNOWN);
      }
    }
  }

  /** Handles one event; returns what to do, a {@link Action.Persist} first if state changed. */
  public Ready step(Event event) {
    Invariants.check(out.isEmpty(), "step re-entered");
    if (event instanceof Event.MessageReceived received) {
      onMessage(received.sender(), received.message());
    } else if (event instanceof Event.TimerFired fired) {
      onTimer(fired.kind(), fired.timerId());
    } else if (event instanceof Event.TransactionsSubmitted submitted) {
      onTransactions(submitted.transactions());
    } else if (event instanceof Event.ProposalBuilt built) {
      onProposalBuilt(built.view(), built.height(), built.block());
    } else if (event instanceof Event.BlockValidated validated) {
      onValidated(validated.height(), validated.blockHash(), validated.valid());
    } else if (event instanceof Event.BlocksFetched fetched) {
      onBlocksFetched(fetched.blocks());
    } else if (event instanceof Event.Start) {
      onStart();
    } else {
      throw new AssertionError("unknown event " + event);
    }
    for (int round = 0; round < 4; round++) {
      if (replayWanted) {
        replayWanted = false;
        replayFuture();
      }
      progress();
      if (!replayWanted) {
        break;
      }
    }
    return finish();
  }

  public long view() {
    return view;
  }

  /** False while this replica is changing to {@link #view()}. */
  public boolean viewActive() {
    return viewActive;
  }

  public boolean isPrimary() {
    return config.primary(view) == self;
  }

  public long executedHeight() {
    return executed;
  }

  public Hash executedHash() {
    return executedHash;
  }

  public long stableCheckpoint() {
    return stableSequence;
  }

  public int pendingTransactions() {
    return pending.size();
  }

  /** How many inputs were ignored, by reason. */
  public Map<Refusal, Long> refusals() {
    return Collections.unmodifiableMap(new EnumMap<>(refusals));
  }

  /** Sequences held in the log (bounded by the log window). */
  public int logSize() {
    return slots.size();
  }

  /** Messages held for a future view or sequence (bounded per sender). */
  public int futureMessages() {
    return future.size();
  }

  // ---------------------------------------------------------------- events

  private void onStart() {
    setTimer(TimerKind.RETRANSMIT, config.retransmitTicks());
    if (!viewActive && myViewChange != null) {
      broadcast(PbftMessage.newBuilder().setViewChange(myViewChange));
      armViewChangeTimer();
    }
  }

  private void onTransactions(List<Transaction> transactions) {
    boolean added = false;
    for (Transaction transaction : transactions) {
      if (pending.full()) {
        refuse(Refusal.POOL_FULL);
      } else if (pending.add(transaction)) {
        added = true;
      } else {
        refuse(Refusal.DUPLICATE);
      }
    }
    if (added && viewActive && !timers.containsKey(TimerKind.REQUEST)) {
      setTimer(TimerKind.REQUEST, config.requestTimeoutTicks());
    }
  }

  private void onTimer(TimerKind kind, long timerId) {
    Long current = timers.get(kind);
    if (current == null || current != timerId) {
      refuse(Refusal.STALE_EVENT);
      return;
    }
    timers.remove(kind);
    switch (kind) {
      case REQUEST -> {
        if (viewActive && !pending.isEmpty()) {
          onRequestTimeout();
        }
      }
      case VIEW_CHANGE -> {
        if (!viewActive) {
          startViewChange(view + 1);
        }
      }
      case RETRANSMIT -> {
        retransmit();
        setTimer(TimerKind.RETRANSMIT, config.retransmitTicks());
      }
    }
  }

  /**
   * A transaction waited a whole timeout without any block committing. First strike: gossip the
   * oldest pending transactions again (the primary may not have them) and wait once more. Second
   * strike: the primary drops or delays transactions; replace it.
   */
  private void onRequestTimeout() {
    requestStrikes++;
    if (requestStrikes == 1) {
      out.add(
          new Action.ForwardTransactions(pending.take(config.blockTransactionsMax(), Set.of())));
      setTimer(TimerKind.REQUEST, config.requestTimeoutTicks());
      return;
    }
    requestStrikes = 0;
    startViewChange(view + 1);
  }

  private void onProposalBuilt(long builtView, long height, Block block) {
    if (!buildOutstanding || builtView != view || height != buildHeight || !viewActive) {
      refuse(Refusal.STALE_EVENT);
      return;
    }
    buildOutstanding = false;
    Hash parent = buildParent;
    if (height <= Math.max(executed, stableSequence) || !parent.equals(parentForProposal(height))) {
      // The chain moved on (state transfer, a checkpoint) while the node was building.
      refuse(Refusal.STALE_EVENT);
      return;
    }
    Invariants.check(
        block.getHeader().getHeight() == height
            && block.getHeader().getChainId().equals(config.chain().value())
            && block.getHeader().getPreviousHash().equals(parent.toByteString())
            && block.getHeader().getProposerIndex() == self,
        "the node built block %s that is not the proposal asked for at height %s",
        block.getHeader(),
        height);
    Hash hash = Blocks.hash(config.suite(), block.getHeader());
    dropExcluded(block);
    Signature signature = signer.sign(statements.prePrepare(view, height, hash, self));
    Slot slot = slot(height);
    Invariants.check(!slot.acceptedIn(view), "primary pre-prepares height %s twice", height);
    slot.accept(view, hash, signature);
    slot.offerBlock(hash, block, Verdict.VALID);
    blocksToPersist.add(new Action.PersistBlock(height, hash, block));
    dirty = true;
    broadcast(PbftMessage.newBuilder().setPrePrepare(slot.prePrepareMessage()));
    nextProposal = height + 1;
  }

  /** Transactions the node left out of a proposal failed its validation: drop them. */
  private void dropExcluded(Block block) {
    Set<Hash> included = new HashSet<>();
    for (Transaction transaction : block.getTransactionsList()) {
      included.add(pending.id(transaction));
    }
    List<Transaction> excluded = new ArrayList<>();
    for (Transaction requested : buildRequested) {
      if (!included.contains(pending.id(requested))) {
        excluded.add(requested);
        refuse(Refusal.EXCLUDED_BY_NODE);
      }
    }
    pending.drop(excluded);
    buildRequested = List.of();
  }

  private void onValidated(long height, Hash blockHash, boolean valid) {
    Slot slot = slots.get(height);
    KnownBlock known = slot == null ? null : slot.known(blockHash);
    if (known == null || known.verdict != Verdict.PENDING) {
      refuse(Refusal.STALE_EVENT);
      return;
    }
    known.verdict = valid ? Verdict.VALID : Verdict.INVALID;
    if (valid) {
      blocksToPersist.add(new Action.PersistBlock(height, blockHash, known.block));
    } else {
      refuse(Refusal.INVALID_BLOCK);
      if (viewActive && slot.acceptedIn(view) && slot.acceptedHash.equals(blockHash)) {
        // The primary proposed a block that does not re-execute to its state root: replace it.
        startViewChange(view + 1);
      }
    }
  }

  private void onBlocksFetched(List<CertifiedBlock> blocks) {
    catchUp.answered();
    for (CertifiedBlock certified : blocks) {
      long height = certified.height();
      if (height <= executed) {
        continue;
      }
      Block block = certified.block();
      if (height != executed + 1
          || !block.getHeader().getChainId().equals(config.chain().value())
          || !block.getHeader().getPreviousHash().equals(executedHash.toByteString())) {
        refuse(Refusal.BAD_FETCHED_BLOCK);
        return;
      }
      Hash hash = Blocks.hash(config.suite(), block.getHeader());
      CertificateCheck check = signer.verifyCertificate(certified.certificate(), height, hash);
      if (!check.accepted()) {
        refuse(Refusal.BAD_FETCHED_BLOCK);
        return;
      }
      deliver(height, hash, block, certified.certificate());
    }
  }

  // ---------------------------------------------------------------- messages

  private void onMessage(int sender, PbftMessage message) {
    if (!config.validators().contains(sender) || sender == self) {
      refuse(Refusal.NOT_A_VALIDATOR);
      return;
    }
    if (!message.getChainId().equals(config.chain().value())) {
      refuse(Refusal.WRONG_CHAIN);
      return;
    }
    if (message.getSerializedSize() > config.messageBytesMax()) {
      refuse(Refusal.OVERSIZED);
      return;
    }
    switch (message.getBodyCase()) {
      case PRE_PREPARE -> onPrePrepare(sender, message);
      case PREPARE -> onPrepare(sender, message);
      case COMMIT -> onCommit(sender, message);
      case CHECKPOINT -> onCheckpoint(sender, message.getCheckpoint());
      case VIEW_CHANGE -> onViewChange(sender, message.getViewChange());
      case NEW_VIEW -> onNewView(sender, message.getNewView());
      case BLOCK_REQUEST -> onBlockRequest(sender, message.getBlockRequest());
      case BLOCK_REPLY -> onBlockReply(message.getBlockReply());
      case BODY_NOT_SET -> refuse(Refusal.MALFORMED);
    }
  }

  private void onPrePrepare(int sender, PbftMessage message) {
    PrePrepare prePrepare = message.getPrePrepare();
    long messageView = prePrepare.getView();
    long sequence = prePrepare.getSequence();
    Hash hash = Proofs.hash(prePrepare.getBlockHash());
    Signature signature = Proofs.signature(prePrepare.getSignature());
    if (hash == null || signature == null || sequence == 0) {
      refuse(Refusal.MALFORMED);
      return;
    }
    if (messageView >= PbftConfig.VIEW_MAX) {
      refuse(Refusal.VIEW_TOO_HIGH);
      return;
    }
    if (sender != config.primary(messageView)) {
      refuse(Refusal.NOT_PRIMARY);
      return;
    }
    if (isRepeatedPrePrepare(messageView, sequence, hash, signature)) {
      refuse(Refusal.DUPLICATE);
      return;
    }
    if (prePrepare.hasBlock() && !blockMatches(prePrepare.getBlock(), sequence, hash)) {
      refuse(Refusal.BLOCK_MISMATCH);
      return;
    }
    if (!signer.verify(
        sender, statements.prePrepare(messageView, sequence, hash, sender), signature)) {
      refuse(Refusal.BAD_SIGNATURE);
      return;
    }
    noteSequence(sender, sequence);
    if (prePrepare.hasBlock()) {
      offerWantedBlock(sequence, hash, prePrepare.getBlock());
    }
    if (messageView < view) {
      refuse(Refusal.OLD_VIEW);
      return;
    }
    if (messageView > view || !viewActive || sequence > highWatermark()) {
      hold(sender, message);
      return;
    }
    if (sequence <= executed || sequence <= stableSequence) {
      replyCommitted(sender, sequence);
      return;
    }
    acceptPrePrepare(sequence, hash, signature, prePrepare);
  }

  private void acceptPrePrepare(long sequence, Hash hash, Signature signature, PrePrepare message) {
    Hash expected = viewEntries.get(sequence);
    if (expected != null && !expected.equals(hash)) {
      refuse(Refusal.CONFLICTING_PRE_PREPARE);
      return;
    }
    Slot slot = slot(sequence);
    if (slot.acceptedIn(view)) {
      refuse(slot.acceptedHash.equals(hash) ? Refusal.DUPLICATE : Refusal.CONFLICTING_PRE_PREPARE);
      return;
    }
    slot.accept(view, hash, signature);
    if (message.hasBlock()) {
      slot.offerBlock(hash, message.getBlock(), Verdict.UNKNOWN);
    }
    dirty = true;
  }

  private boolean blockMatches(Block block, long sequence, Hash hash) {
    return block.getHeader().getHeight() == sequence
        && block.getTransactionsCount() <= config.blockTransactionsMax()
        && block.getHeader().getChainId().equals(config.chain().value())
        && block.getHeader().getTransactionCount() == block.getTransactionsCount()
        && Blocks.hash(config.suite(), block.getHeader()).equals(hash);
  }

  private void onPrepare(int sender, PbftMessage message) {
    Prepare prepare = message.getPrepare();
    Hash hash = Proofs.hash(prepare.getBlockHash());
    Signature signature = Proofs.signature(prepare.getSignature());
    long messageView = prepare.getView();
    long sequence = prepare.getSequence();
    if (!checkVoteForm(sender, prepare.getReplica(), hash, signature, messageView, sequence)) {
      return;
    }
    if (sender == config.primary(messageView)) {
      refuse(Refusal.MALFORMED);
      return;
    }
    if (messageView == view
        && viewActive
        && isRepeatedVote(slot -> slot.prepares, sender, messageView, hash, signature, sequence)) {
      refuse(Refusal.DUPLICATE);
      return;
    }
    if (!signer.verify(
        sender, statements.prepare(messageView, sequence, hash, sender), signature)) {
      refuse(Refusal.BAD_SIGNATURE);
      return;
    }
    noteSequence(sender, sequence);
    if (messageView < view) {
      refuse(Refusal.OLD_VIEW);
      return;
    }
    if (messageView > view || !viewActive || sequence > highWatermark()) {
      hold(sender, message);
      return;
    }
    if (sequence <= executed || sequence <= stableSequence) {
      replyCommitted(sender, sequence);
      return;
    }
    Slot slot = slot(sequence);
    if (!Slot.record(slot.prepares, sender, new VoteRecord(messageView, hash, signature))) {
      refuse(Refusal.DUPLICATE);
    }
  }

  private void onCommit(int sender, PbftMessage message) {
    Commit commit = message.getCommit();
    Hash hash = Proofs.hash(commit.getBlockHash());
    Signature signature = Proofs.signature(commit.getSignature());
    long messageView = commit.getView();
    long sequence = commit.getSequence();
    if (!checkVoteForm(sender, commit.getReplica(), hash, signature, messageView, sequence)) {
      return;
    }
    if (isRepeatedVote(slot -> slot.commits, sender, messageView, hash, signature, sequence)) {
      refuse(Refusal.DUPLICATE);
      return;
    }
    if (!signer.verify(sender, statements.commit(messageView, sequence, hash), signature)) {
      refuse(Refusal.BAD_SIGNATURE);
      return;
    }
    noteSequence(sender, sequence);
    if (sequence > highWatermark()) {
      hold(sender, message);
      return;
    }
    if (sequence <= executed || sequence <= stableSequence) {
      replyCommitted(sender, sequence);
      return;
    }
    // Commits of any view count: a quorum of them in one view is a certificate by itself.
    Slot slot = slot(sequence);
    if (!Slot.record(slot.commits, sender, new VoteRecord(messageView, hash, signature))) {
      refuse(Refusal.DUPLICATE);
    }
  }

  /**
   * A retransmitted copy of the pre-prepare this replica already accepted for a live sequence of
   * the current view: the same view, sequence, block hash and signature, with the block already
   * held. Refused before its signature is checked again — the identical signed statement was
   * checked when it was accepted, and handling it again would change nothing (a copy for a sequence
   * already executed still takes the full path, which answers a peer that is behind).
   */
  private boolean isRepeatedPrePrepare(
      long messageView, long sequence, Hash hash, Signature signature) {
    if (messageView != view || !viewActive || !isLive(sequence)) {
      return false;
    }
    Slot slot = slots.get(sequence);
    return slot != null
        && slot.acceptedIn(view)
        && slot.acceptedHash.equals(hash)
        && slot.prePrepareSignature.equals(signature)
        && slot.known(hash) != null;
  }

  /**
   * A retransmitted copy of the latest vote this replica recorded from {@code sender} for a live
   * sequence: refused before its signature is checked again, since the recorded vote is the same
   * signed statement, already checked, and {@link Slot#record} would refuse the copy anyway.
   */
  private boolean isRepeatedVote(
      Function<Slot, Map<Integer, VoteRecord>> votes,
      int sender,
      long messageView,
      Hash hash,
      Signature signature,
      long sequence) {
    Slot slot = isLive(sequence) ? slots.get(sequence) : null;
    return slot != null
        && new VoteRecord(messageView, hash, signature).equals(votes.apply(slot).get(sender));
  }

  /** A sequence above the executed height and the stable checkpoint, inside the window. */
  private boolean isLive(long sequence) {
    return sequence > executed && sequence > stableSequence && sequence <= highWatermark();
  }

  private boolean checkVoteForm(
      int sender, int replica, Hash hash, Signature signature, long messageView, long sequence) {
    if (hash == null || signature == null || sequence == 0) {
      refuse(Refusal.MALFORMED);
      return false;
    }
    if (replica != sender) {
      refuse(Refusal.SENDER_MISMATCH);
      return false;
    }
    if (messageView >= PbftConfig.VIEW_MAX) {
      refuse(Refusal.VIEW_TOO_HIGH);
      return false;
    }
    return true;
  }

  private void onCheckpoint(int sender, Checkpoint checkpoint) {
    Hash hash = Proofs.hash(checkpoint.getBlockHash());
    Signature signature = Proofs.signature(checkpoint.getSignature());
    long sequence = checkpoint.getSequence();
    if (hash == null
        || signature == null
        || sequence == 0
        || sequence % config.checkpointInterval() != 0) {
      refuse(Refusal.MALFORMED);
      return;
    }
    if (checkpoint.getReplica() != sender) {
      refuse(Refusal.SENDER_MISMATCH);
      return;
    }
    if (sequence <= stableSequence) {
      refuse(Refusal.DUPLICATE);
      return;
    }
    if (!signer.verify(sender, statements.checkpoint(sequence, hash, sender), signature)) {
      refuse(Refusal.BAD_SIGNATURE);
      return;
    }
    noteSequence(sender, sequence);
    CheckpointProof proof =
        checkpoints.add(
            sender,
            new Checkpoints.CheckpointVote(sequence, hash, signature),
            stableSequence,
            highWatermark());
    if (proof != null) {
      adoptStable(proof);
    }
  }

  private void onViewChange(int sender, ViewChange change) {
    if (change.getReplica() != sender) {
      refuse(Refusal.SENDER_MISMATCH);
      return;
    }
    if (change.getNewView() >= PbftConfig.VIEW_MAX) {
      refuse(Refusal.VIEW_TOO_HIGH);
      return;
    }
    ViewChange known = viewChanges.get(sender);
    if (known != null && known.getNewView() >= change.getNewView()) {
      refuse(Refusal.DUPLICATE);
      return;
    }
    if (change.getNewView() < view || (change.getNewView() == view && viewActive)) {
      refuse(Refusal.OLD_VIEW);
      if (viewActive && isPrimary() && myNewView != null) {
        send(sender, PbftMessage.newBuilder().setNewView(myNewView));
      }
      return;
    }
    if (!spendCostly(sender)) {
      return;
    }
    String problem = proofs.checkViewChange(change);
    if (problem != null) {
      refuse(Refusal.BAD_PROOF);
      return;
    }
    viewChanges.put(sender, change);
    joinHigherViewChange();
    armViewChangeTimer();
    maybeSendNewView();
  }

  /** PBFT's liveness rule: f+1 replicas ask for views above ours, so one honest one does. */
  private void joinHigherViewChange() {
    List<Long> higher = new ArrayList<>();
    for (Map.Entry<Integer, ViewChange> entry : viewChanges.entrySet()) {
      if (entry.getKey() != self && entry.getValue().getNewView() > view) {
        higher.add(entry.getValue().getNewView());
      }
    }
    if (higher.size() >= config.weakQuorum()) {
      higher.sort(Collections.reverseOrder());
      startViewChange(higher.get(config.weakQuorum() - 1));
    }
  }

  private void onNewView(int sender, NewView newView) {
    long newViewNumber = newView.getView();
    if (newViewNumber >= PbftConfig.VIEW_MAX) {
      refuse(Refusal.VIEW_TOO_HIGH);
      return;
    }
    if (sender != config.primary(newViewNumber)) {
      refuse(Refusal.NOT_PRIMARY);
      return;
    }
    if (newViewNumber < view || (newViewNumber == view && viewActive)) {
      refuse(Refusal.OLD_VIEW);
      return;
    }
    if (!spendCostly(sender)) {
      return;
    }
    Signature signature = Proofs.signature(newView.getSignature());
    if (signature == null
        || !signer.verify(sender, statements.newView(newView, sender), signature)) {
      refuse(Refusal.BAD_SIGNATURE);
      return;
    }
    String problem = proofs.checkNewViewBody(newView, new ArrayList<>(viewChanges.values()));
    if (problem != null) {
      refuse(Refusal.BAD_NEW_VIEW);
      return;
    }
    enterNewView(newView, proofs.select(newView.getViewChangesList()));
  }

  private void onBlockRequest(int sender, BlockRequest request) {
    Hash hash = Proofs.hash(request.getBlockHash());
    Slot slot = slots.get(request.getSequence());
    KnownBlock known = slot == null || hash == null ? null : slot.known(hash);
    if (known == null || !spendCostly(sender)) {
      return;
    }
    send(
        sender,
        PbftMessage.newBuilder()
            .setBlockReply(
                BlockReply.newBuilder().setSequence(request.getSequence()).setBlock(known.block)));
  }

  private void onBlockReply(BlockReply reply) {
    if (!reply.hasBlock()) {
      refuse(Refusal.MALFORMED);
      return;
    }
    Hash hash = Blocks.hash(config.suite(), reply.getBlock().getHeader());
    if (!blockMatches(reply.getBlock(), reply.getSequence(), hash)
        || !offerWantedBlock(reply.getSequence(), hash, reply.getBlock())) {
      refuse(Refusal.DUPLICATE);
    }
  }

  private boolean offerWantedBlock(long sequence, Hash hash, Block block) {
    Slot slot = slots.get(sequence);
    if (slot == null || !slot.wants(hash)) {
      return false;
    }
    slot.offerBlock(hash, block, Verdict.UNKNOWN);
    return true;
  }

  /** Helps a peer that is behind: our commit for a height we executed, or our checkpoint. */
  private void replyCommitted(int sender, long sequence) {
    Slot slot = slots.get(sequence);
    VoteRecord own = slot == null ? null : slot.commits.get(self);
    if ((own == null && myCheckpoint == null) || !budget.firstAnswer(sender, sequence)) {
      return;
    }
    if (!spendCostly(sender)) {
      return;
    }
    if (own != null) {
      send(sender, PbftMessage.newBuilder().setCommit(Slot.commitMessage(sequence, self, own)));
    } else {
      send(sender, PbftMessage.newBuilder().setCheckpoint(myCheckpoint));
    }
  }

  private void hold(int sender, PbftMessage message) {
    if (!future.hold(sender, message)) {
      refuse(Refusal.FUTURE_BUFFER_FULL);
    }
  }

  private void replayFuture() {
    for (FutureBuffer.Held held : future.drain()) {
      onMessage(held.sender(), held.message());
    }
  }

  // ---------------------------------------------------------------- the normal case

  /** Moves every slot as far as it can go, delivers what is committed, proposes what it can. */
  private void progress() {
    boolean delivered = true;
    for (int round = 0; delivered && round <= config.logWindow(); round++) {
      for (Slot slot : new ArrayList<>(slots.tailMap(executed, false).values())) {
        if (viewActive) {
          advance(slot);
        }
        detectCommitted(slot);
      }
      delivered = false;
      while (deliverNext()) {
        delivered = true;
      }
    }
    maybeBuildProposal();
  }

  private void advance(Slot slot) {
    if (!slot.acceptedIn(view)) {
      return;
    }
    KnownBlock known = slot.known(slot.acceptedHash);
    if (known == null) {
      return;
    }
    Hash parent = Proofs.hash(known.block.getHeader().getPreviousHash());
    if (known.verdict == Verdict.UNKNOWN && parentValidated(slot.sequence, parent)) {
      known.verdict = Verdict.PENDING;
      out.add(new Action.ValidateBlock(slot.sequence, slot.acceptedHash, known.block));
    }
    if (known.verdict != Verdict.VALID || !predecessorPrepared(slot.sequence, parent)) {
      return;
    }
    if (!isPrimary() && !slot.prepareSent) {
      sendPrepare(slot);
    }
    if (!slot.preparedIn(view)) {
      becomePrepared(slot, known);
    }
    if (slot.preparedIn(view) && !slot.commitSent) {
      sendCommit(slot);
    }
  }

  private boolean parentValidated(long sequence, Hash parent) {
    if (sequence - 1 == executed) {
      return parent.equals(executedHash);
    }
    Slot previous = slots.get(sequence - 1);
    KnownBlock known = previous == null ? null : previous.known(parent);
    return known != null && known.verdict == Verdict.VALID;
  }

  /** Height h may be prepared in this view only on top of h-1 prepared in it, or committed. */
  private boolean predecessorPrepared(long sequence, Hash parent) {
    if (sequence - 1 == executed) {
      return parent.equals(executedHash);
    }
    Slot previous = slots.get(sequence - 1);
    if (previous == null) {
      return false;
    }
    if (previous.certificate != null) {
      return parent.equals(previous.committedHash);
    }
    return previous.preparedIn(view) && parent.equals(previous.acceptedHash);
  }

  private void sendPrepare(Slot slot) {
    Signature signature =
        signer.sign(statements.prepare(view, slot.sequence, slot.acceptedHash, self));
    slot.prepareSent = true;
    slot.prepares.put(self, new VoteRecord(view, slot.acceptedHash, signature));
    dirty = true;
    broadcast(
        PbftMessage.newBuilder()
            .setPrepare(Slot.prepareMessage(slot.sequence, self, slot.prepares.get(self))));
  }

  private void becomePrepared(Slot slot, KnownBlock known) {
    int primary = config.primary(view);
    TreeMap<Integer, Signature> votes = Slot.matching(slot.prepares, view, slot.acceptedHash);
    votes.remove(primary);
    if (votes.size() < config.quorum() - 1) {
      return;
    }
    PreparedProof.Builder proof =
        PreparedProof.newBuilder()
            .setView(view)
            .setSequence(slot.sequence)
            .setBlockHash(slot.acceptedHash.toByteString())
            .setHeader(known.block.getHeader())
            .setPrePrepareSignature(slot.prePrepareSignature.toByteString());
    for (Map.Entry<Integer, Signature> vote : votes.entrySet()) {
      proof.addPrepares(
          org.govchain.pbft.proto.Vote.newBuilder()
              .setReplica(vote.getKey())
              .setSignature(vote.getValue().toByteString()));
    }
    slot.proof = proof.build();
    dirty = true;
  }

  private void sendCommit(Slot slot) {
    Signature signature = signer.sign(statements.commit(view, slot.sequence, slot.acceptedHash));
    slot.commitSent = true;
    slot.commits.put(self, new VoteRecord(view, slot.acceptedHash, signature));
    dirty = true;
    broadcast(
        PbftMessage.newBuilder()
            .setCommit(Slot.commitMessage(slot.sequence, self, slot.commits.get(self))));
  }

  /** A quorum of commits for one (view, block) from distinct replicas: a commit certificate. */
  private void detectCommitted(Slot slot) {
    if (slot.certificate != null || slot.commits.size() < config.quorum()) {
      return;
    }
    for (VoteRecord candidate : new ArrayList<>(slot.commits.values())) {
      TreeMap<Integer, Signature> votes =
          Slot.matching(slot.commits, candidate.view(), candidate.blockHash());
      if (votes.size() >= config.quorum()) {
        CommitCertificate.Builder certificate =
            CommitCertificate.newBuilder()
                .setChainId(config.chain().value())
                .setView(candidate.view())
                .setHeight(slot.sequence)
                .setBlockHash(candidate.blockHash().toByteString());
        for (Map.Entry<Integer, Signature> vote : votes.entrySet()) {
          certificate.addVotes(
              CommitVote.newBuilder()
                  .setValidatorIndex(vote.getKey())
                  .setSignature(vote.getValue().toByteString()));
        }
        slot.certificate = certificate.build();
        slot.committedHash = candidate.blockHash();
        return;
      }
    }
  }

  private boolean deliverNext() {
    Slot slot = slots.get(executed + 1);
    if (slot == null || slot.certificate == null) {
      return false;
    }
    KnownBlock known = slot.known(slot.committedHash);
    if (known == null) {
      return false;
    }
    Invariants.check(
        known.block.getHeader().getPreviousHash().equals(executedHash.toByteString()),
        "committed block %s at height %s does not extend the executed chain",
        slot.committedHash,
        slot.sequence);
    deliver(slot.sequence, slot.committedHash, known.block, slot.certificate);
    return true;
  }

  private void deliver(long height, Hash hash, Block block, CommitCertificate certificate) {
    Invariants.check(height == executed + 1, "delivering height %s after %s", height, executed);
    Slot slot = slots.get(height);
    if (slot != null) {
      Invariants.check(
          slot.committedHash == null || slot.committedHash.equals(hash),
          "height %s committed as %s and delivered as another block",
          height,
          slot.committedHash);
      slot.certificate = certificate;
      slot.committedHash = hash;
      slot.offerBlock(hash, block, Verdict.VALID);
      if (slot.proof == null || slot.proof.getView() <= certificate.getView()) {
        slot.proof = certificateProof(height, hash, block, certificate);
      }
    }
    out.add(new Action.Deliver(height, hash, block, certificate));
    executed = height;
    executedHash = hash;
    pending.committed(block.getTransactionsList());
    viewChangeAttempts = 0;
    requestStrikes = 0;
    dirty = true;
    restartRequestTimer();
    if (height % config.checkpointInterval() == 0) {
      sendCheckpoint(height, hash);
    }
  }

  private static PreparedProof certificateProof(
      long height, Hash hash, Block block, CommitCertificate certificate) {
    return PreparedProof.newBuilder()
        .setView(certificate.getView())
        .setSequence(height)
        .setBlockHash(hash.toByteString())
        .setHeader(block.getHeader())
        .setCommitCertificate(certificate)
        .build();
  }

  private void restartRequestTimer() {
    if (pending.isEmpty()) {
      cancelTimer(TimerKind.REQUEST);
    } else if (viewActive) {
      setTimer(TimerKind.REQUEST, config.requestTimeoutTicks());
    }
  }

  private void maybeBuildProposal() {
    if (!viewActive || !isPrimary() || buildOutstanding || pending.isEmpty()) {
      return;
    }
    long height = Math.max(nextProposal, executed + 1);
    if (height > highWatermark() || height > executed + config.inFlightMax()) {
      return;
    }
    Slot existing = slots.get(height);
    if (existing != null && existing.acceptedIn(view)) {
      nextProposal = height + 1;
      return;
    }
    Hash parent = parentForProposal(height);
    if (parent == null) {
      return;
    }
    List<Transaction> transactions =
        pending.take(config.blockTransactionsMax(), inFlightIds(height));
    if (transactions.isEmpty()) {
      return;
    }
    buildOutstanding = true;
    buildHeight = height;
    buildParent = parent;
    buildRequested = transactions;
    out.add(new Action.BuildProposal(view, height, parent, transactions));
  }

  /** The block a new proposal at {@code height} builds on, if the node has validated it. */
  private Hash parentForProposal(long height) {
    if (height - 1 == executed) {
      return executedHash;
    }
    Slot previous = slots.get(height - 1);
    if (previous == null || !previous.acceptedIn(view)) {
      return null;
    }
    KnownBlock known = previous.known(previous.acceptedHash);
    return known != null && known.verdict == Verdict.VALID ? previous.acceptedHash : null;
  }

  private Set<Hash> inFlightIds(long below) {
    Set<Hash> ids = new HashSet<>();
    for (Slot slot : slots.subMap(executed, false, below, false).values()) {
      KnownBlock known = slot.known(slot.acceptedHash);
      if (known != null) {
        for (Transaction transaction : known.block.getTransactionsList()) {
          ids.add(pending.id(transaction));
        }
      }
    }
    return ids;
  }

  // ---------------------------------------------------------------- checkpoints

  private void sendCheckpoint(long height, Hash hash) {
    Signature signature = signer.sign(statements.checkpoint(height, hash, self));
    myCheckpoint =
        Checkpoint.newBuilder()
            .setSequence(height)
            .setBlockHash(hash.toByteString())
            .setReplica(self)
            .setSignature(signature.toByteString())
            .build();
    broadcast(PbftMessage.newBuilder().setCheckpoint(myCheckpoint));
    CheckpointProof proof =
        checkpoints.add(
            self,
            new Checkpoints.CheckpointVote(height, hash, signature),
            stableSequence,
            highWatermark());
    if (proof != null) {
      adoptStable(proof);
    }
  }

  /** A checkpoint 2f+1 replicas signed: the log below it is collected, the window moves. */
  private void adoptStable(CheckpointProof proof) {
    long sequence = proof.getSequence();
    if (sequence <= stableSequence) {
      return;
    }
    Hash hash = Proofs.hash(proof.getBlockHash());
    Slot slot = slots.get(sequence);
    Invariants.check(
        slot == null || slot.committedHash == null || slot.committedHash.equals(hash),
        "stable checkpoint %s contradicts the block this replica committed at %s",
        hash,
        sequence);
    Invariants.check(
        sequence != executed || executedHash.equals(hash),
        "stable checkpoint %s contradicts the executed block at %s",
        hash,
        sequence);
    stable = proof;
    stableSequence = sequence;
    slots.headMap(sequence, true).clear();
    checkpoints.collect(sequence);
    dirty = true;
    replayWanted = true;
  }

  private long highWatermark() {
    return stableSequence + config.logWindow();
  }

  // ---------------------------------------------------------------- view changes

  private void startViewChange(long target) {
    Invariants.check(target > view, "view change to %s from %s", target, view);
    if (target >= PbftConfig.VIEW_MAX) {
      return;
    }
    view = target;
    viewActive = false;
    buildOutstanding = false;
    viewEntries.clear();
    myNewView = null;
    ViewChange.Builder change =
        ViewChange.newBuilder().setNewView(target).setCheckpoint(stable).setReplica(self);
    for (Slot slot : slots.tailMap(stableSequence, false).values()) {
      if (slot.proof != null && slot.sequence <= highWatermark()) {
        change.addPrepared(slot.proof);
      }
    }
    ViewChange unsigned = change.build();
    myViewChange =
        unsigned.toBuilder()
            .setSignature(signer.sign(statements.viewChange(unsigned)).toByteString())
            .build();
    viewChanges.put(self, myViewChange);
    dirty = true;
    broadcast(PbftMessage.newBuilder().setViewChange(myViewChange));
    cancelTimer(TimerKind.REQUEST);
    cancelTimer(TimerKind.VIEW_CHANGE);
    viewChangeTimerArmed = false;
    armViewChangeTimer();
    maybeSendNewView();
  }

  /**
   * The new-view timer runs only once a quorum has left the views below this one (their latest view
   * change asks for this view or a later one): a replica alone cannot race through views no one
   * else is in, and a replica whose peers moved on still times out and follows them.
   */
  private void armViewChangeTimer() {
    if (viewActive || viewChangeTimerArmed) {
      return;
    }
    int asking = 0;
    for (ViewChange change : viewChanges.values()) {
      if (change.getNewView() >= view) {
        asking++;
      }
    }
    if (asking >= config.quorum()) {
      viewChangeTimerArmed = true;
      setTimer(TimerKind.VIEW_CHANGE, viewChangeTimeout());
      viewChangeAttempts++;
    }
  }

  private long viewChangeTimeout() {
    long timeout = config.viewChangeTimeoutTicks() << Math.min(viewChangeAttempts, 20);
    return Math.min(timeout, config.viewChangeTimeoutMaxTicks());
  }

  /** As primary of the view being changed to: once a quorum asks for it, start it. */
  private void maybeSendNewView() {
    if (viewActive || !isPrimary()) {
      return;
    }
    List<ViewChange> changes = new ArrayList<>();
    for (ViewChange change : viewChanges.values()) {
      if (change.getNewView() == view && changes.size() < config.quorum()) {
        changes.add(change);
      }
    }
    if (changes.size() < config.quorum()) {
      return;
    }
    Proofs.Selection selection = proofs.select(changes);
    NewView unsigned =
        NewView.newBuilder()
            .setView(view)
            .addAllViewChanges(changes)
            .addAllEntries(selection.entries())
            .build();
    myNewView =
        unsigned.toBuilder()
            .setSignature(signer.sign(statements.newView(unsigned, self)).toByteString())
            .build();
    dirty = true;
    broadcast(PbftMessage.newBuilder().setNewView(myNewView));
    enterNewView(myNewView, selection);
  }

  private void enterNewView(NewView newView, Proofs.Selection selection) {
    view = newView.getView();
    viewActive = true;
    buildOutstanding = false;
    cancelTimer(TimerKind.VIEW_CHANGE);
    if (isPrimary()) {
      myNewView = newView;
    }
    adoptStable(selection.checkpoint());
    viewEntries.clear();
    long lastEntry = selection.checkpoint().getSequence();
    for (PreparedProof chosen : selection.chosen()) {
      viewEntries.put(chosen.getSequence(), Proofs.hash(chosen.getBlockHash()));
      lastEntry = chosen.getSequence();
    }
    discardAbove(Math.max(lastEntry, executed), view);
    for (PreparedProof chosen : selection.chosen()) {
      if (chosen.getSequence() > Math.max(executed, stableSequence)) {
        adoptChosen(chosen);
      } else {
        checkAgainstExecuted(chosen);
      }
    }
    nextProposal = Math.max(Math.max(lastEntry, executed), stableSequence) + 1;
    dirty = true;
    requestStrikes = 0;
    restartRequestTimer();
    replayWanted = true;
  }

  /**
   * Above the re-proposed blocks nothing was committed before this view (docs/consensus.md): forget
   * what earlier views left there. Commit certificates are kept: one can only be of this view or
   * later (a late new view reaching a replica that already saw the view's commits); one of an
   * earlier view would mean the new view lost a committed block.
   */
  private void discardAbove(long sequence, long newView) {
    List<Long> discarded = new ArrayList<>();
    for (Slot slot : slots.tailMap(sequence, false).values()) {
      if (slot.certificate == null) {
        discarded.add(slot.sequence);
      } else {
        Invariants.check(
            slot.certificate.getView() >= newView,
            "new view %s drops height %s, committed in an earlier view",
            newView,
            slot.sequence);
      }
    }
    for (Long gone : discarded) {
      slots.remove(gone);
    }
  }

  private void adoptChosen(PreparedProof chosen) {
    Slot slot = slot(chosen.getSequence());
    if (slot.proof == null || slot.proof.getView() < chosen.getView()) {
      slot.proof = chosen;
    }
    if (isPrimary()) {
      Hash hash = Proofs.hash(chosen.getBlockHash());
      Signature signature =
          signer.sign(statements.prePrepare(view, chosen.getSequence(), hash, self));
      slot.accept(view, hash, signature);
      broadcast(PbftMessage.newBuilder().setPrePrepare(slot.prePrepareMessage()));
    }
  }

  private void checkAgainstExecuted(PreparedProof chosen) {
    Slot slot = slots.get(chosen.getSequence());
    Hash hash = Proofs.hash(chosen.getBlockHash());
    Invariants.check(
        slot == null || slot.committedHash == null || slot.committedHash.equals(hash),
        "new view re-proposes %s at height %s, which this replica committed otherwise",
        hash,
        chosen.getSequence());
  }

  // ---------------------------------------------------------------- retransmission, transfer

  private void retransmit() {
    budget.newPeriod();
    if (myCheckpoint != null) {
      broadcast(PbftMessage.newBuilder().setCheckpoint(myCheckpoint));
    }
    if (!viewActive) {
      broadcast(PbftMessage.newBuilder().setViewChange(myViewChange));
      forwardWhileChangingView();
    } else {
      if (isPrimary() && myNewView != null && myNewView.getView() == view) {
        sendNewViewToSilentPeers();
      }
      for (Slot slot : slots.tailMap(executed, false).values()) {
        retransmitSlot(slot);
      }
    }
    requestMissingBlocks();
    Action.FetchBlocks fetch =
        catchUp.onPeriod(
            executed, stableSequence, checkpoints.claimedByAtLeast(config.weakQuorum()));
    if (fetch != null) {
      out.add(fetch);
    }
  }

  private void retransmitSlot(Slot slot) {
    if (slot.certificate != null || !slot.acceptedIn(view)) {
      return;
    }
    if (isPrimary()) {
      PrePrepare prePrepare = slot.prePrepareMessage();
      for (int peer = 0; peer < config.replicas(); peer++) {
        if (peer != self && !voted(slot, peer)) {
          send(peer, PbftMessage.newBuilder().setPrePrepare(prePrepare));
        }
      }
    } else if (slot.prepareSent) {
      VoteRecord own = slot.prepares.get(self);
      if (own == null || own.view() != view) {
        own =
            new VoteRecord(
                view,
                slot.acceptedHash,
                signer.sign(statements.prepare(view, slot.sequence, slot.acceptedHash, self)));
        slot.prepares.put(self, own);
      }
      broadcast(PbftMessage.newBuilder().setPrepare(Slot.prepareMessage(slot.sequence, self, own)));
    }
    if (slot.commitSent) {
      VoteRecord own = slot.commits.get(self);
      if (own == null || own.view() != view) {
        own =
            new VoteRecord(
                view,
                slot.acceptedHash,
                signer.sign(statements.commit(view, slot.sequence, slot.acceptedHash)));
        slot.commits.put(self, own);
      }
      broadcast(PbftMessage.newBuilder().setCommit(Slot.commitMessage(slot.sequence, self, own)));
    }
  }

  /**
   * A replica alone in a view change takes no part in the current view, but its pending
   * transactions must still reach whoever proposes: gossip them again once per request timeout.
   */
  private void forwardWhileChangingView() {
    periodsSinceForward++;
    if (pending.isEmpty()
        || periodsSinceForward * config.retransmitTicks() < config.requestTimeoutTicks()) {
      return;
    }
    periodsSinceForward = 0;
    out.add(new Action.ForwardTransactions(pending.take(config.blockTransactionsMax(), Set.of())));
  }

  private boolean voted(Slot slot, int peer) {
    VoteRecord prepare = slot.prepares.get(peer);
    VoteRecord commit = slot.commits.get(peer);
    return (prepare != null && prepare.view() == view) || (commit != null && commit.view() == view);
  }

  private void sendNewViewToSilentPeers() {
    for (int peer = 0; peer < config.replicas(); peer++) {
      boolean heard = false;
      for (Slot slot : slots.tailMap(stableSequence, false).values()) {
        heard |= voted(slot, peer);
      }
      if (peer != self && !heard) {
        send(peer, PbftMessage.newBuilder().setNewView(myNewView));
      }
    }
  }

  private void requestMissingBlocks() {
    int asked = 0;
    for (Slot slot : slots.tailMap(executed, false).values()) {
      if (asked >= config.inFlightMax()) {
        return;
      }
      Hash wanted = slot.certificate != null ? slot.committedHash : slot.acceptedHash;
      if (wanted != null && slot.wants(wanted)) {
        broadcast(
            PbftMessage.newBuilder()
                .setBlockRequest(
                    BlockRequest.newBuilder()
                        .setSequence(slot.sequence)
                        .setBlockHash(wanted.toByteString())));
        asked++;
      }
    }
  }

  private void noteSequence(int sender, long sequence) {
    catchUp.noteSequence(sender, sequence);
  }

  private boolean spendCostly(int sender) {
    if (!budget.spend(sender)) {
      refuse(Refusal.RATE_LIMITED);
      return false;
    }
    return true;
  }

  /** Whether a fetch is waiting for its answer (for the driver's diagnostics). */
  public boolean fetchOutstanding() {
    return catchUp.outstanding();
  }

  // ---------------------------------------------------------------- messages out

  private void broadcast(PbftMessage.Builder message) {
    out.add(new Action.Broadcast(message.setChainId(config.chain().value()).build()));
  }

  private void send(int to, PbftMessage.Builder message) {
    out.add(new Action.Send(to, message.setChainId(config.chain().value()).build()));
  }

  private void setTimer(TimerKind kind, long ticks) {
    long id = ++timerSequence;
    timers.put(kind, id);
    out.add(new Action.SetTimer(kind, id, ticks));
  }

  private void cancelTimer(TimerKind kind) {
    if (timers.remove(kind) != null) {
      out.add(new Action.CancelTimer(kind));
    }
  }

  private void refuse(Refusal reason) {
    refusals.merge(reason, 1L, Long::sum);
  }

  private Slot slot(long sequence) {
    Invariants.check(
        sequence > stableSequence && sequence <= highWatermark(),
        "slot %s outside the window above %s",
        sequence,
        stableSequence);
    return slots.computeIfAbsent(sequence, Slot::new);
  }

  private Ready finish() {
    List<Action> actions = new ArrayList<>(blocksToPersist.size() + out.size() + 1);
    actions.addAll(blocksToPersist);
    blocksToPersist.clear();
    // The node's own work (deliveries, builds, validations, fetches, timers) in the order it was
    // produced — a build asked for before a delivery must reach the node before it — and all of
    // it before the state: a state that names a stable checkpoint reached by executing delivered
    // blocks must never be stored without them.
    List<Action> messages = new ArrayList<>();
    for (Action action : out) {
      if (action instanceof Action.Send || action instanceof Action.Broadcast) {
        messages.add(action);
      } else {
        actions.add(action);
      }
    }
    out.clear();
    if (dirty) {
      actions.add(new Action.Persist(snapshot()));
      dirty = false;
    }
    actions.addAll(messages);
    return new Ready(actions);
  }

  // ---------------------------------------------------------------- persistence

  /** The state a restarted replica must not contradict. */
  PersistedState snapshot() {
    PersistedState.Builder state =
        PersistedState.newBuilder()
            .setChainId(config.chain().value())
            .setView(view)
            .setViewActive(viewActive)
            .setStableCheckpoint(stable);
    for (Slot slot : slots.values()) {
      if (slot.acceptedHash == null && slot.proof == null) {
        continue;
      }
      state.addSlots(slot.toRecord());
    }
    if (!viewActive && myViewChange != null) {
      state.setLastViewChange(myViewChange);
    }
    if (myNewView != null) {
      state.setLastNewView(myNewView);
    }
    for (Map.Entry<Long, Hash> entry : viewEntries.entrySet()) {
      state.addViewEntries(
          NewViewEntry.newBuilder()
              .setSequence(entry.getKey())
              .setBlockHash(entry.getValue().toByteString()));
    }
    return state.build();
  }

  private void load(PersistedState state, long executedHeight, Hash executedAt)
      throws MalformedInputException {
    if (!state.getChainId().equals(config.chain().value())) {
      throw new MalformedInputException(
          "persisted pbft state is for chain '" + state.getChainId() + "'");
    }
    String problem = proofs.checkCheckpoint(state.getStableCheckpoint());
    if (problem != null || state.getView() >= PbftConfig.VIEW_MAX) {
      throw new MalformedInputException("persisted pbft state is not valid: " + problem);
    }
    view = state.getView();
    viewActive = state.getViewActive();
    stable = state.getStableCheckpoint();
    stableSequence = stable.getSequence();
    executed = executedHeight;
    executedHash = executedAt;
    for (SlotRecord record : state.getSlotsList()) {
      loadSlot(record);
    }
    if (!viewActive) {
      if (!state.hasLastViewChange() || state.getLastViewChange().getNewView() != view) {
        throw new MalformedInputException(
            "persisted pbft state changes view without a view change");
      }
      myViewChange = state.getLastViewChange();
      viewChanges.put(self, myViewChange);
    }
    if (state.hasLastNewView() && state.getLastNewView().getView() == view) {
      myNewView = state.getLastNewView();
    }
    for (NewViewEntry entry : state.getViewEntriesList()) {
      viewEntries.put(entry.getSequence(), requireHash(entry.getBlockHash()));
    }
    nextProposal = Math.max(executed, stableSequence) + 1;
    for (Slot slot : slots.values()) {
      if (slot.acceptedIn(view) && isPrimary()) {
        nextProposal = Math.max(nextProposal, slot.sequence + 1);
      }
    }
  }

  private void loadSlot(SlotRecord record) throws MalformedInputException {
    long sequence = record.getSequence();
    if (sequence <= stableSequence || sequence > highWatermark()) {
      throw new MalformedInputException("persisted slot " + sequence + " outside the window");
    }
    slot(sequence).load(record);
  }

  private static Hash requireHash(ByteString bytes) throws MalformedInputException {
    return Hash.decode(bytes, "persisted block hash");
  }
}
