package org.govchain.pbft;

import java.util.List;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.Transaction;
import org.govchain.pbft.proto.PbftMessage;

/**
 * Everything that can happen to a replica. The driver feeds them, one at a time, to {@link
 * Replica#step}.
 */
public sealed interface Event {
  /** First event after construction or restore: arms the timers, resends what is pending. */
  record Start() implements Event {}

  /**
   * A message from validator {@code sender}, already decoded (see {@link PbftMessages#decode}); the
   * transport authenticated the sender.
   */
  record MessageReceived(int sender, PbftMessage message) implements Event {}

  /** Timer {@code timerId} of {@code kind}, set by a {@link Action.SetTimer}, fired. */
  record TimerFired(TimerKind kind, long timerId) implements Event {}

  /** Transactions the node decoded and verified (signature, chain, size) for this chain. */
  record TransactionsSubmitted(List<Transaction> transactions) implements Event {
    public TransactionsSubmitted {
      transactions = List.copyOf(transactions);
    }
  }

  /** The node executed the proposal asked for by {@link Action.BuildProposal}. */
  record ProposalBuilt(long view, long height, Block block) implements Event {}

  /** The node re-executed the block of {@link Action.ValidateBlock}: its verdict. */
  record BlockValidated(long height, Hash blockHash, boolean valid, String reason)
      implements Event {}

  /**
   * Blocks the node fetched from {@code peer} for a {@link Action.FetchBlocks}, in height order.
   */
  record BlocksFetched(int peer, List<CertifiedBlock> blocks) implements Event {
    public BlocksFetched {
      blocks = List.copyOf(blocks);
    }
  }
}
