package org.govchain.node.chain;

import java.util.Optional;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;

/**
 * Told of every block a chain commits, on that chain's consensus thread, after the block is
 * durable. Must not block: hand slow work to another thread.
 */
@FunctionalInterface
public interface CommitListener {
  void committed(
      ChainSetup chain,
      long height,
      Hash blockHash,
      Block block,
      Optional<CommitCertificate> certificate);
}
