package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.Hash;

/**
 * Everything a block's execution changed, ready to commit: the key changes (sorted by key), the
 * state root they lead to, the state tree nodes created on the way (already in their stored form),
 * the versions the changes supersede, and the state they were computed on (chain, height, root),
 * which the commit checks is still the latest. Immutable.
 */
public final class StateChanges {
  private final ChainId chain;
  private final long baseHeight;
  private final Hash baseRoot;
  private final TreeNode.Child root;
  private final List<StateChange> changes;
  private final List<TreeNode> nodes;
  private final List<byte[]> treeSegments;
  private final Map<ByteString, StoredVersion> superseded;
  private final ChainColumns columns;
  private final BatchBuilder records;

  StateChanges(
      ChainId chain,
      long baseHeight,
      Hash baseRoot,
      TreeNode.Child root,
      List<StateChange> changes,
      List<TreeNode> nodes,
      Map<ByteString, StoredVersion> superseded,
      ChainColumns columns) {
    this.chain = chain;
    this.baseHeight = baseHeight;
    this.baseRoot = baseRoot;
    this.root = root;
    this.changes = List.copyOf(changes);
    this.nodes = List.copyOf(nodes);
    this.treeSegments = TreeSegments.encode(baseHeight + 1, this.nodes);
    this.superseded = Map.copyOf(superseded);
    this.columns = columns;
    // Encoded now, during execution, so that the commit (under its lock) only copies them.
    this.records = new BatchBuilder(batchBytesEstimate());
    StateRecords.add(records, columns, this, baseHeight + 1);
  }

  public ChainId chain() {
    return chain;
  }

  /** The height of the state these changes apply to; the block must be the next height. */
  public long baseHeight() {
    return baseHeight;
  }

  public Hash baseRoot() {
    return baseRoot;
  }

  /** The state root after the changes: what the block header must carry. */
  public Hash root() {
    return root.hash();
  }

  public List<StateChange> changes() {
    return changes;
  }

  /** How many state tree nodes the commit writes. */
  public int nodeCount() {
    return nodes.size();
  }

  /** The new root node and where it is stored (a node of this block, or an older one). */
  TreeNode.Child rootNode() {
    return root;
  }

  /** The created tree nodes; the node at index i is stored at (base height + 1, i). */
  List<TreeNode> nodes() {
    return nodes;
  }

  /** The records holding {@link #nodes()} (see {@link TreeSegments}); do not modify them. */
  List<byte[]> treeSegments() {
    return treeSegments;
  }

  /**
   * About how many bytes the changes take in a block's write batch (a first size for its buffer,
   * not a limit).
   */
  int batchBytesEstimate() {
    long bytes = 4096;
    for (StateChange change : changes) {
      bytes += 2L * change.key().size() + change.value().map(ByteString::size).orElse(0) + 32;
    }
    for (StoredVersion version : superseded.values()) {
      bytes += version.value().map(ByteString::size).orElse(0) + 8;
    }
    for (byte[] segment : treeSegments) {
      bytes += segment.length + 32;
    }
    return (int) Math.min(bytes, BatchBuilder.BATCH_BYTES_MAX);
  }

  /**
   * Appends this block's state records, encoded during execution, to {@code batch} if they were
   * encoded for {@code target} (the column families of the store and chain that computed them);
   * false (nothing appended) otherwise: the caller encodes them for its own families.
   */
  boolean appendRecordsTo(BatchBuilder batch, ChainColumns target) {
    if (target != columns) {
      return false;
    }
    batch.append(records);
    return true;
  }

  /** The version each changed key had at the base height, for keys that had a value there. */
  StoredVersion superseded(ByteString key) {
    return superseded.get(key);
  }
}
