package org.govchain.storage;

import static org.govchain.storage.ChainFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.state.StateEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateIndexTest {
  @TempDir Path directory;

  /** Licences "licence/<id>" with value "<holder>|<status>": indexed by holder. */
  private static final StateIndex BY_HOLDER =
      new StateIndex() {
        @Override
        public String name() {
          return "by-holder";
        }

        @Override
        public ByteString keyPrefix() {
          return bytes("licence/");
        }

        @Override
        public List<ByteString> terms(ByteString key, ByteString value) {
          return List.of(bytes(value.toStringUtf8().split("\\|")[0]));
        }
      };

  private final ChainFixture fixture = new ChainFixture(new ChainId("indexed"), CryptoSuite.sm());

  private StateChanges execute(StateView base, String... keyValues) {
    StateOverlay overlay = StateOverlay.over(base, List.of(BY_HOLDER));
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] == null) {
        overlay.delete(bytes(keyValues[i]));
      } else {
        overlay.put(bytes(keyValues[i]), bytes(keyValues[i + 1]));
      }
    }
    return overlay.changes();
  }

  private void commit(ChainStore chain, String... keyValues) {
    try (StateView base = chain.state()) {
      StateChanges changes = execute(base, keyValues);
      var block =
          fixture.block(
              base.height() + 1,
              ChainFixture.previousHash(chain),
              changes.root(),
              fixture.transactions(1));
      chain.commit(
          base.height() < 0
              ? BlockCommit.genesis(block, changes, ConsensusLogUpdate.empty())
              : BlockCommit.of(block, fixture.certify(block), changes, ConsensusLogUpdate.empty()));
    }
  }

  private static Set<String> holderLicences(StateView state, String holder) {
    return StateIndexes.lookup(state, BY_HOLDER, bytes(holder), ByteString.EMPTY, 100).stream()
        .map(ByteString::toStringUtf8)
        .collect(Collectors.toSet());
  }

  @Test
  void theIndexFollowsPutsTransfersAndDeletesAtEveryHeight() throws Exception {
    try (Store store = Store.create(directory, StoreOptions.defaults(), List.of(fixture.spec()))) {
      ChainStore chain = store.chain(fixture.chain);
      commit(chain, "licence/1", "alice|valid", "licence/2", "alice|valid", "other", "x");
      commit(chain, "licence/2", "bob|valid", "licence/3", "bob|valid");
      commit(chain, "licence/1", null);
      try (StateView h0 = chain.state(0);
          StateView h1 = chain.state(1);
          StateView h2 = chain.state(2)) {
        assertEquals(Set.of("licence/1", "licence/2"), holderLicences(h0, "alice"));
        assertEquals(Set.of("licence/1"), holderLicences(h1, "alice"));
        assertEquals(Set.of("licence/2", "licence/3"), holderLicences(h1, "bob"));
        assertEquals(Set.of(), holderLicences(h2, "alice"));
        // Index entries are state entries: provable against the header's root.
        StateEntry entry =
            StateIndexes.entries(h2, BY_HOLDER, bytes("bob"), ByteString.EMPTY, 1).get(0);
        ProvenEntry proven = StateProofs.verify(fixture.suite, h2.root(), h2.prove(entry.key()));
        assertTrue(proven.present());
        assertEquals(
            StoreAudit.rootFromScratch(fixture.suite, StoreAudit.fullState(h2)), h2.root());
      }
    }
  }

  @Test
  void rollbackUndoesIndexEntriesAndReservedKeysAreRefused() throws StoreOpenException {
    try (Store store = Store.create(directory, StoreOptions.defaults(), List.of(fixture.spec()));
        StateView base = store.chain(fixture.chain).state()) {
      StateOverlay overlay = StateOverlay.over(base, List.of(BY_HOLDER));
      int mark = overlay.mark();
      overlay.put(bytes("licence/9"), bytes("carol|valid"));
      assertEquals(
          List.of(bytes("licence/9")),
          StateIndexes.lookup(overlay, BY_HOLDER, bytes("carol"), ByteString.EMPTY, 10));
      overlay.rollbackTo(mark);
      assertEquals(0, overlay.size());
      assertThrows(
          IllegalArgumentException.class,
          () -> overlay.put(ByteString.copyFrom(new byte[] {(byte) 0xff, 1}), bytes("forged")));
    }
  }
}
