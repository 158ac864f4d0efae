package org.govchain.node.ingest;

import org.govchain.core.chain.DecodedTransaction;

/** What the verification pipeline made of one submitted transaction. */
public sealed interface IngestOutcome {
  /** Decoded, for this chain, statelessly valid and correctly signed. */
  record Verified(DecodedTransaction transaction) implements IngestOutcome {}

  /** Refused, with why. Nothing was changed by it. */
  record Refused(Reason reason, String detail) implements IngestOutcome {}

  /** Why a transaction is refused before it reaches the mempool. */
  enum Reason {
    /** Not a canonical, well-formed envelope (or payload). */
    MALFORMED,
    /** Signed for another chain than the one it was submitted to. */
    WRONG_CHAIN,
    /** This node does not host the chain. */
    UNKNOWN_CHAIN,
    /** The signature does not verify under the submitter key. */
    BAD_SIGNATURE,
    /** The pipeline's queue is full: try again later. Not cached. */
    BUSY
  }
}
