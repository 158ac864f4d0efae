package org.govchain.subchains;

import java.util.Set;
import org.govchain.core.chain.DecodedTransaction;

/**
 * One sub-chain's transaction logic: what the node's verification pipeline, mempool and block
 * executor call. Pure: no I/O, no clock, no randomness; thread-safe (holds no mutable state).
 *
 * <p>The transaction's signature has already been verified by the node when either method runs; the
 * ledger checks that the submitter is <em>allowed</em> (registered, active, the right department)
 * against the identity chain's state.
 */
public interface Ledger {
  ChainKind kind();

  /** The transaction types ("ledger.operation") this chain accepts. */
  Set<String> transactionTypes();

  /**
   * The other chains that executing a transaction of {@code type} reads. The proposer pins each at
   * an anchored height ({@code ChainAnchor}) and passes their views in {@link ExecutionContext}.
   * Empty for an unknown type.
   */
  Set<ChainKind> reads(String type);

  /**
   * The payload message type of {@code type} (its default instance), for tools that build payloads
   * from another representation (the command line reads JSON). Empty for an unknown type.
   */
  java.util.Optional<com.google.protobuf.Message> payloadPrototype(String type);

  /**
   * Stateless checks: chain id, type, canonical payload, field forms, signatures inside the
   * payload. Accepted means "may be ordered", not "will execute".
   */
  Verdict check(DecodedTransaction transaction);

  /**
   * Checks and applies {@code transaction} to {@code context.state()}: the stateless checks again,
   * the nonce, the stateful rules; then the state transition and its secondary indexes. A refused
   * transaction leaves the state untouched.
   */
  Verdict execute(DecodedTransaction transaction, ExecutionContext context);

  /**
   * {@link #execute} for a transaction whose {@link #check} this ledger has already accepted: the
   * caller vouches that {@code check(transaction)} returned {@link Verdict#ACCEPTED} for this very
   * transaction (the node's verification pipeline runs it on every transaction before the block
   * executor sees it). The stateless checks are pure, so repeating them can only give the same
   * answer; a ledger may skip them here (a licence issue's include an SM2 verification of the
   * issuer's signature). Everything else {@link #execute} does is done. By default, {@link
   * #execute}.
   */
  default Verdict executeChecked(DecodedTransaction transaction, ExecutionContext context) {
    return execute(transaction, context);
  }
}
