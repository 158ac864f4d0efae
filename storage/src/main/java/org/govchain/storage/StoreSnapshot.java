package org.govchain.storage;

import java.util.Map;
import java.util.Optional;
import org.govchain.core.chain.ChainId;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.rocksdb.ReadOptions;
import org.rocksdb.Snapshot;

/**
 * One consistent moment of the whole store: every chain's blocks and state as they were when the
 * snapshot was taken. A materials pull reads the five chains through one snapshot. State views
 * obtained here live until the snapshot is closed; closing them early is allowed and cheap.
 */
public final class StoreSnapshot implements AutoCloseable {
  private final Rocks rocks;
  private final Map<ChainId, ChainColumns> chains;
  private final Snapshot snapshot;
  private final ReadOptions read;
  private boolean closed;

  StoreSnapshot(Rocks rocks, Map<ChainId, ChainColumns> chains) {
    this.rocks = rocks;
    this.chains = chains;
    this.snapshot = rocks.db().getSnapshot();
    this.read = new ReadOptions().setSnapshot(snapshot).setVerifyChecksums(true);
  }

  private ChainReads reads(ChainId chain) {
    if (closed) {
      throw new IllegalStateException("snapshot is closed");
    }
    ChainColumns columns = chains.get(chain);
    if (columns == null) {
      throw new IllegalArgumentException("the store keeps no chain " + chain);
    }
    return new ChainReads(rocks, columns, read);
  }

  /** The chain's latest height in this snapshot; -1 before its genesis block. */
  public long latestHeight(ChainId chain) {
    return reads(chain).latestHeight();
  }

  /** The chain's state at its latest height in this snapshot. */
  public StateView state(ChainId chain) {
    return state(chain, latestHeight(chain));
  }

  /**
   * The chain's state after block {@code height} (-1: the empty state before genesis). Fails with
   * IllegalArgumentException for a height beyond this snapshot's latest.
   */
  public StateView state(ChainId chain, long height) {
    ChainReads reads = reads(chain);
    long latest = reads.latestHeight();
    if (height < -1 || height > latest) {
      throw new IllegalArgumentException(
          "chain " + chain + " has state at heights -1.." + latest + ", not " + height);
    }
    var root =
        reads
            .stateRootNode(height)
            .orElseThrow(
                () ->
                    new StoreCorruptionException(
                        "chain " + chain + ": state root of height " + height + " is missing"));
    return new StateView(reads, height, root, height == latest, () -> {});
  }

  /**
   * A state view that owns this snapshot: closing the view closes the snapshot. {@code height} of
   * {@link Long#MIN_VALUE} means the latest.
   */
  StateView ownedState(ChainId chain, long height) {
    try {
      StateView view = state(chain, height == Long.MIN_VALUE ? latestHeight(chain) : height);
      return new StateView(view, this);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public Optional<Block> block(ChainId chain, long height) {
    return reads(chain).block(height);
  }

  public Optional<CommitCertificate> certificate(ChainId chain, long height) {
    return reads(chain).certificate(height);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    read.close();
    rocks.db().releaseSnapshot(snapshot);
    snapshot.close();
  }
}
