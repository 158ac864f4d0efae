package org.govchain.node.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.govchain.core.proto.Transaction;
import org.govchain.node.chain.ChainRuntime;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.net.PeerLink;
import org.govchain.node.proto.TransactionGossip;
import org.govchain.p2p.MessageChannel;

/**
 * Hands one chain's newly admitted transactions to its replica, and a client's also to the other
 * validators, in batches: one consensus-thread task and one gossip message for whatever was
 * admitted since the last hand-off, instead of one per transaction. No delay is added — a batch is
 * what accumulated while the previous hand-off was running. What waits here is bounded by the
 * mempool (only transactions it took are relayed); a gossip message carries at most {@value
 * #GOSSIP_TRANSACTIONS_MAX} transactions and about {@value #GOSSIP_BYTES_MAX} bytes.
 */
final class TransactionRelay {
  static final int GOSSIP_TRANSACTIONS_MAX = 1_000;
  static final int GOSSIP_BYTES_MAX = 1024 * 1024;

  private final ChainSetup chain;
  private final ChainRuntime runtime;
  private final PeerLink peers;
  private final Executor executor;
  private final ConcurrentLinkedQueue<Transaction> toReplica = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Transaction> toPeers = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  TransactionRelay(ChainSetup chain, ChainRuntime runtime, PeerLink peers, Executor executor) {
    this.chain = chain;
    this.runtime = runtime;
    this.peers = peers;
    this.executor = executor;
  }

  /** A transaction this node's mempool took; {@code gossip} if the other validators need it. */
  void admitted(Transaction transaction, boolean gossip) {
    toReplica.add(transaction);
    if (gossip) {
      toPeers.add(transaction);
    }
    if (scheduled.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    // Cleared first: a transaction added from here on schedules another drain.
    scheduled.set(false);
    List<Transaction> batch = new ArrayList<>();
    for (Transaction transaction; (transaction = toReplica.poll()) != null; ) {
      batch.add(transaction);
    }
    runtime.offerTransactions(batch);
    while (!toPeers.isEmpty()) {
      TransactionGossip.Builder gossip =
          TransactionGossip.newBuilder()
              .setChainId(chain.id().value())
              .setGenesisHash(chain.genesisHash().toByteString());
      int bytes = 0;
      for (Transaction transaction;
          gossip.getTransactionsCount() < GOSSIP_TRANSACTIONS_MAX
              && bytes < GOSSIP_BYTES_MAX
              && (transaction = toPeers.poll()) != null; ) {
        gossip.addTransactions(transaction);
        bytes += transaction.getSerializedSize();
      }
      if (gossip.getTransactionsCount() > 0) {
        peers.broadcast(MessageChannel.TRANSACTIONS, gossip.build().toByteString());
      }
    }
  }
}
