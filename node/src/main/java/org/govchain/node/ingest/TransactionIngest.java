package org.govchain.node.ingest;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.codec.Canonical;
import org.govchain.core.proto.Transaction;
import org.govchain.node.chain.BlockExecutor;
import org.govchain.node.chain.ChainRuntime;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.HostedChains;
import org.govchain.node.mempool.Admission;
import org.govchain.node.mempool.Mempool;
import org.govchain.node.net.PeerLink;

/**
 * The write path in front of consensus: a transaction from a client or a peer is verified (decoded,
 * signature checked, on all cores), admitted to its chain's mempool, and handed to the chain's
 * replica. A client's transaction is also checked against the latest state, so a refusal reaches
 * the client at once, and forwarded to the other validators. Hand-offs and forwarding are batched
 * per chain ({@link TransactionRelay}) on {@code relayExecutor}.
 */
public final class TransactionIngest {
  /** What became of a submitted transaction. */
  public sealed interface Outcome {
    /** Pending (or already pending). */
    record Accepted(DecodedTransaction transaction, Admission admission) implements Outcome {}

    /** Refused, changing nothing. */
    record Refused(Kind kind, String message) implements Outcome {}
  }

  /** Refusal classes, mapped one to one onto API status codes. */
  public enum Kind {
    INVALID,
    REFUSED_BY_RULES,
    BUSY,
    UNKNOWN_CHAIN
  }

  private final HostedChains chains;
  private final VerificationPipeline pipeline;
  private final BlockExecutor executor;
  private final Map<ChainId, Mempool> mempools;
  private final Map<ChainId, TransactionRelay> relays = new java.util.HashMap<>();
  private final Clock clock;

  public TransactionIngest(
      HostedChains chains,
      VerificationPipeline pipeline,
      BlockExecutor executor,
      Map<ChainId, Mempool> mempools,
      Map<ChainId, ChainRuntime> runtimes,
      PeerLink peers,
      Executor relayExecutor,
      Clock clock) {
    this.chains = chains;
    this.pipeline = pipeline;
    this.executor = executor;
    this.mempools = Map.copyOf(mempools);
    for (ChainSetup chain : chains.all()) {
      relays.put(
          chain.id(), new TransactionRelay(chain, runtimes.get(chain.id()), peers, relayExecutor));
    }
    this.clock = clock;
  }

  /** A client's transaction. */
  public CompletableFuture<Outcome> submit(ChainId chainId, Transaction transaction) {
    ChainSetup chain = chains.get(chainId).orElse(null);
    if (chain == null) {
      return CompletableFuture.completedFuture(
          new Outcome.Refused(Kind.UNKNOWN_CHAIN, "this node does not host chain " + chainId));
    }
    return pipeline
        .submit(chainId, Canonical.encodeToByteString(transaction))
        .thenApply(outcome -> admitLocal(chain, outcome));
  }

  private Outcome admitLocal(ChainSetup chain, IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Refused refused) {
      return refusal(refused);
    }
    DecodedTransaction transaction = ((IngestOutcome.Verified) outcome).transaction();
    String problem = executor.precheck(chain, transaction, clock.millis());
    if (problem != null) {
      return new Outcome.Refused(Kind.REFUSED_BY_RULES, problem);
    }
    Admission admission = mempools.get(chain.id()).add(transaction);
    if (!admission.accepted()) {
      return new Outcome.Refused(kindOf(admission), admission.reason());
    }
    if (admission == Admission.ADDED) {
      relays.get(chain.id()).admitted(transaction.transaction(), true);
    }
    return new Outcome.Accepted(transaction, admission);
  }

  /** Transactions another validator forwarded: verified and admitted, not forwarded again. */
  public void fromPeer(ChainSetup chain, List<Transaction> transactions) {
    for (Transaction transaction : transactions) {
      pipeline
          .submit(chain.id(), Canonical.encodeToByteString(transaction))
          .thenAccept(
              outcome -> {
                if (outcome instanceof IngestOutcome.Verified verified
                    && mempools.get(chain.id()).add(verified.transaction()) == Admission.ADDED) {
                  relays.get(chain.id()).admitted(transaction, false);
                }
              });
    }
  }

  private static Outcome refusal(IngestOutcome.Refused refused) {
    Kind kind =
        switch (refused.reason()) {
          case MALFORMED, WRONG_CHAIN, BAD_SIGNATURE -> Kind.INVALID;
          case UNKNOWN_CHAIN -> Kind.UNKNOWN_CHAIN;
          case BUSY -> Kind.BUSY;
        };
    return new Outcome.Refused(kind, refused.detail());
  }

  private static Kind kindOf(Admission admission) {
    return switch (admission) {
      case FULL, SUBMITTER_QUOTA -> Kind.BUSY;
      case STALE_NONCE, NONCE_IN_USE -> Kind.REFUSED_BY_RULES;
      case TOO_LARGE -> Kind.INVALID;
      case ADDED, DUPLICATE -> throw new AssertionError("accepted admissions are not refusals");
    };
  }
}
