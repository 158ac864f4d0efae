package org.govchain.pbft.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Transactions;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.Transaction;
import org.govchain.pbft.Action;
import org.govchain.pbft.Event;
import org.govchain.pbft.PbftConfig;
import org.govchain.pbft.PbftMessages;
import org.govchain.pbft.Ready;
import org.govchain.pbft.Replica;
import org.govchain.pbft.Signer;
import org.govchain.pbft.TimerKind;
import org.govchain.pbft.proto.PersistedState;

/**
 * One simulated department node: the driver a real node would be, around one {@link Replica}. It
 * carries out the replica's actions against the simulated network, clock, executor and disk. What
 * is on its "disk" (the persisted consensus state, committed blocks, the mempool) survives a crash;
 * everything else is lost.
 */
final class SimNode {
  final int index;
  final boolean byzantine;
  final Byzantine adversary;
  final Executor executor;
  private final Simulation simulation;
  private final PbftConfig config;
  private final Signer signer;
  private final EnumMap<TimerKind, Long> timers = new EnumMap<>(TimerKind.class);
  private final LinkedHashMap<Hash, Transaction> mempool = new LinkedHashMap<>();
  private Replica replica;
  private byte[] disk;
  private final java.util.TreeMap<Long, List<Block>> diskBlocks = new java.util.TreeMap<>();
  private int incarnation;
  private boolean alive;

  SimNode(
      Simulation simulation,
      int index,
      PbftConfig config,
      Signer signer,
      Executor executor,
      Byzantine adversary) {
    this.simulation = simulation;
    this.index = index;
    this.config = config;
    this.signer = signer;
    this.executor = executor;
    this.adversary = adversary;
    this.byzantine = adversary != null;
  }

  boolean alive() {
    return alive;
  }

  int incarnation() {
    return incarnation;
  }

  Replica replica() {
    return replica;
  }

  void start() {
    replica = Replica.create(config, signer);
    alive = true;
    step(new Event.Start());
  }

  void crash() {
    alive = false;
    replica = null;
    incarnation++;
    timers.clear();
    executor.crash();
  }

  /** Restarts from the disk; a wiped disk starts a fresh replica and an empty block store. */
  void restart(boolean wipe) {
    if (wipe) {
      disk = null;
      diskBlocks.clear();
      mempool.clear();
      executor.wipe(config.genesisHash());
    }
    if (disk == null) {
      replica = Replica.create(config, signer, executor.height(), executor.tip());
    } else {
      try {
        PersistedState state = PbftMessages.decodeState(disk);
        List<Block> blocks = new ArrayList<>();
        diskBlocks.values().forEach(blocks::addAll);
        replica = Replica.restore(config, signer, state, blocks, executor.height(), executor.tip());
      } catch (MalformedInputException e) {
        throw new SimulationFailure("replica " + index + " cannot restore its own state", e);
      }
    }
    alive = true;
    step(new Event.Start());
    List<Transaction> resubmit = new ArrayList<>(mempool.values());
    if (alive && !resubmit.isEmpty()) {
      step(new Event.TransactionsSubmitted(resubmit));
    }
  }

  /** A client (or a peer's gossip) hands this node transactions. */
  void submit(List<Transaction> transactions) {
    List<Transaction> fresh = new ArrayList<>();
    for (Transaction transaction : transactions) {
      Hash id = Transactions.id(config.suite(), transaction.getBody());
      if (!executor.isCommitted(id) && !mempool.containsKey(id)) {
        mempool.put(id, transaction);
        fresh.add(transaction);
      }
    }
    if (alive && !fresh.isEmpty()) {
      step(new Event.TransactionsSubmitted(fresh));
    }
  }

  void timerFired(TimerKind kind, long id) {
    Long current = timers.get(kind);
    if (current != null && current == id) {
      timers.remove(kind);
      step(new Event.TimerFired(kind, id));
    }
  }

  void step(Event event) {
    if (!alive) {
      return;
    }
    Ready ready = replica.step(event);
    List<Action> actions = ready.actions();
    int crashAt = simulation.crashPointWithin(this, actions.size());
    for (int i = 0; i < actions.size(); i++) {
      if (i == crashAt) {
        simulation.crashNow(this);
        return;
      }
      carryOut(actions.get(i));
    }
  }

  private static final boolean DEBUG = System.getenv("PBFT_DEBUG") != null;

  private void carryOut(Action action) {
    if (DEBUG && !byzantine && simulation.now() < 3000) {
      String text = action.toString();
      System.err.println(
          simulation.now()
              + " r"
              + index
              + " v"
              + replica.view()
              + " "
              + text.substring(0, Math.min(text.length(), 300)).replace('\n', ' '));
    }
    if (action instanceof Action.Persist persist) {
      disk = Canonical.encode(persist.state());
    } else if (action instanceof Action.PersistBlock block) {
      diskBlocks.computeIfAbsent(block.height(), h -> new ArrayList<>()).add(block.block());
    } else if (action instanceof Action.Send send) {
      simulation.send(this, send.to(), send.message());
    } else if (action instanceof Action.Broadcast broadcast) {
      for (int peer = 0; peer < config.replicas(); peer++) {
        if (peer != index) {
          simulation.send(this, peer, broadcast.message());
        }
      }
    } else if (action instanceof Action.SetTimer timer) {
      timers.put(timer.kind(), timer.timerId());
      simulation.scheduleTimer(this, timer.kind(), timer.timerId(), timer.ticks());
    } else if (action instanceof Action.CancelTimer cancel) {
      timers.remove(cancel.kind());
    } else if (action instanceof Action.BuildProposal build) {
      Block block;
      try {
        block =
            executor.build(
                build.height(),
                build.previousHash(),
                build.transactions(),
                index,
                simulation.now());
      } catch (SimulationFailure e) {
        throw new SimulationFailure(
            "replica "
                + index
                + (byzantine ? " (byzantine)" : "")
                + " at executed height "
                + executor.height()
                + ", view "
                + build.view()
                + ", building height "
                + build.height()
                + " (core executed "
                + replica.executedHeight()
                + " "
                + replica.executedHash().shortHex()
                + ", tip "
                + executor.tip().shortHex()
                + "): "
                + e.getMessage(),
            e);
      }
      simulation.proposed(block);
      simulation.local(this, new Event.ProposalBuilt(build.view(), build.height(), block));
    } else if (action instanceof Action.ValidateBlock validate) {
      boolean valid = executor.validate(validate.block());
      simulation.local(
          this, new Event.BlockValidated(validate.height(), validate.blockHash(), valid, "sim"));
    } else if (action instanceof Action.Deliver deliver) {
      executor.apply(deliver.height(), deliver.blockHash(), deliver.block(), deliver.certificate());
      for (Transaction transaction : deliver.block().getTransactionsList()) {
        mempool.remove(Transactions.id(config.suite(), transaction.getBody()));
      }
      diskBlocks.headMap(deliver.height(), true).clear();
      simulation.delivered(this, deliver);
    } else if (action instanceof Action.FetchBlocks fetch) {
      simulation.fetch(this, fetch.peer(), fetch.fromHeight(), fetch.toHeight());
    } else if (action instanceof Action.ForwardTransactions forward) {
      simulation.gossip(this, forward.transactions());
    } else {
      throw new AssertionError("unknown action " + action);
    }
  }
}
