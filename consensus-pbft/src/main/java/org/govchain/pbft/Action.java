package org.govchain.pbft;

import java.util.List;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.Transaction;
import org.govchain.pbft.proto.PbftMessage;
import org.govchain.pbft.proto.PersistedState;

/**
 * What a replica asks its driver to do, in order. A {@link Persist} comes before every message that
 * depends on it: the driver must make it durable before it sends anything after it.
 */
public sealed interface Action {
  /** Store this state durably (replacing the previous one) before doing the actions after it. */
  record Persist(PersistedState state) implements Action {}

  /**
   * Store this block durably (keyed by its hash, until a stable checkpoint passes its height)
   * before doing the actions after it: the replica is about to vote for it, and after a restart it
   * must still be able to hand it to the others. Give them back to {@link Replica#restore}.
   */
  record PersistBlock(long height, Hash blockHash, Block block) implements Action {}

  /** Send {@code message} to validator {@code to}. */
  record Send(int to, PbftMessage message) implements Action {}

  /** Send {@code message} to every other validator. */
  record Broadcast(PbftMessage message) implements Action {}

  /**
   * (Re)start timer {@code kind}: fire {@link Event.TimerFired} with {@code timerId} after {@code
   * ticks}.
   */
  record SetTimer(TimerKind kind, long timerId, long ticks) implements Action {}

  /** Stop timer {@code kind} if it runs. */
  record CancelTimer(TimerKind kind) implements Action {}

  /**
   * Execute these transactions as block {@code height} on top of {@code previousHash} (a block the
   * node executed or validated) and answer with {@link Event.ProposalBuilt}. The node may leave out
   * transactions that fail validation; the block's proposer is this replica.
   */
  record BuildProposal(long view, long height, Hash previousHash, List<Transaction> transactions)
      implements Action {}

  /**
   * Re-execute {@code block} on top of its parent (executed or validated before) and compare the
   * state root; answer with {@link Event.BlockValidated}.
   */
  record ValidateBlock(long height, Hash blockHash, Block block) implements Action {}

  /** Block {@code height} is committed: apply it and store it with its certificate. */
  record Deliver(long height, Hash blockHash, Block block, CommitCertificate certificate)
      implements Action {}

  /**
   * Fetch committed blocks {@code fromHeight..toHeight} with their certificates from {@code peer}
   * and answer with {@link Event.BlocksFetched}; the peer may have fewer (or none) of them.
   */
  record FetchBlocks(int peer, long fromHeight, long toHeight) implements Action {}

  /**
   * Gossip these pending transactions to the other validators again (the primary may lack them).
   */
  record ForwardTransactions(List<Transaction> transactions) implements Action {}
}
