package org.govchain.pbft.sim;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.NodeId;
import org.govchain.core.chain.Transactions;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.TransactionBody;
import org.govchain.pbft.Action;
import org.govchain.pbft.CertifiedBlock;
import org.govchain.pbft.Event;
import org.govchain.pbft.PbftConfig;
import org.govchain.pbft.Statements;
import org.govchain.pbft.SuiteSigner;
import org.govchain.pbft.TimerKind;
import org.govchain.pbft.proto.PbftMessage;

/**
 * A deterministic simulation of one chain's validators: one seed drives the network (delay,
 * reordering, loss, duplication, partitions), the clock, crashes and restarts, Byzantine replicas
 * and clients. A safety phase with faults on is followed by a liveness phase in which a core of
 * 2f+1 honest replicas is healed and must commit every transaction submitted to it. The {@link
 * Checker}'s invariants hold at every step or the run fails, naming its seed.
 */
public final class Simulation {
  /** Timer settings of simulated replicas, in ticks (think of a tick as 10 ms). */
  static final long REQUEST_TIMEOUT_TICKS = 150;

  static final long VIEW_CHANGE_TIMEOUT_TICKS = 120;
  static final long VIEW_CHANGE_TIMEOUT_MAX_TICKS = 1_600;
  static final long RETRANSMIT_TICKS = 25;
  static final int FETCH_BLOCKS_MAX = 16;

  private static final int MESSAGE = 0;
  private static final int LOCAL = 1;
  private static final int TIMER = 2;
  private static final int GOSSIP = 3;
  private static final int FETCH_REQUEST = 4;
  private static final int FETCH_REPLY = 5;
  private static final int RESTART = 6;

  private record Scheduled(
      long tick, long order, int kind, int from, int to, int incarnation, Object payload)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled other) {
      int byTick = Long.compare(tick, other.tick);
      return byTick != 0 ? byTick : Long.compare(order, other.order);
    }
  }

  /** The outcome of a run that held every invariant. */
  public record Result(
      SimOptions options,
      String trace,
      long committedHeight,
      long ticks,
      long transactionsCommitted,
      long messagesSent,
      long messagesDropped,
      long messagesDuplicated,
      long crashes,
      long partitions,
      long byzantineMessages,
      long viewChanges,
      long invariantChecks) {}

  private final SimOptions options;
  private final SplittableRandom random;
  private final Trace trace = new Trace();
  private final ChainId chain = new ChainId("sim-chain");
  private final CryptoSuite suite;
  private final Checker checker;
  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
  private final SimNode[] nodes;
  private final boolean[] core;
  private final boolean[][] blocked;
  private final List<Transaction> owed = new ArrayList<>();
  private long order;
  private long tick;
  private boolean liveness;
  private long partitionEndsAt = -1;
  private int nonce;
  private long sent;
  private long dropped;
  private long duplicated;
  private long crashes;
  private long partitions;
  private long viewChanges;

  private Simulation(SimOptions options) {
    this.options = options;
    this.random = new SplittableRandom(options.seed());
    this.suite = suiteNamed(options.suite());
    int n = options.replicas();
    SeededSecureRandom keyRandom = new SeededSecureRandom(options.seed() * 31 + 7);
    List<ValidatorSet.Member> members = new ArrayList<>();
    List<PrivateKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      KeyPair pair = suite.generateKeyPair(keyRandom);
      keys.add(pair.privateKey());
      members.add(
          new ValidatorSet.Member(
              i,
              new NodeId("department-" + i),
              pair.publicKey(),
              suite.hash(new byte[] {(byte) i})));
    }
    ValidatorSet validators = ValidatorSet.of(members);
    Hash genesisHash = Blocks.hash(suite, Executor.genesisHeader(suite, chain));
    this.checker = new Checker(suite, new SuiteSigner(suite, keys.get(0), chain, validators));
    this.nodes = new SimNode[n];
    this.core = chooseCore(n);
    this.blocked = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      PbftConfig config = config(validators, i, genesisHash);
      SuiteSigner signer = new SuiteSigner(suite, keys.get(i), chain, validators);
      Executor executor = new Executor(suite, chain, genesisHash, Executor.genesisStateRoot(suite));
      Byzantine adversary =
          i < options.byzantine()
              ? new Byzantine(
                  i,
                  n,
                  options.behaviors(),
                  random,
                  signer,
                  new Statements(chain, suite),
                  new Statements(Byzantine.otherChain(), suite),
                  executor,
                  checker,
                  genesisHash,
                  suite,
                  chain.value())
              : null;
      nodes[i] = new SimNode(this, i, config, signer, executor, adversary);
    }
  }

  static CryptoSuite suiteNamed(String name) {
    return switch (name) {
      case "FAKE" -> FakeSuite.INSTANCE;
      case "INTL" -> CryptoSuite.intl();
      case "SM" -> CryptoSuite.sm();
      default -> throw new IllegalArgumentException("unknown suite " + name);
    };
  }

  private PbftConfig config(ValidatorSet validators, int self, Hash genesisHash) {
    int interval = options.checkpointInterval();
    return new PbftConfig(
        chain,
        validators,
        self,
        suite,
        genesisHash,
        interval,
        2 * interval,
        options.inFlightMax(),
        options.blockTransactionsMax(),
        1_000,
        10_000,
        REQUEST_TIMEOUT_TICKS,
        VIEW_CHANGE_TIMEOUT_TICKS,
        VIEW_CHANGE_TIMEOUT_MAX_TICKS,
        RETRANSMIT_TICKS,
        64,
        4 * 1024 * 1024,
        FETCH_BLOCKS_MAX);
  }

  /** The honest replicas healed in the liveness phase: 2f+1 of them, drawn from the seed. */
  private boolean[] chooseCore(int n) {
    boolean[] chosen = new boolean[n];
    List<Integer> honest = new ArrayList<>();
    for (int i = options.byzantine(); i < n; i++) {
      honest.add(i);
    }
    int size = n - ((n - 1) / 3);
    for (int k = 0; k < size && !honest.isEmpty(); k++) {
      chosen[honest.remove(random.nextInt(honest.size()))] = true;
    }
    return chosen;
  }

  /**
   * Runs one simulation; throws {@link SimulationFailure} naming the seed if an invariant fails.
   */
  public static Result run(SimOptions options) {
    Simulation simulation = new Simulation(options);
    try {
      return simulation.execute();
    } catch (SimulationFailure | org.govchain.core.InvariantViolation e) {
      throw new SimulationFailure(
          "seed "
              + options.seed()
              + " failed at tick "
              + simulation.tick
              + ": "
              + e.getMessage()
              + "\n  options: "
              + options
              + "\n  replay: "
              + options.replayCommand(),
          e);
    }
  }

  /** The bound within which the liveness phase must commit everything (stated in docs). */
  public static long livenessBoundTicks(SimOptions options) {
    long perViewChange = VIEW_CHANGE_TIMEOUT_MAX_TICKS + 2 * REQUEST_TIMEOUT_TICKS;
    return 3_000 + (2L * options.faulty() + 2) * perViewChange;
  }

  private Result execute() {
    for (SimNode node : nodes) {
      node.start();
    }
    long end = options.safetyTicks() + livenessBoundTicks(options);
    for (tick = 0; tick <= end; tick++) {
      if (!liveness && tick >= options.safetyTicks()) {
        startLiveness();
      }
      if (!liveness) {
        injectFaults();
      }
      submitTransactions();
      while (!queue.isEmpty() && queue.peek().tick() <= tick) {
        process(queue.poll());
      }
      if (liveness && livenessReached()) {
        return result();
      }
    }
    throw new SimulationFailure(
        "LIVENESS: after "
            + livenessBoundTicks(options)
            + " ticks of liveness phase, "
            + missing()
            + " of "
            + owed.size()
            + " owed transactions are not committed on every"
            + " core replica; "
            + describe());
  }

  private Result result() {
    long byzantineMessages = 0;
    for (SimNode node : nodes) {
      if (node.adversary != null) {
        byzantineMessages += node.adversary.injected();
      }
    }
    long height = checker.committed().isEmpty() ? 0 : checker.committed().lastKey();
    return new Result(
        options,
        trace.digest(),
        height,
        tick,
        owed.size(),
        sent,
        dropped,
        duplicated,
        crashes,
        partitions,
        byzantineMessages,
        viewChanges,
        checker.checks());
  }

  private String describe() {
    StringBuilder out = new StringBuilder();
    for (SimNode node : nodes) {
      out.append("\n  replica ")
          .append(node.index)
          .append(node.byzantine ? " byzantine" : core[node.index] ? " core" : " honest")
          .append(node.alive() ? "" : " DOWN");
      if (node.alive()) {
        out.append(" view=")
            .append(node.replica().view())
            .append(node.replica().viewActive() ? "" : "(changing)")
            .append(" executed=")
            .append(node.replica().executedHeight())
            .append(" stable=")
            .append(node.replica().stableCheckpoint())
            .append(" pending=")
            .append(node.replica().pendingTransactions())
            .append(" refusals=")
            .append(node.replica().refusals());
      }
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ phases and faults

  private void startLiveness() {
    liveness = true;
    for (boolean[] row : blocked) {
      java.util.Arrays.fill(row, false);
    }
    for (SimNode node : nodes) {
      if (core[node.index] && !node.alive()) {
        node.restart(false);
      }
      if (!core[node.index] && !node.byzantine && node.alive() && random.nextInt(3) == 0) {
        crashNow(node);
      }
    }
    for (int i = 0; i < 3; i++) {
      submitOne();
    }
  }

  private void injectFaults() {
    if (options.partitions() && partitionEndsAt < 0 && random.nextInt(400) == 0) {
      startPartition();
    }
    if (partitionEndsAt >= 0 && tick >= partitionEndsAt) {
      for (boolean[] row : blocked) {
        java.util.Arrays.fill(row, false);
      }
      partitionEndsAt = -1;
    }
    if (options.crashes() && random.nextInt(300) == 0) {
      SimNode node = nodes[random.nextInt(nodes.length)];
      if (node.alive() && !node.byzantine) {
        crashNow(node);
      }
    }
    if (options.behaviors().contains(Behavior.AMNESIA) && random.nextInt(500) == 0) {
      SimNode node = nodes[random.nextInt(Math.max(1, options.byzantine()))];
      if (node.byzantine && node.alive()) {
        node.crash();
        crashes++;
        schedule(tick + 1 + random.nextInt(100), RESTART, node.index, node.index, -1, Boolean.TRUE);
      }
    }
  }

  private void startPartition() {
    int n = nodes.length;
    boolean[] side = new boolean[n];
    for (int i = 0; i < n; i++) {
      side[i] = random.nextBoolean();
    }
    boolean symmetric = random.nextBoolean();
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        if (side[a] && !side[b]) {
          blocked[a][b] = true;
          blocked[b][a] = symmetric;
        }
      }
    }
    partitionEndsAt = tick + 100 + random.nextInt(1_500);
    partitions++;
  }

  void crashNow(SimNode node) {
    node.crash();
    crashes++;
    trace.add(7, tick, node.index);
    if (!liveness || core[node.index]) {
      schedule(tick + 20 + random.nextInt(600), RESTART, node.index, node.index, -1, Boolean.FALSE);
    }
  }

  /** Where, inside a step's actions, an honest node crashes (-1: it does not). */
  int crashPointWithin(SimNode node, int actions) {
    if (liveness || !options.crashes() || node.byzantine || actions < 2) {
      return -1;
    }
    return random.nextInt(2_000) == 0 ? 1 + random.nextInt(actions - 1) : -1;
  }

  // ------------------------------------------------------------------ clients

  private void submitTransactions() {
    if (liveness) {
      return;
    }
    if (random.nextLong(options.safetyTicks()) < options.transactions()) {
      submitOne();
    }
  }

  private void submitOne() {
    SimNode node = nodes[random.nextInt(nodes.length)];
    if (!node.alive() || (liveness && !core[node.index])) {
      return;
    }
    TransactionBody body =
        TransactionBody.newBuilder()
            .setChainId(chain.value())
            .setType("sim.op")
            .setPayload(ByteString.copyFromUtf8("op-" + nonce))
            .setSubmitter(ByteString.copyFrom(new byte[32]))
            .setNonce(++nonce)
            .setTimestampMillis(tick)
            .build();
    Transaction transaction =
        Transaction.newBuilder()
            .setBody(body.toByteString())
            .setSignature(ByteString.copyFrom(new byte[64]))
            .build();
    if (core[node.index]) {
      owed.add(transaction);
    }
    trace.add(8, tick, node.index, nonce);
    node.submit(List.of(transaction));
    gossip(node, List.of(transaction));
  }

  private boolean livenessReached() {
    return missing() == 0;
  }

  private int missing() {
    int missing = 0;
    for (Transaction transaction : owed) {
      Hash id = Transactions.id(suite, transaction.getBody());
      for (SimNode node : nodes) {
        if (core[node.index] && !node.executor.isCommitted(id)) {
          missing++;
          break;
        }
      }
    }
    return missing;
  }

  // ------------------------------------------------------------------ network

  long now() {
    return tick;
  }

  void send(SimNode from, int to, PbftMessage message) {
    if (from.adversary != null) {
      for (Byzantine.Packet packet : from.adversary.rewrite(to, message)) {
        transmit(from.index, packet.to(), MESSAGE, packet.message());
      }
      return;
    }
    checker.sent(from.index, message);
    if (message.hasViewChange() && message.getViewChange().getReplica() == from.index) {
      viewChanges++;
    }
    transmit(from.index, to, MESSAGE, message);
  }

  void gossip(SimNode from, List<Transaction> transactions) {
    for (int peer = 0; peer < nodes.length; peer++) {
      if (peer != from.index) {
        transmit(from.index, peer, GOSSIP, transactions);
      }
    }
  }

  void fetch(SimNode from, int peer, long fromHeight, long toHeight) {
    transmit(
        from.index, peer, FETCH_REQUEST, new long[] {fromHeight, toHeight, from.incarnation()});
  }

  private void transmit(int from, int to, int kind, Object payload) {
    sent++;
    boolean reliable = liveness && core[from] && core[to];
    if (!reliable && (blocked[from][to] || random.nextInt(100) < options.lossPercent())) {
      dropped++;
      return;
    }
    schedule(tick + 1 + random.nextInt(options.maxDelayTicks()), kind, from, to, -1, payload);
    if (!reliable && random.nextInt(100) < options.duplicatePercent()) {
      duplicated++;
      schedule(tick + 1 + random.nextInt(3 * options.maxDelayTicks()), kind, from, to, -1, payload);
    }
  }

  void local(SimNode node, Event event) {
    schedule(
        tick + 1 + random.nextInt(2), LOCAL, node.index, node.index, node.incarnation(), event);
  }

  void scheduleTimer(SimNode node, TimerKind kind, long id, long ticks) {
    schedule(
        tick + ticks, TIMER, node.index, node.index, node.incarnation(), new Object[] {kind, id});
  }

  void proposed(Block block) {
    checker.proposed(Blocks.hash(suite, block.getHeader()));
  }

  void delivered(SimNode node, Action.Deliver deliver) {
    trace.add(deliver.blockHash(), 9, tick, node.index, deliver.height());
    if (!node.byzantine) {
      checker.delivered(
          node.index,
          deliver.height(),
          deliver.blockHash(),
          deliver.block(),
          deliver.certificate());
    }
  }

  private void schedule(long at, int kind, int from, int to, int incarnation, Object payload) {
    queue.add(new Scheduled(at, order++, kind, from, to, incarnation, payload));
  }

  private void process(Scheduled item) {
    SimNode node = nodes[item.to()];
    if (item.kind() == RESTART) {
      if (!node.alive()) {
        trace.add(10, tick, node.index);
        node.restart((Boolean) item.payload());
      }
      return;
    }
    if (!node.alive() || (item.incarnation() >= 0 && item.incarnation() != node.incarnation())) {
      return;
    }
    switch (item.kind()) {
      case MESSAGE -> deliverMessage(item.from(), node, (PbftMessage) item.payload());
      case LOCAL -> {
        trace.add(11, tick, node.index);
        node.step((Event) item.payload());
      }
      case TIMER -> {
        Object[] timer = (Object[]) item.payload();
        trace.add(12, tick, node.index, ((TimerKind) timer[0]).ordinal());
        node.timerFired((TimerKind) timer[0], (Long) timer[1]);
      }
      case GOSSIP -> {
        @SuppressWarnings("unchecked")
        List<Transaction> transactions = (List<Transaction>) item.payload();
        node.submit(transactions);
      }
      case FETCH_REQUEST -> answerFetch(item.from(), node, (long[]) item.payload());
      case FETCH_REPLY -> {
        @SuppressWarnings("unchecked")
        List<CertifiedBlock> blocks = (List<CertifiedBlock>) item.payload();
        trace.add(13, tick, node.index, blocks.size());
        node.step(new Event.BlocksFetched(item.from(), blocks));
      }
      default -> throw new AssertionError("unknown item kind " + item.kind());
    }
  }

  private void deliverMessage(int from, SimNode node, PbftMessage message) {
    trace.add(
        1,
        tick,
        from,
        node.index,
        message.getBodyCase().getNumber(),
        viewOf(message),
        sequenceOf(message));
    if (node.adversary != null) {
      node.adversary.observe(message);
    }
    node.step(new Event.MessageReceived(from, message));
  }

  private void answerFetch(int requester, SimNode server, long[] range) {
    List<CertifiedBlock> blocks = new ArrayList<>();
    long to = Math.min(range[1], range[0] + FETCH_BLOCKS_MAX - 1);
    for (CertifiedBlock block :
        server.executor.committed().subMap(range[0], true, to, true).values()) {
      blocks.add(block);
    }
    if (server.byzantine && options.behaviors().contains(Behavior.FORGE) && !blocks.isEmpty()) {
      CertifiedBlock first = blocks.get(0);
      Block tampered =
          first.block().toBuilder()
              .setHeader(first.block().getHeader().toBuilder().setTimestampMillis(-1))
              .build();
      blocks.set(0, new CertifiedBlock(tampered, first.certificate()));
    }
    sent++;
    boolean reliable = liveness && core[server.index] && core[requester];
    if (!reliable && random.nextInt(100) < options.lossPercent()) {
      dropped++;
      return;
    }
    schedule(
        tick + 1 + random.nextInt(options.maxDelayTicks()),
        FETCH_REPLY,
        server.index,
        requester,
        (int) range[2],
        List.copyOf(blocks));
  }

  private static long viewOf(PbftMessage message) {
    return switch (message.getBodyCase()) {
      case PRE_PREPARE -> message.getPrePrepare().getView();
      case PREPARE -> message.getPrepare().getView();
      case COMMIT -> message.getCommit().getView();
      case VIEW_CHANGE -> message.getViewChange().getNewView();
      case NEW_VIEW -> message.getNewView().getView();
      default -> 0;
    };
  }

  private static long sequenceOf(PbftMessage message) {
    return switch (message.getBodyCase()) {
      case PRE_PREPARE -> message.getPrePrepare().getSequence();
      case PREPARE -> message.getPrepare().getSequence();
      case COMMIT -> message.getCommit().getSequence();
      case CHECKPOINT -> message.getCheckpoint().getSequence();
      case BLOCK_REQUEST -> message.getBlockRequest().getSequence();
      case BLOCK_REPLY -> message.getBlockReply().getSequence();
      default -> 0;
    };
  }

  /** Heights committed by honest replicas so far (for scenario tests). */
  TreeSet<Long> committedHeights() {
    return new TreeSet<>(checker.committed().keySet());
  }
}
