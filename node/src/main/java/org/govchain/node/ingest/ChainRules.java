package org.govchain.node.ingest;

import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.crypto.CryptoSuite;

/**
 * What the pipeline needs to know of one hosted chain. The stateless check must depend only on the
 * transaction's bytes (not on time or state), because its result is cached.
 */
public interface ChainRules {
  ChainId chainId();

  CryptoSuite suite();

  int maxTransactionBytes();

  /** Null if the transaction's payload is acceptable in itself, else why not. */
  String statelessProblem(DecodedTransaction transaction);
}
