package org.govchain.node.chain;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.govchain.core.crypto.Hash;
import org.govchain.storage.BlockCommit;
import org.govchain.storage.ChainStore;
import org.govchain.storage.ConsensusLogUpdate;
import org.govchain.storage.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every hosted chain starts from its genesis: on a fresh store, executes each chain's
 * genesis content as block 0 (in genesis order, so a chain reads the chains before it at height 0)
 * and records the genesis hash; on an existing store, refuses one made from another genesis.
 */
public final class GenesisBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(GenesisBootstrap.class);
  public static final ByteString GENESIS_KEY =
      ByteString.copyFrom("genesis", StandardCharsets.US_ASCII);

  private GenesisBootstrap() {}

  /** Thrown when the store holds a chain of another genesis. */
  public static final class GenesisMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    GenesisMismatchException(String message) {
      super(message);
    }
  }

  public static void ensure(Store store, HostedChains chains, BlockExecutor executor)
      throws GenesisMismatchException {
    for (ChainSetup chain : chains.all()) {
      ChainStore chainStore = store.chain(chain.id());
      if (chainStore.latestHeight() >= 0) {
        check(chain, chainStore);
        continue;
      }
      BlockExecutor.Built built = executor.genesis(chain);
      ConsensusLogUpdate update =
          ConsensusLogUpdate.builder().put(GENESIS_KEY, chain.genesisHash().toByteString()).build();
      chainStore.commit(BlockCommit.genesis(built.block(), built.changes(), update));
      LOG.info(
          "{}: genesis {} executed: block 0 {} with {} transactions",
          chain.id(),
          chain.genesisHash().shortHex(),
          built.blockHash().shortHex(),
          built.block().getTransactionsCount());
    }
  }

  private static void check(ChainSetup chain, ChainStore chainStore)
      throws GenesisMismatchException {
    Optional<ByteString> stored = chainStore.consensusLog().get(GENESIS_KEY);
    if (stored.isEmpty() || !stored.get().equals(chain.genesisHash().toByteString())) {
      String found = stored.map(bytes -> Hash.of(bytes.toByteArray()).shortHex()).orElse("none");
      throw new GenesisMismatchException(
          "chain "
              + chain.id()
              + ": the data directory holds genesis "
              + found
              + ", the configuration names genesis "
              + chain.genesisHash().shortHex()
              + " (another network, or a re-initialised one: use an empty data directory)");
    }
  }
}
