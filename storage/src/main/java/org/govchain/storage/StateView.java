package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.govchain.core.Invariants;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateLimits;
import org.govchain.core.state.StateReader;
import org.govchain.storage.proto.StateProof;

/**
 * One chain's state at one height, read from one RocksDB snapshot: every read sees that height and
 * nothing else, however many blocks are committed meanwhile. Any value read can come with a proof
 * against {@link #root()}. Reads may run on several threads; {@link #close()} must not race them.
 *
 * <p>At the chain's latest height (as of the snapshot) reads are single gets on the latest-state
 * column family; at older heights they seek the history.
 */
public final class StateView implements StateReader, AutoCloseable {
  private final ChainReads reads;
  private final long height;
  private final TreeNode.Child root;
  private final boolean latest;
  private final AutoCloseable onClose;
  private volatile boolean closed;

  StateView(
      ChainReads reads, long height, TreeNode.Child root, boolean latest, AutoCloseable onClose) {
    this.reads = reads;
    this.height = height;
    this.root = root;
    this.latest = latest;
    this.onClose = onClose;
  }

  /** The same view, closing {@code owner} when it is closed. */
  StateView(StateView view, AutoCloseable owner) {
    this(view.reads, view.height, view.root, view.latest, owner);
  }

  public ChainId chain() {
    return reads.columns().id();
  }

  public CryptoSuite suite() {
    return reads.columns().suite;
  }

  /** The height of the last block applied to this state; -1 before the genesis block. */
  @Override
  public long height() {
    return height;
  }

  /** The state root at this height: the state root of that block's header. */
  public Hash root() {
    return root.hash();
  }

  /** The root node and where it is stored. */
  TreeNode.Child rootNode() {
    return root;
  }

  ChainReads reads() {
    checkOpen();
    return reads;
  }

  @Override
  public Optional<ByteString> get(ByteString key) {
    StateLimits.checkKey(key);
    checkOpen();
    if (height < 0) {
      return Optional.empty();
    }
    return latest ? reads.latestValue(key) : reads.valueAt(key, height);
  }

  @Override
  public List<StateEntry> scan(ByteString prefix, ByteString startAfter, int limit) {
    StateLimits.checkScanLimit(limit);
    checkOpen();
    if (height < 0) {
      return List.of();
    }
    return reads.scan(prefix, startAfter, limit, height);
  }

  /** A proof of {@code key}'s value, or of its absence, against {@link #root()}. */
  public StateProof prove(ByteString key) {
    StateLimits.checkKey(key);
    Optional<ByteString> value = get(key);
    Hash keyPath = StateHashing.keyPath(suite(), key);
    SparseMerkleTree.ProofPath path = tree().prove(root, keyPath);
    if (value.isPresent()) {
      Invariants.check(
          path.terminal() != null
              && path.terminal().keyPath().equals(keyPath)
              && path.terminal().valueHash().equals(StateHashing.valueHash(suite(), value.get())),
          "state tree of chain %s disagrees with the stored value of a key at height %s",
          chain(),
          height);
    } else {
      Invariants.check(
          path.terminal() == null || !path.terminal().keyPath().equals(keyPath),
          "state tree of chain %s holds a key the state does not, at height %s",
          chain(),
          height);
    }
    return StateProofs.build(key, path, value);
  }

  /**
   * Reads this state's tree from the root down to the levels the chain's node cache keeps as upper
   * levels (all of them for a small tree), so that the cache holds them: a proof or an update on a
   * large tree then reads only what lies below. Stops early when {@code stop} says so. Returns the
   * nodes read. Without it the cache fills only as lookups happen to pass through each node, which
   * for the deepest cached level of a ten-million-key tree takes about a million lookups.
   */
  public long preloadUpperLevels(BooleanSupplier stop) {
    return tree().readLevels(root, reads.columns().nodeCache.upperDepthMax(), stop);
  }

  SparseMerkleTree tree() {
    checkOpen();
    return new SparseMerkleTree(suite(), reads.nodes());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("state view of " + chain() + " is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      onClose.close();
    } catch (Exception e) {
      throw new StoreIoException("closing a state view of " + chain(), e);
    }
  }
}
