package org.govchain.node.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.govchain.core.crypto.Hash;

/**
 * Clients waiting for their transactions to commit, by transaction id. Bounded: past {@link
 * #MAX_WAITERS} a new wait is refused rather than remembered.
 */
public final class CommitWaiters {
  public static final int MAX_WAITERS = 100_000;

  /** Where a transaction committed. */
  public record Committed(long height, int index, Hash blockHash) {}

  private final Map<Hash, List<CompletableFuture<Committed>>> waiting = new HashMap<>();
  private int count;

  /** A future completed when {@code transactionId} commits; null if too many already wait. */
  public synchronized CompletableFuture<Committed> await(Hash transactionId) {
    if (count >= MAX_WAITERS) {
      return null;
    }
    CompletableFuture<Committed> future = new CompletableFuture<>();
    waiting.computeIfAbsent(transactionId, id -> new ArrayList<>(1)).add(future);
    count++;
    future.whenComplete((committed, failure) -> forget(transactionId, future));
    return future;
  }

  private synchronized void forget(Hash transactionId, CompletableFuture<Committed> future) {
    List<CompletableFuture<Committed>> list = waiting.get(transactionId);
    if (list != null && list.remove(future)) {
      count--;
      if (list.isEmpty()) {
        waiting.remove(transactionId);
      }
    }
  }

  /** Completes the waits for a committed transaction. */
  public void committed(Hash transactionId, Committed where) {
    List<CompletableFuture<Committed>> list;
    synchronized (this) {
      list = waiting.get(transactionId);
      list = list == null ? List.of() : new ArrayList<>(list);
    }
    for (CompletableFuture<Committed> future : list) {
      future.complete(where);
    }
  }

  public synchronized int size() {
    return count;
  }
}
