package org.govchain.subchains;

import java.util.Map;
import java.util.Set;
import org.govchain.core.Invariants;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;

/**
 * One transaction's execution: its block's height and time, this chain's (buffered) state, and the
 * other chains it declared it reads. Reading an undeclared chain is a programming error: the
 * declaration is what the proposer pins anchors by.
 */
public final class Execution {
  private final DecodedTransaction transaction;
  private final ChainKind own;
  private final CryptoSuite suite;
  private final long height;
  private final long blockTimeMillis;
  private final StateWriter state;
  private final Set<ChainKind> declared;
  private final Map<ChainKind, StateReader> anchored;

  Execution(
      DecodedTransaction transaction,
      ChainKind own,
      CryptoSuite suite,
      ExecutionContext context,
      StateWriter state,
      Set<ChainKind> declared) {
    this.transaction = transaction;
    this.own = own;
    this.suite = suite;
    this.height = context.height();
    this.blockTimeMillis = context.blockTimeMillis();
    this.state = state;
    this.declared = declared;
    this.anchored = context.anchored();
  }

  public DecodedTransaction transaction() {
    return transaction;
  }

  /** The transaction's id: the id of the record it creates, where it creates one. */
  public Hash transactionId() {
    return transaction.id();
  }

  public CryptoSuite suite() {
    return suite;
  }

  public long height() {
    return height;
  }

  public long blockTimeMillis() {
    return blockTimeMillis;
  }

  /** This chain's state; writes are kept until the transaction is accepted. */
  public StateWriter state() {
    return state;
  }

  /** The state of {@code kind}: this chain's own, or another's at its anchored height. */
  public StateReader read(ChainKind kind) {
    if (kind == own) {
      return state;
    }
    Invariants.check(declared.contains(kind), "operation reads chain %s it did not declare", kind);
    StateReader reader = anchored.get(kind);
    if (reader == null) {
      throw new IllegalArgumentException(
          "the execution context has no anchored view of the "
              + kind
              + " chain, which "
              + transaction.type()
              + " reads");
    }
    return reader;
  }
}
