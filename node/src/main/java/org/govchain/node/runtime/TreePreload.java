package org.govchain.node.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.govchain.core.chain.ChainId;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads the upper levels of each chain's state tree into the store's node cache once the node has
 * started, on one background thread, one chain after the other. A lookup or a block's update on a
 * large tree then reads from disk only the levels below; without it the cache fills only as lookups
 * pass through each node, which on a ten-million-key tree takes about a million lookups. The node
 * serves meanwhile: reads that come first just find less in the cache. {@link #close()} stops the
 * walk and waits for the thread, so the store is never closed under it.
 */
final class TreePreload implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TreePreload.class);
  private static final long STOP_WAIT_MILLIS = 10_000;

  private final Thread thread;
  private final CompletableFuture<Map<ChainId, Long>> done = new CompletableFuture<>();
  private volatile boolean stopping;

  private TreePreload(String nodeId, Store store, List<ChainId> chains) {
    this.thread = new Thread(() -> preload(nodeId, store, chains), "govchain-tree-preload");
    thread.setDaemon(true);
  }

  /** Starts reading {@code chains}' trees in {@code store}. */
  static TreePreload start(String nodeId, Store store, List<ChainId> chains) {
    TreePreload preload = new TreePreload(nodeId, store, chains);
    preload.thread.start();
    return preload;
  }

  /** The nodes read per chain, once the walk has ended (complete, stopped or failed). */
  CompletableFuture<Map<ChainId, Long>> done() {
    return done;
  }

  private void preload(String nodeId, Store store, List<ChainId> chains) {
    MDC.put("node", nodeId);
    Map<ChainId, Long> counts = new LinkedHashMap<>();
    try {
      for (ChainId chain : chains) {
        if (stopping) {
          return;
        }
        counts.put(chain, preload(store, chain));
      }
    } finally {
      done.complete(counts);
    }
  }

  private long preload(Store store, ChainId chain) {
    MDC.put("chain", chain.value());
    long started = System.nanoTime();
    try (StateView state = store.chain(chain).state()) {
      long read = state.preloadUpperLevels(() -> stopping);
      LOG.info(
          "state tree at height {}: {} nodes of its upper levels read into the cache in {} ms",
          state.height(),
          read,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return read;
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.error("reading the state tree's upper levels failed: {}", e.toString());
      }
      return 0;
    }
  }

  /** Stops the walk and waits for the thread (the store must outlive it). */
  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("the state tree preload did not stop within {} ms", STOP_WAIT_MILLIS);
    }
  }
}
