package org.govchain.storage;

import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.SuiteId;

/** A chain the store keeps: its id and the crypto suite its genesis fixes. */
public record ChainSpec(ChainId id, SuiteId suite) {
  public ChainSpec {
    if (id == null || suite == null) {
      throw new IllegalArgumentException("a chain spec needs an id and a suite");
    }
  }
}
