package org.govchain.storage;

import org.govchain.core.Invariants;

/**
 * Where a stored state tree node is: the height of the block that created it and its position
 * (ordinal) among the nodes that block created. A block's nodes are stored together, {@value
 * TreeSegments#NODES_PER_SEGMENT} to a record, so a block writes a few records, not one per node.
 */
record NodeRef(long height, int ordinal) {
  NodeRef {
    Invariants.check(height >= 0 && ordinal >= 0, "a tree node reference is never negative");
  }

  /** The number of the record (of the block at {@link #height}) that holds this node. */
  int segment() {
    return ordinal / TreeSegments.NODES_PER_SEGMENT;
  }

  /** The node's position within its record. */
  int indexInSegment() {
    return ordinal % TreeSegments.NODES_PER_SEGMENT;
  }

  /**
   * Mixes both fields: the record's default (about 31 × height + ordinal) makes the references of
   * consecutive blocks collide in bulk, which turned every node cache lookup into a bucket scan.
   */
  @Override
  public int hashCode() {
    long mixed = (height * 0x9E3779B97F4A7C15L + ordinal) * 0xD6E8FEB86659FD93L;
    return (int) (mixed ^ (mixed >>> 32));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeRef ref && ref.height == height && ref.ordinal == ordinal;
  }

  @Override
  public String toString() {
    return height + "/" + ordinal;
  }
}
