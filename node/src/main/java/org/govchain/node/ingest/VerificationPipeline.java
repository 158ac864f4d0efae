package org.govchain.node.ingest;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.proto.Transaction;
import org.govchain.node.ingest.IngestOutcome.Reason;
import org.govchain.node.ingest.IngestOutcome.Refused;
import org.govchain.node.ingest.IngestOutcome.Verified;

/**
 * Decodes, checks and signature-verifies incoming transactions (from clients and from peers) on all
 * cores before they reach a mempool.
 *
 * <p>Submissions wait in one bounded queue; worker threads take them in batches. Outcomes are
 * remembered by the hash of the transaction's exact bytes (body and signature: two transactions
 * with one body and different signatures are different), and a transaction already being verified
 * is not verified again — a second submission shares the first one's result. So no transaction is
 * verified twice on a node while its outcome is remembered. A full queue refuses at once with
 * {@link Reason#BUSY} rather than grow.
 *
 * <p>Two memories, by what each is for: the whole outcome (the decoded transaction) from
 * verification until the node commits the transaction ({@link #takeCommitted}), for the block
 * executor and the commit; and the signature verdict alone, flat and without an object per entry,
 * for the last {@link PipelineLimits#cacheEntries} transactions — kept long, so it must cost the
 * collector nothing. A transaction whose verdict is remembered is decoded and checked again if it
 * comes back, but its signature is not verified again.
 */
public final class VerificationPipeline implements AutoCloseable {
  /** Submitter keys kept decoded (with their precomputation) across transactions. */
  static final int SUBMITTER_KEYS = 16_384;

  /**
   * Whole outcomes kept at most (a transaction's from its verification to its commit): several full
   * mempools' worth, since a node's mempools are bounded by its configuration.
   */
  static final int DECODED_OUTCOMES = 65_536;

  private final Map<ChainId, ChainRules> chains;
  private final PipelineLimits limits;
  private final BlockingQueue<Job> queue;
  private final OutcomeCache cache;
  private final SignatureVerdicts verdicts;
  private final SubmitterKeys keys = new SubmitterKeys(SUBMITTER_KEYS);
  private final Map<Hash, CompletableFuture<IngestOutcome>> inFlight = new ConcurrentHashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong verified = new AtomicLong();
  private final AtomicLong cacheHits = new AtomicLong();
  private volatile boolean closed;

  /**
   * One submission: its encoded bytes (remembered under {@code key}), or a transaction taken from a
   * decoded block (bytes and key null: the outcome is not remembered).
   */
  private record Job(
      ChainRules rules,
      ByteString bytes,
      Transaction transaction,
      Hash key,
      CompletableFuture<IngestOutcome> result) {}

  public VerificationPipeline(List<ChainRules> chains, PipelineLimits limits) {
    this(chains, limits, Math.min(limits.cacheEntries(), DECODED_OUTCOMES));
  }

  /** With at most {@code decodedOutcomes} whole outcomes kept. */
  VerificationPipeline(List<ChainRules> chains, PipelineLimits limits, int decodedOutcomes) {
    Map<ChainId, ChainRules> byId = new java.util.HashMap<>();
    for (ChainRules rules : chains) {
      byId.put(rules.chainId(), rules);
    }
    this.chains = Map.copyOf(byId);
    this.limits = limits;
    this.queue = new ArrayBlockingQueue<>(limits.queueCapacity());
    this.cache = new OutcomeCache(decodedOutcomes);
    this.verdicts = new SignatureVerdicts(limits.cacheEntries());
    for (int i = 0; i < limits.threads(); i++) {
      Thread worker = new Thread(this::work, "govchain-verify-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
  }

  /** Verifies {@code encoded} as a transaction for {@code chain}; completes on a worker thread. */
  public CompletableFuture<IngestOutcome> submit(ChainId chain, ByteString encoded) {
    ChainRules rules = chains.get(chain);
    if (rules == null) {
      return CompletableFuture.completedFuture(
          new Refused(Reason.UNKNOWN_CHAIN, "this node does not host chain " + chain));
    }
    if (encoded.size() > rules.maxTransactionBytes()) {
      return CompletableFuture.completedFuture(
          new Refused(
              Reason.MALFORMED,
              "transaction is "
                  + encoded.size()
                  + " bytes, over the chain's limit of "
                  + rules.maxTransactionBytes()));
    }
    Hash key = rules.suite().newHasher().updateTag(chain.value()).update(encoded).finish();
    IngestOutcome known = cache.get(key);
    if (known != null) {
      cacheHits.incrementAndGet();
      return CompletableFuture.completedFuture(known);
    }
    CompletableFuture<IngestOutcome> fresh = new CompletableFuture<>();
    CompletableFuture<IngestOutcome> existing = inFlight.putIfAbsent(key, fresh);
    if (existing != null) {
      cacheHits.incrementAndGet();
      return existing;
    }
    // A worker may have finished this very transaction between the cache check and now: it caches
    // before it leaves the in-flight map, so looking again closes that gap.
    known = cache.get(key);
    if (known != null) {
      inFlight.remove(key, fresh);
      cacheHits.incrementAndGet();
      fresh.complete(known);
      return fresh;
    }
    if (closed || !queue.offer(new Job(rules, encoded, null, key, fresh))) {
      inFlight.remove(key, fresh);
      fresh.complete(
          new Refused(
              Reason.BUSY,
              closed ? "node is shutting down" : "verification queue is full; retry later"));
    }
    return fresh;
  }

  /**
   * Verifies {@code transaction}, taken from a block that was decoded canonically, on a worker as
   * {@link #submit} does, but neither remembers the outcome nor shares one in flight: for a caller
   * that keeps the outcome itself and hands the decoded transaction on (replay gives it to the
   * block executor), so that nobody encodes the transaction or hashes its bytes for a cache key. A
   * full queue refuses at once with {@link Reason#BUSY}.
   */
  public CompletableFuture<IngestOutcome> submitUnremembered(
      ChainId chain, Transaction transaction) {
    ChainRules rules = chains.get(chain);
    if (rules == null) {
      return CompletableFuture.completedFuture(
          new Refused(Reason.UNKNOWN_CHAIN, "this node does not host chain " + chain));
    }
    CompletableFuture<IngestOutcome> fresh = new CompletableFuture<>();
    if (closed || !queue.offer(new Job(rules, null, transaction, null, fresh))) {
      fresh.complete(
          new Refused(
              Reason.BUSY,
              closed ? "node is shutting down" : "verification queue is full; retry later"));
    }
    return fresh;
  }

  /**
   * Verifies on the calling thread (the block executor checking a proposed block's transactions): a
   * remembered outcome is reused, a new one is remembered. Unknown chains are refused.
   */
  public IngestOutcome verifyNow(ChainId chain, ByteString encoded) {
    ChainRules rules = chains.get(chain);
    if (rules == null) {
      return new Refused(Reason.UNKNOWN_CHAIN, "this node does not host chain " + chain);
    }
    Hash key = rules.suite().newHasher().updateTag(chain.value()).update(encoded).finish();
    IngestOutcome known = cache.get(key);
    if (known != null) {
      cacheHits.incrementAndGet();
      return known;
    }
    IngestOutcome outcome =
        encoded.size() > rules.maxTransactionBytes()
            ? new Refused(Reason.MALFORMED, "transaction over the chain's size limit")
            : verify(rules, encoded, key);
    cache.put(key, outcome);
    return outcome;
  }

  /**
   * The decoded transaction if this node verified {@code encoded} and still keeps it as valid; null
   * otherwise. Verifies nothing: for the commit of a block, which needs the decoded form of
   * transactions the node has already checked, without decoding their keys again. The decoded form
   * is forgotten (a committed transaction needs it no more); its signature verdict is kept.
   */
  public DecodedTransaction takeCommitted(ChainId chain, ByteString encoded) {
    ChainRules rules = chains.get(chain);
    if (rules == null) {
      return null;
    }
    Hash key = rules.suite().newHasher().updateTag(chain.value()).update(encoded).finish();
    return cache.take(key) instanceof Verified verified ? verified.transaction() : null;
  }

  private void work() {
    List<Job> batch = new ArrayList<>(limits.batchSize());
    while (!closed) {
      try {
        Job first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, limits.batchSize() - 1);
        for (Job job : batch) {
          finish(
              job,
              job.bytes() != null
                  ? verify(job.rules(), job.bytes(), job.key())
                  : verify(job.rules(), job.transaction()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void finish(Job job, IngestOutcome outcome) {
    if (job.key() != null) {
      cache.put(job.key(), outcome);
      inFlight.remove(job.key());
    }
    job.result().complete(outcome);
  }

  /**
   * The whole check of one transaction of hash {@code key}; the signature is verified unless its
   * verdict is remembered, and the verdict is remembered.
   */
  private IngestOutcome verify(ChainRules rules, ByteString bytes, Hash key) {
    DecodedTransaction decoded;
    try {
      decoded =
          Transactions.decode(rules.suite(), bytes.toByteArray(), rules.maxTransactionBytes());
    } catch (MalformedInputException e) {
      return new Refused(Reason.MALFORMED, e.getMessage());
    }
    return checked(rules, decoded, key);
  }

  /**
   * {@link #verify(ChainRules, ByteString, Hash)} for a transaction of a canonically decoded block;
   * its signature verdict is not remembered.
   */
  IngestOutcome verify(ChainRules rules, Transaction transaction) {
    if (transaction.getSerializedSize() > rules.maxTransactionBytes()) {
      return new Refused(
          Reason.MALFORMED,
          "transaction is "
              + transaction.getSerializedSize()
              + " bytes, over the chain's limit of "
              + rules.maxTransactionBytes());
    }
    DecodedTransaction decoded;
    try {
      decoded = Transactions.decode(rules.suite(), transaction);
    } catch (MalformedInputException e) {
      return new Refused(Reason.MALFORMED, e.getMessage());
    }
    return checked(rules, decoded, null);
  }

  /**
   * The chain, stateless and signature checks of a decoded transaction of hash {@code key} (null: a
   * transaction whose verdict is not remembered).
   */
  private IngestOutcome checked(ChainRules rules, DecodedTransaction decoded, Hash key) {
    if (!decoded.chainId().equals(rules.chainId())) {
      return new Refused(
          Reason.WRONG_CHAIN,
          "transaction is for chain " + decoded.chainId() + ", submitted to " + rules.chainId());
    }
    decoded = withSharedKey(decoded);
    String problem = rules.statelessProblem(decoded);
    if (problem != null) {
      return new Refused(Reason.MALFORMED, problem);
    }
    if (!signatureGood(rules, decoded, key)) {
      return new Refused(Reason.BAD_SIGNATURE, "signature does not verify under the submitter key");
    }
    return new Verified(decoded);
  }

  private boolean signatureGood(ChainRules rules, DecodedTransaction decoded, Hash key) {
    if (key == null) {
      verified.incrementAndGet();
      return Transactions.verifySignature(rules.suite(), decoded);
    }
    int verdict = verdicts.verdict(key);
    if (verdict != SignatureVerdicts.UNKNOWN) {
      cacheHits.incrementAndGet();
      return verdict == SignatureVerdicts.GOOD;
    }
    verified.incrementAndGet();
    boolean good = Transactions.verifySignature(rules.suite(), decoded);
    verdicts.remember(key, good);
    return good;
  }

  private DecodedTransaction withSharedKey(DecodedTransaction decoded) {
    PublicKey shared = keys.shared(decoded.submitter());
    if (shared == decoded.submitter()) {
      return decoded;
    }
    return new DecodedTransaction(
        decoded.id(),
        decoded.chainId(),
        decoded.type(),
        decoded.payload(),
        shared,
        decoded.nonce(),
        decoded.timestampMillis(),
        decoded.signature(),
        decoded.transaction());
  }

  public int queueDepth() {
    return queue.size();
  }

  /** Signature verifications performed so far (a cache hit performs none). */
  public long verifications() {
    return verified.get();
  }

  public long cacheHits() {
    return cacheHits.get();
  }

  @Override
  public void close() {
    closed = true;
    for (Thread worker : workers) {
      worker.interrupt();
    }
    for (Thread worker : workers) {
      try {
        worker.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Job job; (job = queue.poll()) != null; ) {
      if (job.key() != null) {
        inFlight.remove(job.key());
      }
      job.result().complete(new Refused(Reason.BUSY, "node is shutting down"));
    }
  }
}
