package org.govchain.node.audit;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateLimits;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;

/**
 * The checks of a source that stores state (a data directory) against the replay: each height's
 * stored state root against its header (which re-execution proved), and at the end the whole stored
 * state, entry by entry, against the state the replay re-executed.
 */
final class StoredStateCheck {
  private StoredStateCheck() {}

  static void checkRoot(ChainCursor cursor, long height, BlockHeader header)
      throws ReplayException {
    if (!cursor.source().storesState()) {
      return;
    }
    Optional<Hash> stored = cursor.source().storedStateRoot(height);
    if (stored.isEmpty() || !stored.get().toByteString().equals(header.getStateRoot())) {
      throw new ReplayException(
          cursor.setup().id(),
          height,
          ReplayProblem.STORED_ROOT,
          "the stored state root "
              + stored.map(Hash::shortHex).orElse("(none)")
              + " is not the header's (re-executed) state root");
    }
  }

  /** Compares the stored state with the replayed one; false if the source stores none. */
  static boolean compare(ChainCursor cursor, Store replayed) throws ReplayException {
    if (!cursor.source().storesState()) {
      return false;
    }
    Optional<StateView> storedView = cursor.source().storedState();
    if (storedView.isEmpty()) {
      return false;
    }
    ChainId chain = cursor.setup().id();
    long height = cursor.previousHeight();
    try (StateView stored = storedView.get();
        StateView executed = replayed.chain(chain).state(height)) {
      ByteString after = ByteString.EMPTY;
      while (true) {
        List<StateEntry> mine = stored.scan(ByteString.EMPTY, after, StateLimits.MAX_SCAN_ENTRIES);
        List<StateEntry> theirs =
            executed.scan(ByteString.EMPTY, after, StateLimits.MAX_SCAN_ENTRIES);
        String difference = difference(mine, theirs);
        if (difference != null) {
          throw new ReplayException(chain, height, ReplayProblem.STORED_STATE, difference);
        }
        if (mine.size() < StateLimits.MAX_SCAN_ENTRIES) {
          return true;
        }
        after = mine.get(mine.size() - 1).key();
      }
    } catch (RuntimeException e) {
      throw new ReplayException(
          chain, height, ReplayProblem.UNREADABLE, "the stored state: " + e.getMessage());
    }
  }

  private static String difference(List<StateEntry> stored, List<StateEntry> executed) {
    for (int i = 0; i < Math.min(stored.size(), executed.size()); i++) {
      StateEntry mine = stored.get(i);
      StateEntry theirs = executed.get(i);
      if (!mine.key().equals(theirs.key())) {
        ByteString first =
            ByteString.unsignedLexicographicalComparator().compare(mine.key(), theirs.key()) < 0
                ? mine.key()
                : theirs.key();
        return "key " + hex(first) + " is in one of the stored and re-executed states only";
      }
      if (!mine.value().equals(theirs.value())) {
        return "the stored value of key " + hex(mine.key()) + " is not the re-executed value";
      }
    }
    if (stored.size() != executed.size()) {
      return "the stored state has "
          + (stored.size() > executed.size() ? "more" : "fewer")
          + " entries than the re-executed state";
    }
    return null;
  }

  private static String hex(ByteString key) {
    String hex = HexFormat.of().formatHex(key.substring(0, Math.min(key.size(), 48)).toByteArray());
    return key.size() > 48 ? hex + "…" : hex;
  }
}
