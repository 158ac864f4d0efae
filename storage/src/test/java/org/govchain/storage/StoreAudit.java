package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
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

  /** The root of {@code state} built in memory from nothing. */
  static Hash rootFromScratch(CryptoSuite suite, Map<ByteString, ByteString> state) {
    Map<Hash, TreeNode> nodes = new HashMap<>();
    SparseMerkleTree tree = new SparseMerkleTree(suite, nodes::get);
    List<SparseMerkleTree.PathUpdate> updates = new ArrayList<>();
    state.forEach(
        (key, value) ->
            updates.add(
                new SparseMerkleTree.PathUpdate(
                    StateHashing.keyPath(suite, key), StateHashing.valueHash(suite, value))));
    updates.sort(java.util.Comparator.comparing(SparseMerkleTree.PathUpdate::keyPath));
    return tree.update(StateHashing.EMPTY, updates).root();
  }
}
