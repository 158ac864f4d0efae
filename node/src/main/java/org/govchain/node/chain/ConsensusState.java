package org.govchain.node.chain;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.state.StateEntry;
import org.govchain.pbft.PbftMessages;
import org.govchain.pbft.proto.PersistedState;
import org.govchain.storage.ConsensusLog;
import org.govchain.storage.ConsensusLogUpdate;

/**
 * Where a chain's PBFT replica keeps what it must not contradict after a restart: its state (one
 * entry, replaced) and the blocks it voted for (one entry per block hash, until a stable checkpoint
 * passes their height), in the chain's consensus log. Writes are synced.
 */
final class ConsensusState {
  private static final ByteString STATE_KEY =
      ByteString.copyFrom("state", StandardCharsets.US_ASCII);
  private static final ByteString BLOCK_PREFIX =
      ByteString.copyFrom("block/", StandardCharsets.US_ASCII);
  private static final int SCAN_PAGE = 1_000;

  private final ConsensusLog log;
  // Heights of the persisted blocks, to delete them once a stable checkpoint passes them.
  private final Map<Hash, Long> blockHeights = new HashMap<>();

  ConsensusState(ConsensusLog log) {
    this.log = log;
  }

  /** The stored state, if the replica ever stored one. */
  Optional<PersistedState> state() throws MalformedInputException {
    Optional<ByteString> bytes = log.get(STATE_KEY);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(PbftMessages.decodeState(bytes.get().toByteArray()));
  }

  /** The stored blocks, and remembers their heights. */
  List<Block> blocks() throws MalformedInputException {
    List<Block> blocks = new ArrayList<>();
    ByteString after = ByteString.EMPTY;
    while (true) {
      List<StateEntry> page = log.scan(BLOCK_PREFIX, after, SCAN_PAGE);
      for (StateEntry entry : page) {
        Block block =
            Canonical.decode(Block.parser(), entry.value(), Integer.MAX_VALUE, "stored block");
        blocks.add(block);
        blockHeights.put(
            Hash.of(entry.key().substring(BLOCK_PREFIX.size()).toByteArray()),
            block.getHeader().getHeight());
      }
      if (page.size() < SCAN_PAGE) {
        return blocks;
      }
      after = page.get(page.size() - 1).key();
    }
  }

  /** Adds a voted-for block to an update. */
  void putBlock(ConsensusLogUpdate.Builder update, Hash hash, Block block) {
    update.put(BLOCK_PREFIX.concat(hash.toByteString()), Canonical.encodeToByteString(block));
    blockHeights.put(hash, block.getHeader().getHeight());
  }

  /** Adds the new state to an update, and drops blocks at or below its stable checkpoint. */
  void putState(ConsensusLogUpdate.Builder update, PersistedState state) {
    update.put(STATE_KEY, Canonical.encodeToByteString(state));
    long stable = state.hasStableCheckpoint() ? state.getStableCheckpoint().getSequence() : -1;
    var iterator = blockHeights.entrySet().iterator();
    while (iterator.hasNext()) {
      Map.Entry<Hash, Long> entry = iterator.next();
      if (entry.getValue() <= stable) {
        update.delete(BLOCK_PREFIX.concat(entry.getKey().toByteString()));
        iterator.remove();
      }
    }
  }

  /** Writes an update, synced, if it holds anything. */
  void write(ConsensusLogUpdate update) {
    if (!update.isEmpty()) {
      log.write(update);
    }
  }
}
