package org.govchain.node.chain;

import org.govchain.core.chain.ChainId;
import org.govchain.storage.StateChanges;

/** The verdict on a proposed block. */
public sealed interface Validation {
  /** Valid: re-executing it gave its state root; the changes are kept for its commit. */
  record Valid(StateChanges changes) implements Validation {}

  /** Invalid, with why. */
  record Invalid(String reason) implements Validation {}

  /** Not decidable yet: it reads {@code chain} at a height this node has not committed. */
  record Waiting(ChainId chain, long height) implements Validation {}
}
