package org.govchain.node.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.Transaction;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.ingest.IngestOutcome;
import org.govchain.node.ingest.VerificationPipeline;

/**
 * One chain being replayed: reads ahead of the block being executed and has the read-ahead blocks'
 * transaction signatures and stateless checks (through the verification pipeline, whose decoded
 * transactions the block executor then takes as they are) and commit certificates verified on all
 * cores meanwhile.
 */
final class ChainCursor {
  /** A block read ahead, with its verifications under way; or the failure met reading it. */
  record Pending(
      CertifiedBlock block,
      ReplayException failure,
      List<CompletableFuture<IngestOutcome>> signatures,
      CompletableFuture<CertificateCheck> certificate) {}

  private final ChainSetup setup;
  private final ChainSource source;
  private final VerificationPipeline pipeline;
  private final ExecutorService pool;
  private final int lookaheadTransactions;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private int pendingTransactions;
  private boolean sourceDone;
  private Hash previousHash;
  private long previousHeight = -1;
  private long blocks;
  private long transactions;

  ChainCursor(
      ChainSetup setup,
      ChainSource source,
      VerificationPipeline pipeline,
      ExecutorService pool,
      int lookaheadTransactions) {
    this.setup = setup;
    this.source = source;
    this.pipeline = pipeline;
    this.pool = pool;
    this.lookaheadTransactions = lookaheadTransactions;
  }

  ChainSetup setup() {
    return setup;
  }

  ChainSource source() {
    return source;
  }

  long previousHeight() {
    return previousHeight;
  }

  /** Nothing left: every block of the source replayed. */
  boolean done() {
    fill();
    return pending.isEmpty();
  }

  /** The next block to replay, its verifications under way. Call only when not {@link #done()}. */
  Pending peek() {
    fill();
    return pending.peekFirst();
  }

  /** The next block was replayed: move past it. */
  void advance(Hash blockHash, long height, int transactionCount) {
    Pending taken = pending.removeFirst();
    pendingTransactions -= taken.signatures().size();
    previousHash = blockHash;
    previousHeight = height;
    blocks++;
    transactions += transactionCount;
    fill();
  }

  ReplayReport.ChainSummary summary() {
    return new ReplayReport.ChainSummary(setup.id(), previousHeight, blocks, transactions);
  }

  /** Reads ahead until the transactions in verification reach the lookahead or the source ends. */
  private void fill() {
    while (!sourceDone && (pending.isEmpty() || pendingTransactions < lookaheadTransactions)) {
      try {
        Optional<CertifiedBlock> next = source.next();
        if (next.isEmpty()) {
          sourceDone = true;
        } else {
          pending.addLast(verify(next.get()));
        }
      } catch (ReplayException e) {
        sourceDone = true;
        pending.addLast(new Pending(null, e, List.of(), null));
      }
    }
  }

  private Pending verify(CertifiedBlock certified) {
    Block block = certified.block();
    List<CompletableFuture<IngestOutcome>> signatures =
        new ArrayList<>(block.getTransactionsCount());
    for (Transaction transaction : block.getTransactionsList()) {
      // The block was decoded canonically (export reader, store): its transactions need no
      // encoding again, and the outcome goes to the executor, not to the pipeline's cache.
      signatures.add(pipeline.submitUnremembered(setup.id(), transaction));
    }
    pendingTransactions += signatures.size();
    CompletableFuture<CertificateCheck> certificate =
        certified
            .certificate()
            .map(c -> CompletableFuture.supplyAsync(() -> check(certified, c), pool))
            .orElse(null);
    return new Pending(certified, null, signatures, certificate);
  }

  private CertificateCheck check(CertifiedBlock certified, CommitCertificate certificate) {
    Hash hash = Blocks.hash(setup.suite(), certified.block().getHeader());
    return CommitCertificates.verify(
        certificate, setup.id(), certified.height(), hash, setup.validators(), setup.suite());
  }

  /** Null if {@code header} follows the block replayed before it, else why not. */
  String linkProblem(long recordHeight, BlockHeader header) {
    if (header.getHeight() != recordHeight || recordHeight != previousHeight + 1) {
      return "block of height "
          + header.getHeight()
          + " where height "
          + (previousHeight + 1)
          + " follows "
          + previousHeight;
    }
    if (!header.getPreviousHash().equals(previousHash.toByteString())) {
      return "previous hash does not name block "
          + previousHeight
          + " ("
          + previousHash.shortHex()
          + ")";
    }
    return null;
  }

  /** Block 0 was checked against the genesis execution: continue after it. */
  void startAfterGenesis(Hash genesisBlockHash) {
    advance(genesisBlockHash, 0, pending.peekFirst().block().block().getTransactionsCount());
  }
}
