package org.govchain.node.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.Transaction;
import org.govchain.node.api.BlockStreams;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.CommitListener;
import org.govchain.node.ingest.CommitWaiters;
import org.govchain.node.ingest.VerificationPipeline;
import org.govchain.node.mempool.Mempool;

/**
 * What follows a commit on the node: the block's transactions leave the mempool (with every pending
 * one they made stale), clients waiting for them are answered, and block streams move on.
 *
 * <p>Runs on the consensus thread, so it does as little as it can there: the transactions' decoded
 * forms come from the verification pipeline's memory (the node verified them before it executed the
 * block; decoding again would decode every submitter key again), and the waiting clients are
 * answered on {@code notifier}, off the consensus thread.
 */
final class NodeCommits implements CommitListener {
  private final Mempool mempool;
  private final VerificationPipeline pipeline;
  private final Executor notifier;
  private final CommitWaiters waiters;
  private final BlockStreams streams;
  private final Timer commitLatency;
  private final Counter committedTransactions;

  NodeCommits(
      ChainSetup chain,
      Mempool mempool,
      VerificationPipeline pipeline,
      Executor notifier,
      CommitWaiters waiters,
      BlockStreams streams,
      MeterRegistry registry) {
    this.mempool = mempool;
    this.pipeline = pipeline;
    this.notifier = notifier;
    this.waiters = waiters;
    this.streams = streams;
    this.commitLatency =
        Timer.builder("govchain.commit.latency")
            .description("From admission to this node's mempool to commit, per transaction")
            .tag("chain", chain.id().value())
            .publishPercentiles(0.5, 0.99)
            .distributionStatisticExpiry(java.time.Duration.ofMinutes(1))
            .register(registry);
    this.committedTransactions =
        Counter.builder("govchain.chain.transactions.committed")
            .tag("chain", chain.id().value())
            .register(registry);
  }

  @Override
  public void committed(
      ChainSetup chain,
      long height,
      Hash blockHash,
      Block block,
      Optional<CommitCertificate> certificate) {
    List<DecodedTransaction> decoded = new ArrayList<>(block.getTransactionsCount());
    for (Transaction transaction : block.getTransactionsList()) {
      decoded.add(decode(chain, transaction));
    }
    notifier.execute(
        () -> {
          for (int index = 0; index < decoded.size(); index++) {
            waiters.committed(
                decoded.get(index).id(), new CommitWaiters.Committed(height, index, blockHash));
          }
        });
    for (long nanos : mempool.removeCommitted(decoded)) {
      commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }
    committedTransactions.increment(decoded.size());
    streams.committed(chain.id(), height);
  }

  private DecodedTransaction decode(ChainSetup chain, Transaction transaction) {
    DecodedTransaction known =
        pipeline.takeCommitted(chain.id(), Canonical.encodeToByteString(transaction));
    if (known != null) {
      return known;
    }
    try {
      return Transactions.decode(chain.suite(), transaction);
    } catch (MalformedInputException e) {
      throw new IllegalStateException(
          "a committed transaction does not decode: " + e.getMessage(), e);
    }
  }
}
