package org.govchain.node.audit;

import java.util.Optional;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.Hash;
import org.govchain.storage.StateView;

/**
 * The blocks of one chain as an auditor received them, from height 0 up, in order: an export file
 * or a node's data directory.
 */
public interface ChainSource extends AutoCloseable {
  ChainId chain();

  /** The genesis hash the source says it was made from. */
  Hash genesisHash();

  /** The last height the source holds. */
  long lastHeight();

  /** The next block, or empty after {@link #lastHeight()}. */
  Optional<CertifiedBlock> next() throws ReplayException;

  /** Whether the source stores state (a data directory) besides blocks (an export does not). */
  boolean storesState();

  /** The state root the source stored for {@code height}, if it stores state (a data directory). */
  Optional<Hash> storedStateRoot(long height) throws ReplayException;

  /**
   * The stored state at {@link #lastHeight()}, if the source stores state; the caller closes it.
   */
  Optional<StateView> storedState() throws ReplayException;

  @Override
  void close();
}
