package org.govchain.node.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.node.chain.BlockExecutor;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.Validation;
import org.govchain.node.ingest.IngestOutcome;
import org.govchain.storage.BlockCommit;
import org.govchain.storage.CommitRefusedException;
import org.govchain.storage.ConsensusLogUpdate;
import org.govchain.storage.Store;

/**
 * Replays the chains' blocks in an order that respects anchors: each chain in genesis order runs
 * until its next block anchors a height of another chain not replayed yet, then the next chain
 * runs; a round in which no chain moves while blocks remain means an anchor names a block the
 * sources do not hold.
 */
final class ReplayLoop {
  private final Store store;
  private final BlockExecutor executor;
  private final List<ChainCursor> cursors;

  ReplayLoop(Store store, BlockExecutor executor, List<ChainCursor> cursors) {
    this.store = store;
    this.executor = executor;
    this.cursors = cursors;
  }

  void run() throws ReplayException {
    while (true) {
      boolean moved = false;
      boolean remaining = false;
      Validation.Waiting waiting = null;
      ChainCursor waiter = null;
      for (ChainCursor cursor : cursors) {
        while (!cursor.done()) {
          Validation.Waiting wait = step(cursor);
          if (wait != null) {
            remaining = true;
            if (waiter == null) {
              waiting = wait;
              waiter = cursor;
            }
            break;
          }
          moved = true;
        }
      }
      if (!remaining) {
        return;
      }
      if (!moved) {
        throw new ReplayException(
            waiter.setup().id(),
            waiter.previousHeight() + 1,
            ReplayProblem.MISSING_ANCHOR,
            "an anchor names height "
                + waiting.height()
                + " of chain "
                + waiting.chain()
                + ", which the replayed sources do not hold (give that chain's export too)");
      }
    }
  }

  /** Replays the cursor's next block; the wait if it anchors a block not replayed yet. */
  private Validation.Waiting step(ChainCursor cursor) throws ReplayException {
    ChainCursor.Pending pending = cursor.peek();
    if (pending.failure() != null) {
      throw pending.failure();
    }
    ChainSetup setup = cursor.setup();
    ChainId chain = setup.id();
    long height = pending.block().height();
    Block block = pending.block().block();
    BlockHeader header = block.getHeader();
    String link = cursor.linkProblem(height, header);
    if (link != null) {
      throw new ReplayException(chain, height, ReplayProblem.HASH_LINK, link);
    }
    checkCertificate(chain, height, pending);
    List<DecodedTransaction> verified = checkSignatures(setup, height, pending);
    Validation validation =
        executor.validateVerified(setup, block, System.currentTimeMillis(), true, verified);
    if (validation instanceof Validation.Waiting wait) {
      return wait;
    }
    if (validation instanceof Validation.Invalid invalid) {
      throw new ReplayException(chain, height, ReplayProblem.INVALID_BLOCK, invalid.reason());
    }
    Validation.Valid valid = (Validation.Valid) validation;
    StoredStateCheck.checkRoot(cursor, height, header);
    try {
      store
          .chain(chain)
          .commit(
              BlockCommit.of(
                  block,
                  pending.block().certificate().orElseThrow(),
                  valid.changes(),
                  ConsensusLogUpdate.empty()),
              ids(verified));
    } catch (CommitRefusedException e) {
      throw new ReplayException(chain, height, ReplayProblem.INVALID_BLOCK, e.getMessage());
    }
    cursor.advance(Blocks.hash(setup.suite(), header), height, block.getTransactionsCount());
    return null;
  }

  private static void checkCertificate(ChainId chain, long height, ChainCursor.Pending pending)
      throws ReplayException {
    if (pending.certificate() == null) {
      throw new ReplayException(
          chain, height, ReplayProblem.CERTIFICATE, "the block has no commit certificate");
    }
    CertificateCheck check = pending.certificate().join();
    if (!check.accepted()) {
      throw new ReplayException(
          chain, height, ReplayProblem.CERTIFICATE, check.problem() + ": " + check.detail());
    }
  }

  private static List<Hash> ids(List<DecodedTransaction> transactions) {
    List<Hash> ids = new ArrayList<>(transactions.size());
    transactions.forEach(transaction -> ids.add(transaction.id()));
    return ids;
  }

  /** The block's transactions as the pipeline decoded and verified them, in order. */
  private static List<DecodedTransaction> checkSignatures(
      ChainSetup setup, long height, ChainCursor.Pending pending) throws ReplayException {
    List<CompletableFuture<IngestOutcome>> outcomes = pending.signatures();
    List<DecodedTransaction> verified = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      IngestOutcome outcome = outcomes.get(i).join();
      if (outcome instanceof IngestOutcome.Verified ok) {
        verified.add(ok.transaction());
      } else if (outcome instanceof IngestOutcome.Refused refused) {
        Hash id =
            Transactions.id(setup.suite(), pending.block().block().getTransactions(i).getBody());
        boolean signature = refused.reason() == IngestOutcome.Reason.BAD_SIGNATURE;
        throw new ReplayException(
            setup.id(),
            height,
            signature ? ReplayProblem.SIGNATURE : ReplayProblem.MALFORMED_TRANSACTION,
            "transaction " + i + " (" + id.shortHex() + "): " + refused.detail());
      }
    }
    return verified;
  }
}
