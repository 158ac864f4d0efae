package org.govchain.node.chain;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.govchain.core.Invariants;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Blocks;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.Transaction;
import org.govchain.node.net.PeerLink;
import org.govchain.node.proto.ConsensusEnvelope;
import org.govchain.node.proto.TransactionGossip;
import org.govchain.p2p.MessageChannel;
import org.govchain.pbft.Action;
import org.govchain.pbft.Event;
import org.govchain.pbft.PbftConfig;
import org.govchain.pbft.Replica;
import org.govchain.pbft.Signer;
import org.govchain.pbft.TimerKind;
import org.govchain.pbft.proto.PbftMessage;
import org.govchain.pbft.proto.PersistedState;
import org.govchain.storage.BlockCommit;
import org.govchain.storage.ChainStore;
import org.govchain.storage.ConsensusLogUpdate;
import org.govchain.storage.StateChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One hosted chain at run time: its PBFT replica driven by one consensus thread that drains a
 * bounded queue of peer messages and an internal queue of the node's own results (timers, built and
 * validated blocks, fetched blocks). Netty threads and timers only enqueue.
 *
 * <p>A batch of work ends with one synced write of what the replica must not contradict (the blocks
 * it voted for and its latest state) before any message of the batch is sent: persist before send.
 * Committed blocks are written, with their state changes, in one synced batch each.
 */
public final class ChainRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChainRuntime.class);

  /** Most queued events one batch takes before it persists and sends. */
  static final int MAX_BATCH_EVENTS = 256;

  /** How long a validation may wait for an anchored chain to reach the pinned height. */
  static final long ANCHOR_WAIT_MILLIS = 30_000;

  private final ChainSetup chain;
  private final ChainStore chainStore;
  private final BlockExecutor executor;
  private final PeerLink peers;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final long tickMillis;
  private final ConsensusState consensusState;
  private final PbftConfig config;
  private final Replica replica;
  private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Event> external;
  private final ConcurrentLinkedQueue<Runnable> internal = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final PendingExecutions executions = new PendingExecutions();
  private final ArrayDeque<Action> parked = new ArrayDeque<>();
  private final Map<TimerKind, ScheduledFuture<?>> timerFutures = new EnumMap<>(TimerKind.class);
  private final AtomicLong droppedMessages = new AtomicLong();
  private final Thread thread;
  private volatile ChainView view;
  private volatile boolean running = true;
  private volatile Throwable failure;
  private long viewChanges;

  /** Everything a runtime needs; built by the node. */
  public record Dependencies(
      ChainStore chainStore,
      BlockExecutor executor,
      PeerLink peers,
      ScheduledExecutorService timers,
      Clock clock,
      long tickMillis,
      int queueCapacity) {}

  public ChainRuntime(ChainSetup chain, PbftConfig config, Signer signer, Dependencies dependencies)
      throws MalformedInputException {
    this.chain = chain;
    this.chainStore = dependencies.chainStore();
    this.executor = dependencies.executor();
    this.peers = dependencies.peers();
    this.timers = dependencies.timers();
    this.clock = dependencies.clock();
    this.tickMillis = dependencies.tickMillis();
    this.external = new ArrayBlockingQueue<>(dependencies.queueCapacity());
    this.consensusState = new ConsensusState(chainStore.consensusLog());
    this.config = config;
    this.replica = restoreReplica(config, signer);
    this.view = snapshotView();
    this.thread = new Thread(this::run, "govchain-consensus-" + chain.kind().suffix());
    this.thread.setDaemon(true);
  }

  private Replica restoreReplica(PbftConfig config, Signer signer) throws MalformedInputException {
    long height = chainStore.latestHeight();
    Invariants.check(height >= 0, "chain %s has no genesis block", chain.id());
    Hash hash = Blocks.hash(chain.suite(), chainStore.block(height).orElseThrow().getHeader());
    Optional<PersistedState> state = consensusState.state();
    if (state.isPresent()) {
      return Replica.restore(config, signer, state.get(), consensusState.blocks(), height, hash);
    }
    return height > 0
        ? Replica.create(config, signer, height, hash)
        : Replica.create(config, signer);
  }

  public ChainSetup chain() {
    return chain;
  }

  public void addListener(CommitListener listener) {
    listeners.add(listener);
  }

  public void start() {
    thread.start();
  }

  /** The latest published view of this chain (heights, view, primary). */
  public ChainView view() {
    return view;
  }

  /** Peer messages refused because the queue was full (the replica retransmits what matters). */
  public long droppedMessages() {
    return droppedMessages.get();
  }

  /** A failure that stopped the consensus thread, if any. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** A decoded PBFT message from validator {@code sender}; dropped when the queue is full. */
  public boolean offerMessage(int sender, PbftMessage message) {
    boolean queued = external.offer(new Event.MessageReceived(sender, message));
    if (queued) {
      signal();
    } else {
      droppedMessages.incrementAndGet();
    }
    return queued;
  }

  /** Verified transactions the mempool took, for the replica to order. */
  public void offerTransactions(List<Transaction> transactions) {
    if (!transactions.isEmpty()) {
      enqueue(() -> step(new Event.TransactionsSubmitted(transactions)));
    }
  }

  /** Runs {@code task} on the consensus thread (internal queue: bounded by the work in flight). */
  void enqueue(Runnable task) {
    internal.add(task);
    signal();
  }

  private void signal() {
    lock.lock();
    try {
      available.signal();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    MDC.put("chain", chain.id().value());
    try {
      beginBatch();
      step(new Event.Start());
      endBatch();
      while (running) {
        awaitWork();
        beginBatch();
        for (Runnable task; (task = internal.poll()) != null; ) {
          task.run();
        }
        List<Event> events = new ArrayList<>();
        external.drainTo(events, MAX_BATCH_EVENTS);
        for (Event event : events) {
          step(event);
        }
        endBatch();
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      running = false;
      LOG.error("{}: consensus stopped: {}", chain.id(), e.toString(), e);
    }
  }

  private void awaitWork() {
    lock.lock();
    try {
      while (running && internal.isEmpty() && external.isEmpty()) {
        available.await(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  // ---- one batch: actions carried out in order; state and voted blocks persisted before sends

  private ConsensusLogUpdate.Builder pendingUpdate;
  private PersistedState pendingState;
  private long pendingStateStep;
  private long steps;
  private final List<Runnable> pendingSends = new ArrayList<>();

  private void beginBatch() {
    pendingUpdate = ConsensusLogUpdate.builder();
    pendingState = null;
    pendingSends.clear();
  }

  private void endBatch() {
    if (pendingState != null) {
      consensusState.putState(pendingUpdate, pendingState);
    }
    consensusState.write(pendingUpdate.build());
    for (Runnable send : pendingSends) {
      send.run();
    }
    beginBatch();
    publishView();
  }

  private void step(Event event) {
    List<Action> actions = replica.step(event).actions();
    long thisStep = ++steps;
    Action.Persist withBlock = stateAfterLastDelivery(actions);
    Action.Deliver lastDelivery = withBlock == null ? null : lastDelivery(actions);
    for (Action action : actions) {
      if (action instanceof Action.Persist persist) {
        if (persist != withBlock) {
          keepNewestState(persist.state(), thisStep);
        }
        continue;
      }
      if (action == lastDelivery) {
        keepNewestState(withBlock.state(), thisStep);
      }
      carryOut(action);
    }
  }

  /**
   * Keeps the state of the latest replica step for the batch's write. A step's actions may run
   * steps of their own (a build or a validation answers at once): their states are newer than the
   * state of the step that asked, which is carried out after them and must not replace them.
   */
  private void keepNewestState(PersistedState state, long step) {
    if (step >= pendingStateStep) {
      pendingState = state;
      pendingStateStep = step;
    }
  }

  private static Action.Persist stateAfterLastDelivery(List<Action> actions) {
    boolean delivered = false;
    for (Action action : actions) {
      if (action instanceof Action.Deliver) {
        delivered = true;
      } else if (delivered && action instanceof Action.Persist persist) {
        return persist;
      }
    }
    return null;
  }

  private static Action.Deliver lastDelivery(List<Action> actions) {
    for (int i = actions.size() - 1; i >= 0; i--) {
      if (actions.get(i) instanceof Action.Deliver last) {
        return last;
      }
    }
    return null;
  }

  private void carryOut(Action action) {
    if (action instanceof Action.PersistBlock persist) {
      consensusState.putBlock(pendingUpdate, persist.blockHash(), persist.block());
    } else if (action instanceof Action.Deliver deliver) {
      deliver(deliver.height(), deliver.blockHash(), deliver.block(), deliver.certificate());
    } else if (action instanceof Action.Send send) {
      PbftMessage message = send.message();
      pendingSends.add(
          () -> peers.send(nodeOf(send.to()), MessageChannel.CONSENSUS, envelope(message)));
    } else if (action instanceof Action.Broadcast broadcast) {
      PbftMessage message = broadcast.message();
      pendingSends.add(() -> peers.broadcast(MessageChannel.CONSENSUS, envelope(message)));
    } else if (action instanceof Action.SetTimer set) {
      setTimer(set.kind(), set.timerId(), set.ticks());
    } else if (action instanceof Action.CancelTimer cancel) {
      cancelTimer(cancel.kind());
    } else if (action instanceof Action.BuildProposal build) {
      build(build);
    } else if (action instanceof Action.ValidateBlock validate) {
      validate(validate);
    } else if (action instanceof Action.FetchBlocks fetch) {
      BlockFetcher.fetch(chain, peers, fetch, this::enqueue, this::step);
    } else if (action instanceof Action.ForwardTransactions forward) {
      ByteString gossip = gossip(forward.transactions());
      pendingSends.add(() -> peers.broadcast(MessageChannel.TRANSACTIONS, gossip));
    } else {
      throw new AssertionError("unknown action " + action);
    }
  }

  private ByteString envelope(PbftMessage message) {
    return ConsensusEnvelope.newBuilder()
        .setChainId(chain.id().value())
        .setGenesisHash(chain.genesisHash().toByteString())
        .setMessage(Canonical.encodeToByteString(message))
        .build()
        .toByteString();
  }

  ByteString gossip(List<Transaction> transactions) {
    return TransactionGossip.newBuilder()
        .setChainId(chain.id().value())
        .setGenesisHash(chain.genesisHash().toByteString())
        .addAllTransactions(transactions)
        .build()
        .toByteString();
  }

  private org.govchain.core.chain.NodeId nodeOf(int index) {
    return chain.validators().member(index).nodeId();
  }

  // ---- timers

  private void setTimer(TimerKind kind, long timerId, long ticks) {
    cancelTimer(kind);
    ScheduledFuture<?> future =
        timers.schedule(
            () -> enqueue(() -> step(new Event.TimerFired(kind, timerId))),
            Math.max(1, ticks) * tickMillis,
            TimeUnit.MILLISECONDS);
    timerFutures.put(kind, future);
  }

  private void cancelTimer(TimerKind kind) {
    ScheduledFuture<?> previous = timerFutures.remove(kind);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  // ---- execution: build, validate, deliver

  private Hash latestHash() {
    return Blocks.hash(
        chain.suite(), chainStore.block(chainStore.latestHeight()).orElseThrow().getHeader());
  }

  /** Builds when the parent is the latest committed block; otherwise parks until it is. */
  private void build(Action.BuildProposal build) {
    if (build.height() != chainStore.latestHeight() + 1
        || !build.previousHash().equals(latestHash())) {
      park(build);
      return;
    }
    BlockExecutor.Built built =
        executor.build(
            chain, build.height(), build.previousHash(), build.transactions(), clock.millis());
    executions.put(built.blockHash(), built.changes());
    step(new Event.ProposalBuilt(build.view(), build.height(), built.block()));
  }

  private void validate(Action.ValidateBlock validate) {
    long latest = chainStore.latestHeight();
    if (validate.height() <= latest) {
      Optional<Block> committed = chainStore.block(validate.height());
      boolean same =
          committed
              .map(b -> Blocks.hash(chain.suite(), b.getHeader()).equals(validate.blockHash()))
              .orElse(false);
      step(
          new Event.BlockValidated(
              validate.height(),
              validate.blockHash(),
              same,
              same ? "" : "conflicts with the committed block"));
      return;
    }
    if (validate.height() > latest + 1) {
      park(validate);
      return;
    }
    Validation validation = executor.validate(chain, validate.block(), clock.millis(), false);
    if (validation instanceof Validation.Waiting waiting) {
      AnchorWait.schedule(this, validate, waiting, timers);
      return;
    }
    answer(validate, validation);
  }

  /** Answers a validation once its verdict is known (called on the consensus thread). */
  void answer(Action.ValidateBlock validate, Validation validation) {
    if (validation instanceof Validation.Valid valid) {
      executions.put(validate.blockHash(), valid.changes());
      step(new Event.BlockValidated(validate.height(), validate.blockHash(), true, ""));
    } else if (validation instanceof Validation.Invalid invalid) {
      LOG.warn(
          "{}: block {} at height {} is invalid: {}",
          chain.id(),
          validate.blockHash().shortHex(),
          validate.height(),
          invalid.reason());
      step(
          new Event.BlockValidated(
              validate.height(), validate.blockHash(), false, invalid.reason()));
    } else {
      Validation.Waiting waiting = (Validation.Waiting) validation;
      String reason =
          "anchored chain "
              + waiting.chain()
              + " did not reach height "
              + waiting.height()
              + " in time";
      step(new Event.BlockValidated(validate.height(), validate.blockHash(), false, reason));
    }
  }

  /** Re-runs a validation on the consensus thread (for {@link AnchorWait}). */
  Validation revalidate(Action.ValidateBlock validate) {
    if (validate.height() != chainStore.latestHeight() + 1) {
      return new Validation.Invalid("the chain moved on while the validation waited");
    }
    return executor.validate(chain, validate.block(), clock.millis(), false);
  }

  private void park(Action action) {
    while (parked.size() >= 16) {
      parked.pollFirst();
    }
    parked.addLast(action);
  }

  private void deliver(long height, Hash blockHash, Block block, CommitCertificate certificate) {
    StateChanges changes = executions.take(blockHash);
    if (changes == null) {
      changes = executeCertified(block);
    }
    // The batch's pending consensus-log writes (voted blocks, and the replica's state when it
    // follows this delivery) ride in the block's synced batch: no synced write of their own.
    if (pendingState != null) {
      consensusState.putState(pendingUpdate, pendingState);
      pendingState = null;
    }
    ConsensusLogUpdate update = pendingUpdate.build();
    pendingUpdate = ConsensusLogUpdate.builder();
    chainStore.commit(BlockCommit.of(block, certificate, changes, update));
    executions.committed(height);
    for (CommitListener listener : listeners) {
      listener.committed(chain, height, blockHash, block, Optional.of(certificate));
    }
    retryParked();
  }

  /** A certified block this node did not validate: re-execute it, waiting for anchors if needed. */
  private StateChanges executeCertified(Block block) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANCHOR_WAIT_MILLIS) * 10;
    while (true) {
      Validation validation = executor.validate(chain, block, clock.millis(), true);
      if (validation instanceof Validation.Valid valid) {
        return valid.changes();
      }
      if (validation instanceof Validation.Invalid invalid) {
        throw new org.govchain.core.InvariantViolation(
            chain.id()
                + ": a certified block at height "
                + block.getHeader().getHeight()
                + " does not re-execute here ("
                + invalid.reason()
                + "): this node's state diverged");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            chain.id() + ": waited too long for an anchored chain: " + validation);
      }
      AnchorWait.pause();
    }
  }

  private void retryParked() {
    int count = parked.size();
    for (int i = 0; i < count; i++) {
      Action action = parked.pollFirst();
      if (action instanceof Action.BuildProposal build) {
        if (build.height() > chainStore.latestHeight()) {
          build(build);
        }
      } else if (action instanceof Action.ValidateBlock validate) {
        validate(validate);
      }
    }
  }

  private void publishView() {
    long height = chainStore.latestHeight();
    ChainView previous = view;
    if (previous != null && replica.view() > previous.view()) {
      viewChanges += 1;
      LOG.info("{}: view {} (primary {})", chain.id(), replica.view(), primaryOf(replica.view()));
    }
    view =
        new ChainView(
            height,
            previous != null && previous.height() == height ? previous.blockHash() : latestHash(),
            replica.view(),
            replica.viewActive(),
            config.primary(replica.view()),
            viewChanges);
  }

  private ChainView snapshotView() {
    return new ChainView(
        chainStore.latestHeight(),
        latestHash(),
        replica.view(),
        replica.viewActive(),
        config.primary(replica.view()),
        0);
  }

  private String primaryOf(long viewNumber) {
    return chain.validators().member(config.primary(viewNumber)).nodeId().value();
  }

  @Override
  public void close() {
    running = false;
    signal();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (TimerKind kind : TimerKind.values()) {
      cancelTimer(kind);
    }
  }
}
