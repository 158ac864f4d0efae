package org.govchain.node.mempool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.govchain.core.Invariants;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;

/**
 * One chain's pending transactions, already decoded and signature-verified: bounded in count, bytes
 * and per submitter; deduplicated by transaction id; nonce-checked against what is committed; and
 * drained fairly — a batch takes one transaction from each submitter in turn (lowest nonce first),
 * so a terminal that floods the node delays only itself.
 *
 * <p>Transactions stay pending until {@link #removeCommitted} names them, so a proposal that fails
 * does not lose them. Thread-safe: ingest adds while the consensus thread drains.
 */
public final class Mempool {
  static final int MAX_REMEMBERED_SUBMITTERS = 100_000;

  private final MempoolLimits limits;
  private final Map<Hash, Pending> byId = new HashMap<>();
  // Submitters in round-robin order; each holds its pending transactions by nonce.
  private final LinkedHashMap<PublicKey, NavigableMap<Long, Pending>> bySubmitter =
      new LinkedHashMap<>();
  // Last committed nonce of recently seen submitters, to refuse stale transactions early. Bounded:
  // an evicted entry only means a stale transaction is refused later, at execution.
  private final Map<PublicKey, Long> committedNonces =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, Long> eldest) {
          return size() > MAX_REMEMBERED_SUBMITTERS;
        }
      };
  private long bytes;

  private record Pending(DecodedTransaction transaction, int size, long admittedNanos) {}

  private final LongSupplier nanoClock;

  public Mempool(MempoolLimits limits) {
    this(limits, System::nanoTime);
  }

  /** With the clock that stamps admissions, for the pending time reported on commit. */
  public Mempool(MempoolLimits limits, LongSupplier nanoClock) {
    this.limits = limits;
    this.nanoClock = nanoClock;
  }

  public synchronized Admission add(DecodedTransaction transaction) {
    if (byId.containsKey(transaction.id())) {
      return Admission.DUPLICATE;
    }
    int size = transaction.transaction().getSerializedSize();
    if (size > limits.maxTransactionBytes()) {
      return Admission.TOO_LARGE;
    }
    PublicKey submitter = transaction.submitter();
    long nonce = transaction.nonce();
    Long committed = committedNonces.get(submitter);
    if (committed != null && Long.compareUnsigned(nonce, committed) <= 0) {
      return Admission.STALE_NONCE;
    }
    NavigableMap<Long, Pending> own = bySubmitter.get(submitter);
    if (own != null && own.containsKey(nonce)) {
      return Admission.NONCE_IN_USE;
    }
    if (own != null && own.size() >= limits.maxPerSubmitter()) {
      return Admission.SUBMITTER_QUOTA;
    }
    if (byId.size() >= limits.maxTransactions() || bytes + size > limits.maxBytes()) {
      return Admission.FULL;
    }
    Pending pending = new Pending(transaction, size, nanoClock.getAsLong());
    byId.put(transaction.id(), pending);
    bySubmitter
        .computeIfAbsent(submitter, key -> new TreeMap<>(Long::compareUnsigned))
        .put(nonce, pending);
    bytes += size;
    return Admission.ADDED;
  }

  /**
   * Up to {@code maxCount} transactions and {@code maxBytes} bytes for the next block, taking one
   * per submitter in turn; nothing is removed. The submitter served first moves to the back, so the
   * next batch starts with someone else.
   */
  public synchronized List<DecodedTransaction> nextBatch(int maxCount, long maxBytes) {
    Invariants.argument(maxCount >= 0 && maxBytes >= 0, "batch limits must not be negative");
    List<DecodedTransaction> batch = new ArrayList<>();
    ArrayDeque<Iterator<Pending>> turns = new ArrayDeque<>();
    for (NavigableMap<Long, Pending> own : bySubmitter.values()) {
      turns.add(own.values().iterator());
    }
    long batchBytes = 0;
    while (!turns.isEmpty() && batch.size() < maxCount) {
      Iterator<Pending> turn = turns.poll();
      Pending next = turn.next();
      if (batchBytes + next.size() > maxBytes) {
        continue; // this submitter's next one does not fit; others may still
      }
      batch.add(next.transaction());
      batchBytes += next.size();
      if (turn.hasNext()) {
        turns.add(turn);
      }
    }
    rotate();
    return batch;
  }

  private void rotate() {
    Iterator<Map.Entry<PublicKey, NavigableMap<Long, Pending>>> first =
        bySubmitter.entrySet().iterator();
    if (first.hasNext()) {
      Map.Entry<PublicKey, NavigableMap<Long, Pending>> entry = first.next();
      first.remove();
      bySubmitter.put(entry.getKey(), entry.getValue());
    }
  }

  /**
   * Forgets committed transactions and, with each submitter's highest committed nonce, every
   * pending transaction of theirs that can no longer be valid (nonce not above it). Returns, for
   * each committed transaction that was pending here, how long it was pending (nanoseconds).
   */
  public synchronized long[] removeCommitted(List<DecodedTransaction> committed) {
    long now = nanoClock.getAsLong();
    long[] pendingNanos = new long[committed.size()];
    int count = 0;
    for (DecodedTransaction transaction : committed) {
      committedNonces.merge(
          transaction.submitter(),
          transaction.nonce(),
          (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
      Pending pending = byId.get(transaction.id());
      if (pending != null) {
        pendingNanos[count++] = now - pending.admittedNanos();
      }
      remove(transaction.id());
    }
    for (DecodedTransaction transaction : committed) {
      dropStale(transaction.submitter());
    }
    return java.util.Arrays.copyOf(pendingNanos, count);
  }

  /** Forgets transactions that can no longer commit (refused when a block was built). */
  public synchronized void removeAll(java.util.Collection<Hash> ids) {
    for (Hash id : ids) {
      remove(id);
    }
  }

  /** Records a submitter's committed nonce learnt from state (e.g. at start). */
  public synchronized void setCommittedNonce(PublicKey submitter, long nonce) {
    committedNonces.put(submitter, nonce);
    dropStale(submitter);
  }

  private void dropStale(PublicKey submitter) {
    NavigableMap<Long, Pending> own = bySubmitter.get(submitter);
    Long committed = committedNonces.get(submitter);
    if (own == null || committed == null) {
      return;
    }
    for (Pending stale : new ArrayList<>(own.headMap(committed, true).values())) {
      remove(stale.transaction().id());
    }
  }

  private void remove(Hash id) {
    Pending pending = byId.remove(id);
    if (pending == null) {
      return;
    }
    PublicKey submitter = pending.transaction().submitter();
    NavigableMap<Long, Pending> own = bySubmitter.get(submitter);
    own.remove(pending.transaction().nonce());
    if (own.isEmpty()) {
      bySubmitter.remove(submitter);
    }
    bytes -= pending.size();
    Invariants.check(bytes >= 0, "mempool bytes went negative: %d", bytes);
  }

  public synchronized boolean contains(Hash id) {
    return byId.containsKey(id);
  }

  public synchronized int size() {
    return byId.size();
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int submitters() {
    return bySubmitter.size();
  }
}
