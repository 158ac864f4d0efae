package org.govchain.pbft.sim;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Predicate;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.NodeId;
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
import org.govchain.pbft.Replica;
import org.govchain.pbft.SuiteSigner;
import org.govchain.pbft.TimerKind;
import org.govchain.pbft.proto.PbftMessage;
import org.govchain.pbft.proto.PersistedState;

/**
 * A scripted cluster for scenario tests: messages wait in one FIFO queue until the test delivers
 * them (dropping those a filter names), timers fire only when the test says so, replicas crash and
 * restart on command. Every honest send and every delivery goes through the {@link Checker}.
 */
final class Cluster {
  /** One message in flight. */
  record Packet(int from, int to, PbftMessage message) {}

  final ChainId chain = new ChainId("scenario-chain");
  final CryptoSuite suite;
  final ValidatorSet validators;
  final List<PrivateKey> keys = new ArrayList<>();
  final Hash genesisHash;
  final Checker checker;
  private final int n;
  private final int checkpointInterval;
  private final int inFlightMax;
  private final Replica[] replicas;
  private final Executor[] executors;
  private final PersistedState[] disks;
  private final List<List<Block>> diskBlocks = new ArrayList<>();
  private final List<EnumMap<TimerKind, Long>> timers = new ArrayList<>();
  private final List<List<Action.Deliver>> delivered = new ArrayList<>();
  private final List<List<PbftMessage>> sentBy = new ArrayList<>();
  private final ArrayDeque<Packet> network = new ArrayDeque<>();
  private final ArrayDeque<Object[]> local = new ArrayDeque<>();
  private Predicate<Packet> drop = packet -> false;
  private int nonce;

  Cluster(int n, CryptoSuite suite, int checkpointInterval, int inFlightMax) {
    this.n = n;
    this.suite = suite;
    this.checkpointInterval = checkpointInterval;
    this.inFlightMax = inFlightMax;
    SeededSecureRandom random = new SeededSecureRandom(42);
    List<ValidatorSet.Member> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      KeyPair pair = suite.generateKeyPair(random);
      keys.add(pair.privateKey());
      members.add(
          new ValidatorSet.Member(
              i,
              new NodeId("department-" + i),
              pair.publicKey(),
              suite.hash(new byte[] {(byte) i})));
    }
    validators = ValidatorSet.of(members);
    genesisHash = Blocks.hash(suite, Executor.genesisHeader(suite, chain));
    checker = new Checker(suite, new SuiteSigner(suite, keys.get(0), chain, validators));
    replicas = new Replica[n];
    executors = new Executor[n];
    disks = new PersistedState[n];
    for (int i = 0; i < n; i++) {
      executors[i] = new Executor(suite, chain, genesisHash, Executor.genesisStateRoot(suite));
      diskBlocks.add(new ArrayList<>());
      timers.add(new EnumMap<>(TimerKind.class));
      delivered.add(new ArrayList<>());
      sentBy.add(new ArrayList<>());
    }
  }

  PbftConfig config(int self) {
    return new PbftConfig(
        chain,
        validators,
        self,
        suite,
        genesisHash,
        checkpointInterval,
        2 * checkpointInterval,
        inFlightMax,
        10,
        1_000,
        10_000,
        100,
        100,
        800,
        20,
        64,
        4 * 1024 * 1024,
        16);
  }

  SuiteSigner signer(int replica) {
    return new SuiteSigner(suite, keys.get(replica), chain, validators);
  }

  void startAll() {
    for (int i = 0; i < n; i++) {
      replicas[i] = Replica.create(config(i), signer(i));
      step(i, new Event.Start());
    }
  }

  Replica replica(int i) {
    return replicas[i];
  }

  boolean up(int i) {
    return replicas[i] != null;
  }

  void crash(int i) {
    replicas[i] = null;
    timers.get(i).clear();
    executors[i].crash();
  }

  void restart(int i) {
    try {
      replicas[i] =
          disks[i] == null
              ? Replica.create(config(i), signer(i), executors[i].height(), executors[i].tip())
              : Replica.restore(
                  config(i),
                  signer(i),
                  disks[i],
                  diskBlocks.get(i),
                  executors[i].height(),
                  executors[i].tip());
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
    step(i, new Event.Start());
  }

  /** Drops every packet {@code filter} matches until the filter is changed. */
  void dropWhere(Predicate<Packet> filter) {
    drop = filter;
  }

  void healNetwork() {
    drop = packet -> false;
  }

  Transaction transaction() {
    TransactionBody body =
        TransactionBody.newBuilder()
            .setChainId(chain.value())
            .setType("scenario.op")
            .setPayload(ByteString.copyFromUtf8("op-" + nonce))
            .setSubmitter(ByteString.copyFrom(new byte[32]))
            .setNonce(++nonce)
            .build();
    return Transaction.newBuilder()
        .setBody(body.toByteString())
        .setSignature(ByteString.copyFrom(new byte[64]))
        .build();
  }

  /** Hands {@code transaction} to every replica that is up, as the node's mempool gossip would. */
  void submitToAll(Transaction transaction) {
    for (int i = 0; i < n; i++) {
      if (up(i)) {
        step(i, new Event.TransactionsSubmitted(List.of(transaction)));
      }
    }
  }

  void submit(int replica, Transaction transaction) {
    step(replica, new Event.TransactionsSubmitted(List.of(transaction)));
  }

  /** Fires {@code kind} at {@code replica} if it is set; returns whether it was. */
  boolean fire(int replica, TimerKind kind) {
    Long id = up(replica) ? timers.get(replica).remove(kind) : null;
    if (id == null) {
      return false;
    }
    step(replica, new Event.TimerFired(kind, id));
    return true;
  }

  boolean timerSet(int replica, TimerKind kind) {
    return timers.get(replica).containsKey(kind);
  }

  /** Fires {@code kind} at every replica that has it set. */
  void fireAll(TimerKind kind) {
    for (int i = 0; i < n; i++) {
      fire(i, kind);
    }
  }

  /** Delivers queued messages and node answers until none is left (or {@code max} steps). */
  int settle(int max) {
    int steps = 0;
    while (steps < max && (!network.isEmpty() || !local.isEmpty())) {
      steps++;
      if (!local.isEmpty()) {
        Object[] item = local.pollFirst();
        int replica = (Integer) item[0];
        if (up(replica)) {
          step(replica, (Event) item[1]);
        }
        continue;
      }
      Packet packet = network.pollFirst();
      if (up(packet.to()) && !drop.test(packet)) {
        step(packet.to(), new Event.MessageReceived(packet.from(), packet.message()));
      }
    }
    return steps;
  }

  /** Injects a message as if {@code from} had sent it to {@code to}. */
  void inject(int from, int to, PbftMessage message) {
    network.addLast(new Packet(from, to, message));
  }

  List<Action.Deliver> delivered(int replica) {
    return delivered.get(replica);
  }

  List<PbftMessage> sentBy(int replica) {
    return sentBy.get(replica);
  }

  long height(int replica) {
    return executors[replica].height();
  }

  void step(int i, Event event) {
    for (Action action : replicas[i].step(event).actions()) {
      carryOut(i, action);
    }
  }

  private void carryOut(int i, Action action) {
    if (action instanceof Action.Persist persist) {
      disks[i] = persist.state();
    } else if (action instanceof Action.PersistBlock block) {
      diskBlocks.get(i).add(block.block());
    } else if (action instanceof Action.Send send) {
      send(i, send.to(), send.message());
    } else if (action instanceof Action.Broadcast broadcast) {
      for (int peer = 0; peer < n; peer++) {
        if (peer != i) {
          send(i, peer, broadcast.message());
        }
      }
    } else if (action instanceof Action.SetTimer timer) {
      timers.get(i).put(timer.kind(), timer.timerId());
    } else if (action instanceof Action.CancelTimer cancel) {
      timers.get(i).remove(cancel.kind());
    } else if (action instanceof Action.BuildProposal build) {
      Block block =
          executors[i].build(build.height(), build.previousHash(), build.transactions(), i, 0);
      checker.proposed(Blocks.hash(suite, block.getHeader()));
      local.addLast(new Object[] {i, new Event.ProposalBuilt(build.view(), build.height(), block)});
    } else if (action instanceof Action.ValidateBlock validate) {
      boolean valid = executors[i].validate(validate.block());
      local.addLast(
          new Object[] {
            i, new Event.BlockValidated(validate.height(), validate.blockHash(), valid, "")
          });
    } else if (action instanceof Action.Deliver deliver) {
      executors[i].apply(
          deliver.height(), deliver.blockHash(), deliver.block(), deliver.certificate());
      checker.delivered(
          i, deliver.height(), deliver.blockHash(), deliver.block(), deliver.certificate());
      delivered.get(i).add(deliver);
    } else if (action instanceof Action.FetchBlocks fetch) {
      List<CertifiedBlock> blocks =
          new ArrayList<>(
              executors[fetch.peer()]
                  .committed()
                  .subMap(fetch.fromHeight(), true, fetch.toHeight(), true)
                  .values());
      local.addLast(new Object[] {i, new Event.BlocksFetched(fetch.peer(), blocks)});
    } else if (action instanceof Action.ForwardTransactions forward) {
      for (int peer = 0; peer < n; peer++) {
        if (peer != i && up(peer)) {
          local.addLast(
              new Object[] {peer, new Event.TransactionsSubmitted(forward.transactions())});
        }
      }
    }
  }

  private void send(int from, int to, PbftMessage message) {
    checker.sent(from, message);
    sentBy.get(from).add(message);
    network.addLast(new Packet(from, to, message));
  }
}
