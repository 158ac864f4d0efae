package org.govchain.node.runtime;

import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.ingest.ChainRules;
import org.govchain.subchains.Verdict;

/** The verification pipeline's view of a hosted chain: its suite, size limit and ledger checks. */
public final class LedgerRules implements ChainRules {
  private final ChainSetup chain;

  public LedgerRules(ChainSetup chain) {
    this.chain = chain;
  }

  @Override
  public ChainId chainId() {
    return chain.id();
  }

  @Override
  public CryptoSuite suite() {
    return chain.suite();
  }

  @Override
  public int maxTransactionBytes() {
    return chain.maxTransactionBytes();
  }

  @Override
  public String statelessProblem(DecodedTransaction transaction) {
    Verdict verdict = chain.ledger().check(transaction);
    return verdict instanceof Verdict.Refused refused
        ? refused.code() + ": " + refused.message()
        : null;
  }
}
