package org.govchain.storage;

import java.util.List;

/**
 * The records a block's state changes add to its batch: latest versions, superseded versions (and
 * deletions) to the history, the tree records, and the state root record.
 */
final class StateRecords {
  private StateRecords() {}

  /**
   * Adds the records of {@code changes}, written by the block at {@code height}, for the chain of
   * {@code columns}. The new versions go to the latest-state family; the versions they supersede go
   * to the history, keyed by the height that wrote them, and so does a deletion, keyed by its own
   * height (so that a later write of the key needs nothing read: see docs/storage.md). A key
   * written for the first time costs no history entry. The tree nodes go in their records, and the
   * root record names the root's hash and place.
   */
  static void add(BatchBuilder batch, ChainColumns columns, StateChanges changes, long height) {
    for (StateChange change : changes.changes()) {
      StoredVersion superseded = changes.superseded(change.key());
      if (superseded != null) {
        batch.put(
            columns.history,
            Keys.history(change.key(), superseded.height()),
            superseded.historyValue());
      }
      if (change.deletion()) {
        batch.put(
            columns.history, Keys.history(change.key(), height), new byte[] {Keys.HISTORY_DELETE});
      }
      batch.put(
          columns.state, change.key().toByteArray(), StoredVersion.encode(height, change.value()));
    }
    List<byte[]> segments = changes.treeSegments();
    for (int segment = 0; segment < segments.size(); segment++) {
      batch.put(columns.tree, TreeSegments.key(height, segment), segments.get(segment));
    }
    batch.put(
        columns.chain, Keys.height(Keys.STATE_ROOT, height), Keys.encodeRoot(changes.rootNode()));
  }
}
