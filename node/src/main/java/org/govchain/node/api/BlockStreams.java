package org.govchain.node.api;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.govchain.api.v1.CommittedBlock;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.proto.Block;
import org.govchain.storage.ChainStore;
import org.govchain.storage.Store;

/**
 * StreamBlocks subscribers. No thread per subscriber: a subscriber is "pumped" on a shared executor
 * whenever a block commits on its chain or its client becomes ready for more; a pump sends stored
 * blocks while the client's flow-control window is open. A slow client therefore holds no buffer on
 * the node — it simply falls behind and reads from the store when it catches up. Bounded in
 * subscribers.
 */
public final class BlockStreams {
  private final Store store;
  private final Executor executor;
  private final int maxSubscribers;
  private final Map<ChainId, Set<Subscriber>> byChain = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();

  public BlockStreams(Store store, Executor executor, int maxSubscribers) {
    this.store = store;
    this.executor = executor;
    this.maxSubscribers = maxSubscribers;
  }

  private final class Subscriber {
    final ChainStore chain;
    final ServerCallStreamObserver<CommittedBlock> observer;
    final AtomicBoolean pumping = new AtomicBoolean();
    final AtomicBoolean again = new AtomicBoolean();
    volatile long next;
    volatile boolean done;

    Subscriber(ChainStore chain, ServerCallStreamObserver<CommittedBlock> observer, long from) {
      this.chain = chain;
      this.observer = observer;
      this.next = from;
    }

    void schedule() {
      again.set(true);
      if (pumping.compareAndSet(false, true)) {
        executor.execute(this::pump);
      }
    }

    private void pump() {
      try {
        while (again.getAndSet(false)) {
          while (!done && observer.isReady() && next <= chain.latestHeight()) {
            observer.onNext(committedBlock(chain, next));
            next++;
          }
        }
      } catch (RuntimeException e) {
        done = true;
        observer.onError(
            Status.INTERNAL
                .withDescription("reading block " + next + ": " + e.getMessage())
                .asRuntimeException());
      } finally {
        pumping.set(false);
        if (again.get() && !done) {
          schedule();
        }
      }
    }
  }

  static CommittedBlock committedBlock(ChainStore chain, long height) {
    Block block = chain.block(height).orElseThrow();
    CommittedBlock.Builder out =
        CommittedBlock.newBuilder()
            .setBlock(block)
            .setBlockHash(Blocks.hash(chain.suite(), block.getHeader()).toByteString());
    chain.certificate(height).ifPresent(out::setCertificate);
    return out.build();
  }

  /**
   * Starts streaming {@code chain} from {@code from}; false if the node has too many subscribers.
   */
  public boolean subscribe(
      ChainId chain, long from, ServerCallStreamObserver<CommittedBlock> observer) {
    if (count.incrementAndGet() > maxSubscribers) {
      count.decrementAndGet();
      return false;
    }
    Subscriber subscriber = new Subscriber(store.chain(chain), observer, from);
    Set<Subscriber> set = byChain.computeIfAbsent(chain, id -> ConcurrentHashMap.newKeySet());
    set.add(subscriber);
    Runnable end =
        () -> {
          subscriber.done = true;
          if (set.remove(subscriber)) {
            count.decrementAndGet();
          }
        };
    observer.setOnCancelHandler(end);
    observer.setOnCloseHandler(end);
    observer.setOnReadyHandler(subscriber::schedule);
    subscriber.schedule();
    return true;
  }

  /** A block committed: every subscriber of the chain may send more. */
  public void committed(ChainId chain, long height) {
    Set<Subscriber> set = byChain.get(chain);
    if (set != null) {
      for (Subscriber subscriber : set) {
        subscriber.schedule();
      }
    }
  }

  public int subscribers() {
    return count.get();
  }
}
