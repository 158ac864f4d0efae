package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.govchain.core.chain.Blocks;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.state.StateEntry;

/** Whole-store consistency checks shared by the crash and damaged-store tests. */
final class StoreAudit {
  private StoreAudit() {}

  /**
   * Checks every block from genesis to the latest: present, hash-linked, certified (after genesis),
   * indexed by hash, and its header's state root equal to the stored root; then that the root
   * recomputed from the whole latest state equals the latest header's. Returns the latest height.
   */
  static long auditChain(ChainStore chain) {
    long latest = chain.latestHeight();
    Hash previous = Hash.ZERO;
    for (long height = 0; height <= latest; height++) {
      Block block = chain.block(height).orElseThrow(() -> new AssertionError("block missing"));
      BlockHeader header = block.getHeader();
      assertEquals(height, header.getHeight());
      assertEquals(previous.toByteString(), header.getPreviousHash(), "link at " + height);
      Hash hash = Blocks.hash(chain.suite(), header);
      assertEquals(height, chain.heightOf(hash).orElseThrow());
      assertTrue(height == 0 || chain.certificate(height).isPresent(), "certificate " + height);
      assertEquals(header.getStateRoot(), chain.stateRoot(height).orElseThrow().toByteString());
      previous = hash;
    }
    try (StateView state = chain.state()) {
      assertEquals(latest, state.height());
      Hash recomputed = rootFromScratch(chain.suite(), fullState(state));
      assertEquals(state.root(), recomputed, "root recomputed from the state at " + latest);
    }
    return latest;
  }

  static TreeMap<ByteString, ByteString> fullState(StateView state) {
    TreeMap<ByteString, ByteString> entries =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    ByteString after = ByteString.EMPTY;
    while (true) {
      List<StateEntry> page = state.scan(ByteString.EMPTY, after, 1_000);
      for (StateEntry entry : page) {
        entries.put(entry.key(), entry.value());
      }
      if (page.size() < 1_000) {
        return entries;
      }
      after = page.get(page.size() - 1).key();
    }
  }

  /**
   * The root of {@code state} straight from the tree's definition (docs/storage.md), computed over
   * all entries at once: independent of the incremental update the store runs.
   */
  static Hash rootFromScratch(CryptoSuite suite, Map<ByteString, ByteString> state) {
    List<Map.Entry<Hash, Hash>> leaves = new ArrayList<>();
    state.forEach(
        (key, value) ->
            leaves.add(
                Map.entry(StateHashing.keyPath(suite, key), StateHashing.valueHash(suite, value))));
    return definitionRoot(suite, 0, leaves);
  }

  private static Hash definitionRoot(CryptoSuite suite, int depth, List<Map.Entry<Hash, Hash>> s) {
    if (s.isEmpty()) {
      return StateHashing.EMPTY;
    }
    if (s.size() == 1) {
      return StateHashing.leafHash(suite, s.get(0).getKey(), s.get(0).getValue());
    }
    List<Map.Entry<Hash, Hash>> left = new ArrayList<>();
    List<Map.Entry<Hash, Hash>> right = new ArrayList<>();
    for (Map.Entry<Hash, Hash> leaf : s) {
      (leaf.getKey().bit(depth) ? right : left).add(leaf);
    }
    return StateHashing.nodeHash(
        suite, definitionRoot(suite, depth + 1, left), definitionRoot(suite, depth + 1, right));
  }
}
