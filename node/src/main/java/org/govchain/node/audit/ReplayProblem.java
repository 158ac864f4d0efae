package org.govchain.node.audit;

/** What kind of inconsistency a replay found (see docs/auditing.md for each one's checks). */
public enum ReplayProblem {
  /** The source's genesis (hash, or executed block 0) is not the given genesis files'. */
  GENESIS_MISMATCH,
  /** The export file or data directory cannot be read as the format says (truncated, malformed). */
  UNREADABLE,
  /** A block's height or previous hash does not follow the block before it. */
  HASH_LINK,
  /** A commit certificate is missing or does not certify the block under the genesis validators. */
  CERTIFICATE,
  /** A transaction's signature does not verify under its submitter key. */
  SIGNATURE,
  /** A transaction is malformed or fails its ledger's stateless checks. */
  MALFORMED_TRANSACTION,
  /**
   * Re-executing the block refuses it: header rules, anchors, a refused transaction, or a state
   * root that differs from the re-executed one.
   */
  INVALID_BLOCK,
  /** An anchor names a block of another chain that the replayed sources do not contain. */
  MISSING_ANCHOR,
  /** A data directory's stored state root of a height differs from its block header's. */
  STORED_ROOT,
  /** A data directory's stored state differs from the state re-executed from its blocks. */
  STORED_STATE
}
