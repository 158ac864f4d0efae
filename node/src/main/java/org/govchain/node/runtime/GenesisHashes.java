package org.govchain.node.runtime;

import org.govchain.core.chain.Blocks;
import org.govchain.core.crypto.Hash;
import org.govchain.node.chain.ChainSetup;
import org.govchain.storage.Store;

/** The hash of a chain's block 0, which every later block links back to. */
final class GenesisHashes {
  private GenesisHashes() {}

  static Hash blockZero(Store store, ChainSetup chain) {
    return Blocks.hash(chain.suite(), store.chain(chain.id()).block(0).orElseThrow().getHeader());
  }
}
