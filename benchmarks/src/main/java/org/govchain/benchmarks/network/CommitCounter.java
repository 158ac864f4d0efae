package org.govchain.benchmarks.network;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.govchain.api.v1.CommittedBlock;
import org.govchain.api.v1.StreamBlocksRequest;

/**
 * Transactions and blocks committed on each node, counted from each node's block stream of the
 * loaded chain. The committed rate of a window is the slowest node's: a transaction counts once it
 * is committed on every node.
 */
final class CommitCounter implements AutoCloseable {
  /** Committed transactions and blocks per node at one instant. */
  record Snapshot(long nanos, long[] transactions, long[] blocks) {
    Snapshot {
      transactions = transactions.clone();
      blocks = blocks.clone();
    }
  }

  private final List<AtomicLong> transactions = new ArrayList<>();
  private final List<AtomicLong> blocks = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Context.CancellableContext context = Context.current().withCancellation();

  CommitCounter(LoadNetwork network, String chainId) {
    for (int node = 0; node < network.nodeIds().size(); node++) {
      AtomicLong nodeTransactions = new AtomicLong();
      AtomicLong nodeBlocks = new AtomicLong();
      transactions.add(nodeTransactions);
      blocks.add(nodeBlocks);
      long from = network.chain(node, chainId).getHeight() + 1;
      StreamBlocksRequest request =
          StreamBlocksRequest.newBuilder().setChainId(chainId).setFromHeight(from).build();
      int index = node;
      context.run(
          () ->
              network
                  .asyncApi(index)
                  .streamBlocks(
                      request,
                      new StreamObserver<>() {
                        @Override
                        public void onNext(CommittedBlock block) {
                          nodeTransactions.addAndGet(
                              block.getBlock().getHeader().getTransactionCount());
                          nodeBlocks.incrementAndGet();
                        }

                        @Override
                        public void onError(Throwable error) {
                          if (!context.isCancelled()) {
                            failure.compareAndSet(null, error);
                          }
                        }

                        @Override
                        public void onCompleted() {}
                      }));
    }
  }

  Snapshot snapshot() {
    Throwable error = failure.get();
    if (error != null) {
      throw new IllegalStateException("a block stream failed: " + error, error);
    }
    long[] transactionCounts = new long[transactions.size()];
    long[] blockCounts = new long[blocks.size()];
    for (int i = 0; i < transactionCounts.length; i++) {
      transactionCounts[i] = transactions.get(i).get();
      blockCounts[i] = blocks.get(i).get();
    }
    return new Snapshot(System.nanoTime(), transactionCounts, blockCounts);
  }

  /** Transactions committed on every node between two snapshots (the slowest node's count). */
  static long committedEverywhere(Snapshot from, Snapshot to) {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < from.transactions().length; i++) {
      least = Math.min(least, to.transactions()[i] - from.transactions()[i]);
    }
    return least;
  }

  /** Blocks committed on the first node between two snapshots. */
  static long blocks(Snapshot from, Snapshot to) {
    return to.blocks()[0] - from.blocks()[0];
  }

  @Override
  public void close() {
    context.cancel(null);
  }
}
