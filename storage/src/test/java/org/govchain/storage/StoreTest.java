package org.govchain.storage;

import static org.govchain.storage.ChainFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.Transactions;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.SuiteId;
import org.govchain.core.proto.Block;
import org.govchain.core.state.StateEntry;
import org.govchain.storage.CommitRefusedException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path directory;
  private final ChainFixture license = new ChainFixture(new ChainId("t-license"), CryptoSuite.sm());
  private final ChainFixture catalog =
      new ChainFixture(new ChainId("t-catalog"), CryptoSuite.intl());
  private Store store;

  @BeforeEach
  void create() throws StoreOpenException {
    store =
        Store.create(directory, StoreOptions.defaults(), List.of(license.spec(), catalog.spec()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private ChainStore licenses() {
    return store.chain(license.chain);
  }

  private static Map<ByteString, Optional<ByteString>> writes(String... keyValues) {
    Map<ByteString, Optional<ByteString>> writes = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      writes.put(
          bytes(keyValues[i]),
          keyValues[i + 1] == null ? Optional.empty() : Optional.of(bytes(keyValues[i + 1])));
    }
    return writes;
  }

  @Test
  void aFreshChainIsEmptyBeforeItsGenesisBlock() {
    assertEquals(-1, licenses().latestHeight());
    assertEquals(Optional.empty(), licenses().block(0));
    try (StateView state = licenses().state()) {
      assertEquals(-1, state.height());
      assertEquals(StateHashing.EMPTY, state.root());
      assertEquals(Optional.empty(), state.get(bytes("a")));
    }
  }

  @Test
  void changesComputedByAnotherStoreOfTheChainCommitIntoThisStoresFamilies() throws Exception {
    // Chains in the other order: the same chain's column families have other ids there.
    try (Store other =
        Store.create(
            directory.resolve("other"),
            StoreOptions.defaults(),
            List.of(catalog.spec(), license.spec()))) {
      StateChanges changes;
      try (StateView base = other.chain(license.chain).state()) {
        StateOverlay overlay = StateOverlay.over(base);
        overlay.put(bytes("a"), bytes("1"));
        overlay.put(bytes("b"), bytes("2"));
        changes = overlay.changes();
      }
      Block genesis = license.block(0, Hash.ZERO, changes.root(), license.transactions(1));
      licenses().commit(BlockCommit.genesis(genesis, changes, ConsensusLogUpdate.empty()));
      try (StateView state = licenses().state()) {
        assertEquals(Optional.of(bytes("1")), state.get(bytes("a")));
        assertEquals(Optional.of(bytes("2")), state.get(bytes("b")));
        assertEquals(changes.root(), state.root());
        StateProofs.verify(license.suite, state.root(), state.prove(bytes("b")));
      }
      assertEquals(-1, other.chain(license.chain).latestHeight());
      try (StateView untouched = store.chain(catalog.chain).state()) {
        assertEquals(Optional.empty(), untouched.get(bytes("a")));
      }
    }
  }

  @Test
  void committedBlocksAreReadableByHeightHashCertificateAndTransaction() {
    Block genesis = license.commit(licenses(), writes("a", "1"), 2);
    Block next = license.commit(licenses(), writes("b", "2"), 3);
    assertEquals(1, licenses().latestHeight());
    assertEquals(Optional.of(genesis), licenses().block(0));
    assertEquals(Optional.of(next), licenses().block(1));
    Hash nextHash = Blocks.hash(license.suite, next.getHeader());
    assertEquals(Optional.of(next), licenses().blockByHash(nextHash));
    assertEquals(Optional.of(1L), licenses().heightOf(nextHash));
    assertTrue(licenses().certificate(0).isEmpty(), "genesis has no certificate");
    assertEquals(nextHash.toByteString(), licenses().certificate(1).orElseThrow().getBlockHash());
    Hash secondTransaction = Transactions.id(license.suite, next.getTransactions(2).getBody());
    assertEquals(
        Optional.of(new TransactionLocation(1, 2)), licenses().transaction(secondTransaction));
    assertEquals(
        Hash.of(next.getHeader().getStateRoot().toByteArray()),
        licenses().stateRoot(1).orElseThrow());
    assertEquals(-1, store.chain(catalog.chain).latestHeight(), "chains are independent");
  }

  @Test
  void storeOptionsAreDurableUnlessAScratchStoreSaysOtherwise() {
    assertTrue(StoreOptions.defaults().durableWrites());
    assertTrue(new StoreOptions(1 << 20, 4 << 20, false, 1, 0).durableWrites());
    assertFalse(StoreOptions.defaults().withDurableWrites(false).durableWrites());
  }

  @Test
  void aStoreWithoutDurableWritesCommitsReadsAndKeepsItsBlocksWhenClosedCleanly()
      throws StoreOpenException {
    Path scratch = directory.resolve("scratch");
    StoreOptions options = StoreOptions.defaults().withDurableWrites(false);
    Block next;
    try (Store unsynced = Store.create(scratch, options, List.of(license.spec()))) {
      ChainStore chain = unsynced.chain(license.chain);
      license.commit(chain, writes("a", "1"), 1);
      next = license.commit(chain, writes("b", "2"), 2);
      assertEquals(1, chain.latestHeight());
      try (StateView state = chain.state()) {
        assertEquals(Optional.of(bytes("2")), state.get(bytes("b")));
      }
    }
    // No WAL: the clean close flushed the memtables, so a reopened store holds both blocks.
    try (Store reopened = Store.open(scratch, StoreOptions.defaults(), List.of(license.spec()))) {
      assertEquals(Optional.of(next), reopened.chain(license.chain).block(1));
    }
  }

  /**
   * Commits a genesis block writing a = 1, and returns the changes of a next block writing b = 2.
   */
  private StateChanges genesisThenChangesWritingB() {
    license.commit(licenses(), writes("a", "1"), 1);
    try (StateView base = licenses().state()) {
      StateOverlay overlay = StateOverlay.over(base);
      overlay.put(bytes("b"), bytes("2"));
      return overlay.changes();
    }
  }

  @Test
  void refusedCommitsWriteNothing() {
    StateChanges changes = genesisThenChangesWritingB();
    Hash previous = ChainFixture.previousHash(licenses());
    Block good = license.block(1, previous, changes.root(), license.transactions(1));

    Block wrongHeight = license.block(2, previous, changes.root(), license.transactions(1));
    assertRefused(
        Reason.WRONG_HEIGHT,
        BlockCommit.of(
            wrongHeight, license.certify(wrongHeight), changes, ConsensusLogUpdate.empty()));
    Block wrongLink = license.block(1, Hash.ZERO, changes.root(), license.transactions(1));
    assertRefused(
        Reason.WRONG_PREVIOUS_HASH,
        BlockCommit.of(wrongLink, license.certify(wrongLink), changes, ConsensusLogUpdate.empty()));
    Block wrongRoot = license.block(1, previous, Hash.ZERO, license.transactions(1));
    assertRefused(
        Reason.WRONG_STATE_ROOT,
        BlockCommit.of(wrongRoot, license.certify(wrongRoot), changes, ConsensusLogUpdate.empty()));
    assertRefused(
        Reason.WRONG_CERTIFICATE,
        new BlockCommit(good, Optional.empty(), changes, ConsensusLogUpdate.empty()));
    assertRefused(
        Reason.WRONG_CERTIFICATE,
        BlockCommit.of(good, license.certify(wrongRoot), changes, ConsensusLogUpdate.empty()));
    Block replayed =
        license.block(
            1, previous, changes.root(), licenses().block(0).orElseThrow().getTransactionsList());
    assertRefused(
        Reason.DUPLICATE_TRANSACTION,
        BlockCommit.of(replayed, license.certify(replayed), changes, ConsensusLogUpdate.empty()));
    Block otherChain = catalog.block(1, previous, changes.root(), catalog.transactions(1));
    assertRefused(
        Reason.WRONG_CHAIN,
        BlockCommit.of(
            otherChain, catalog.certify(otherChain), changes, ConsensusLogUpdate.empty()));

    assertEquals(0, licenses().latestHeight());
    try (StateView state = licenses().state()) {
      assertEquals(Optional.empty(), state.get(bytes("b")));
    }
    licenses()
        .commit(BlockCommit.of(good, license.certify(good), changes, ConsensusLogUpdate.empty()));
    assertEquals(1, licenses().latestHeight());
  }

  @Test
  void givenTransactionIdsAreCheckedAgainstTheHeaderAndHistoryAndIndexed() {
    StateChanges changes = genesisThenChangesWritingB();
    Hash previous = ChainFixture.previousHash(licenses());
    Block good = license.block(1, previous, changes.root(), license.transactions(2));
    BlockCommit commit =
        BlockCommit.of(good, license.certify(good), changes, ConsensusLogUpdate.empty());
    List<Hash> ids = Blocks.transactionIds(license.suite, good.getTransactionsList());

    assertThrows(
        IllegalArgumentException.class, () -> licenses().commit(commit, ids.subList(0, 1)));
    List<Hash> swapped = List.of(ids.get(1), ids.get(0));
    CommitRefusedException wrongOrder =
        assertThrows(CommitRefusedException.class, () -> licenses().commit(commit, swapped));
    assertEquals(Reason.WRONG_TRANSACTIONS, wrongOrder.reason());
    List<Hash> committedIds =
        Blocks.transactionIds(
            license.suite, licenses().block(0).orElseThrow().getTransactionsList());
    assertEquals(1, committedIds.size());
    Block replayed =
        license.block(
            1, previous, changes.root(), licenses().block(0).orElseThrow().getTransactionsList());
    CommitRefusedException duplicate =
        assertThrows(
            CommitRefusedException.class,
            () ->
                licenses()
                    .commit(
                        BlockCommit.of(
                            replayed,
                            license.certify(replayed),
                            changes,
                            ConsensusLogUpdate.empty()),
                        committedIds));
    assertEquals(Reason.DUPLICATE_TRANSACTION, duplicate.reason());
    assertEquals(0, licenses().latestHeight());

    licenses().commit(commit, ids);
    assertEquals(1, licenses().latestHeight());
    assertTrue(licenses().transaction(ids.get(1)).isPresent(), "indexed under the given id");
  }

  @Test
  void changesComputedOnAnOlderStateAreRefusedAsStale() {
    license.commit(licenses(), writes("a", "1"), 1);
    StateChanges first;
    StateChanges second;
    try (StateView base = licenses().state()) {
      StateOverlay one = StateOverlay.over(base);
      one.put(bytes("x"), bytes("1"));
      first = one.changes();
      StateOverlay two = StateOverlay.over(base);
      two.put(bytes("y"), bytes("2"));
      second = two.changes();
    }
    Block firstBlock =
        license.block(
            1, ChainFixture.previousHash(licenses()), first.root(), license.transactions(1));
    licenses()
        .commit(
            BlockCommit.of(
                firstBlock, license.certify(firstBlock), first, ConsensusLogUpdate.empty()));
    Block secondBlock =
        license.block(
            2, ChainFixture.previousHash(licenses()), second.root(), license.transactions(1));
    assertRefused(
        Reason.STALE_STATE,
        BlockCommit.of(
            secondBlock, license.certify(secondBlock), second, ConsensusLogUpdate.empty()));
  }

  private void assertRefused(Reason reason, BlockCommit commit) {
    CommitRefusedException refused =
        assertThrows(CommitRefusedException.class, () -> licenses().commit(commit));
    assertEquals(reason, refused.reason(), refused.getMessage());
  }

  @Test
  void olderHeightsKeepTheirValuesDeletionsAndScans() {
    license.commit(licenses(), writes("k/1", "one", "k/2", "two", "z", "last"), 1);
    license.commit(licenses(), writes("k/1", "uno", "k/3", "tres"), 1);
    license.commit(licenses(), writes("k/2", null, "k/1\u0000x", "zero byte"), 1);
    try (StateView h0 = licenses().state(0);
        StateView h1 = licenses().state(1);
        StateView h2 = licenses().state(2)) {
      assertEquals(Optional.of(bytes("one")), h0.get(bytes("k/1")));
      assertEquals(Optional.of(bytes("uno")), h1.get(bytes("k/1")));
      assertEquals(Optional.of(bytes("two")), h1.get(bytes("k/2")));
      assertEquals(Optional.empty(), h2.get(bytes("k/2")));
      assertEquals(Optional.empty(), h0.get(bytes("k/3")));
      assertEquals(keys("k/1", "k/2"), keysOf(h0.scan(bytes("k/"), ByteString.EMPTY, 10)));
      assertEquals(keys("k/1", "k/2", "k/3"), keysOf(h1.scan(bytes("k/"), ByteString.EMPTY, 10)));
      assertEquals(
          keys("k/1", "k/1\u0000x", "k/3"), keysOf(h2.scan(bytes("k/"), ByteString.EMPTY, 10)));
      assertEquals(keys("k/2"), keysOf(h1.scan(bytes("k/"), bytes("k/1"), 1)));
      assertEquals(keys("k/3", "z"), keysOf(h2.scan(ByteString.EMPTY, bytes("k/1\u0000x"), 5)));
    }
    try (StoreSnapshot snapshot = store.snapshot();
        StateView old = snapshot.state(license.chain, 1);
        StateView latest = snapshot.state(license.chain)) {
      // The history path (height 1) and the latest path (height 2) agree with what was written.
      assertEquals(Optional.of(bytes("uno")), old.get(bytes("k/1")));
      assertEquals(Optional.of(bytes("zero byte")), latest.get(bytes("k/1\u0000x")));
    }
  }

  @Test
  void aViewStaysAtItsHeightWhileBlocksAreCommitted() {
    license.commit(licenses(), writes("a", "1"), 1);
    try (StateView pinned = licenses().state()) {
      license.commit(licenses(), writes("a", "2", "b", "new"), 1);
      license.commit(licenses(), writes("a", null), 1);
      assertEquals(0, pinned.height());
      assertEquals(Optional.of(bytes("1")), pinned.get(bytes("a")));
      assertEquals(Optional.empty(), pinned.get(bytes("b")));
      assertEquals(keys("a"), keysOf(pinned.scan(ByteString.EMPTY, ByteString.EMPTY, 10)));
      assertEquals(licenses().stateRoot(0).orElseThrow(), pinned.root());
    }
  }

  @Test
  void proofsFromTheStoreVerifyAgainstTheHeaderRootAtEveryHeight() throws MalformedInputException {
    Map<ByteString, Optional<ByteString>> first = new LinkedHashMap<>();
    for (int i = 0; i < 200; i++) {
      first.put(bytes("licence/" + i), Optional.of(bytes("v1 of " + i)));
    }
    Block genesis = license.commit(licenses(), first, 1);
    Block second = license.commit(licenses(), writes("licence/7", null, "licence/8", "v2"), 1);
    Hash genesisRoot = Hash.of(genesis.getHeader().getStateRoot().toByteArray());
    Hash secondRoot = Hash.of(second.getHeader().getStateRoot().toByteArray());
    try (StateView old = licenses().state(0);
        StateView latest = licenses().state()) {
      assertEquals(
          Optional.of(bytes("v1 of 7")), verify(genesisRoot, old.prove(bytes("licence/7"))));
      assertEquals(Optional.empty(), verify(secondRoot, latest.prove(bytes("licence/7"))));
      assertEquals(Optional.of(bytes("v2")), verify(secondRoot, latest.prove(bytes("licence/8"))));
      assertEquals(Optional.empty(), verify(secondRoot, latest.prove(bytes("never issued"))));
      assertThrows(
          MalformedInputException.class,
          () -> StateProofs.verify(license.suite, secondRoot, old.prove(bytes("licence/8"))));
    }
  }

  private Optional<ByteString> verify(Hash root, org.govchain.storage.proto.StateProof proof)
      throws MalformedInputException {
    return StateProofs.verify(license.suite, root, proof).value();
  }

  @Test
  void anOverlayReadsItsWritesRollsBackAndLeavesTheStoreUntouched() {
    license.commit(licenses(), writes("a", "1", "b", "2", "c", "3"), 1);
    try (StateView base = licenses().state()) {
      StateOverlay overlay = StateOverlay.over(base);
      assertEquals(1, overlay.height());
      overlay.put(bytes("b"), bytes("changed"));
      overlay.delete(bytes("c"));
      int mark = overlay.mark();
      overlay.put(bytes("d"), bytes("4"));
      overlay.delete(bytes("a"));
      assertEquals(keys("b", "d"), keysOf(overlay.scan(ByteString.EMPTY, ByteString.EMPTY, 10)));
      overlay.rollbackTo(mark);
      assertEquals(Optional.of(bytes("1")), overlay.get(bytes("a")));
      assertEquals(Optional.empty(), overlay.get(bytes("d")));
      assertEquals(Optional.of(bytes("changed")), overlay.get(bytes("b")));
      assertEquals(keys("a", "b"), keysOf(overlay.scan(ByteString.EMPTY, ByteString.EMPTY, 10)));
      StateChanges changes = overlay.changes();
      assertEquals(2, changes.changes().size());
      assertEquals(base.root(), licenses().stateRoot(0).orElseThrow());
    }
    try (StateView after = licenses().state()) {
      assertEquals(Optional.of(bytes("2")), after.get(bytes("b")));
      assertEquals(Optional.of(bytes("3")), after.get(bytes("c")));
    }
  }

  @Test
  void theRootOfAnOverlayEqualsTheRootOfTheSameStateBuiltFromNothing() {
    license.commit(licenses(), writes("a", "1", "b", "2", "c", "3"), 1);
    license.commit(licenses(), writes("b", null, "d", "4", "a", "one"), 1);
    Hash incremental = licenses().stateRoot(1).orElseThrow();
    ChainFixture other = new ChainFixture(new ChainId("t-fresh"), CryptoSuite.sm());
    ChainStore fresh = store.addChain(other.spec());
    other.commit(fresh, writes("a", "one", "c", "3", "d", "4"), 0);
    assertEquals(incremental, fresh.stateRoot(0).orElseThrow());
  }

  @Test
  void theConsensusLogWritesAloneOrWithABlock() {
    ConsensusLog log = licenses().consensusLog();
    log.write(
        ConsensusLogUpdate.builder()
            .put(bytes("view"), bytes("3"))
            .put(bytes("vote/1"), bytes("x"))
            .build());
    assertEquals(Optional.of(bytes("3")), log.get(bytes("view")));
    license.commit(
        licenses(),
        writes("a", "1"),
        1,
        ConsensusLogUpdate.builder()
            .put(bytes("committed"), bytes("0"))
            .delete(bytes("vote/1"))
            .build());
    assertEquals(Optional.of(bytes("0")), log.get(bytes("committed")));
    assertEquals(Optional.empty(), log.get(bytes("vote/1")));
    assertEquals(
        keys("committed", "view"), keysOf(log.scan(ByteString.EMPTY, ByteString.EMPTY, 10)));
    assertEquals(Optional.empty(), store.chain(catalog.chain).consensusLog().get(bytes("view")));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConsensusLogUpdate.builder().put(ByteString.EMPTY, bytes("x")));
  }

  @Test
  void aLicenceBlockReadsTheCatalogAtItsAnchoredHeight() {
    ChainStore catalogChain = store.chain(catalog.chain);
    catalog.commit(catalogChain, writes("provider/market", "business-licence"), 1);
    catalog.commit(catalogChain, writes("provider/market", null), 1);
    license.commit(licenses(), writes("a", "1"), 1);
    try (StoreSnapshot snapshot = store.snapshot();
        StateView anchored = snapshot.state(catalog.chain, 0);
        StateView base = snapshot.state(license.chain)) {
      StateOverlay overlay = StateOverlay.over(base);
      Optional<ByteString> provider = anchored.get(bytes("provider/market"));
      assertEquals(Optional.of(bytes("business-licence")), provider);
      overlay.put(bytes("issued"), provider.get());
      assertEquals(1, overlay.changes().changes().size());
    }
  }

  @Test
  void preloadingReadsTheTreeDownToTheLevelsTheNodeCacheKeepsAndStopsWhenAsked()
      throws StoreOpenException, MalformedInputException {
    Map<ByteString, Optional<ByteString>> entries = new LinkedHashMap<>();
    for (int i = 0; i < 200; i++) {
      entries.put(bytes("licence/" + i), Optional.of(bytes("v1 of " + i)));
    }
    Block block = license.commit(licenses(), entries, 1);
    Hash root = Hash.of(block.getHeader().getStateRoot().toByteArray());
    store.close();
    List<ChainSpec> specs = List.of(license.spec(), catalog.spec());
    // 16 nodes: 10 for the upper levels, so levels 0..2 (7 nodes) are preloaded.
    store = Store.open(directory, new StoreOptions(1 << 20, 4 << 20, false, 1, 16), specs);
    try (StateView state = licenses().state()) {
      assertEquals(7, state.preloadUpperLevels(() -> false));
      int[] asked = {0};
      assertEquals(3, state.preloadUpperLevels(() -> ++asked[0] > 3), "stops when told");
    }
    store.close();
    store = Store.open(directory, StoreOptions.defaults(), specs);
    try (StateView state = licenses().state()) {
      long read = state.preloadUpperLevels(() -> false);
      assertTrue(read >= 2 * 200 - 1, "a small tree is read whole: " + read + " nodes");
      assertEquals(Optional.of(bytes("v1 of 42")), verify(root, state.prove(bytes("licence/42"))));
    }
    try (StateView empty = store.chain(catalog.chain).state()) {
      assertEquals(0, empty.preloadUpperLevels(() -> false), "an empty chain has nothing to read");
    }
  }

  @Test
  void theStoreReopensWithItsChainsAndRefusesAMismatchedConfiguration() throws StoreOpenException {
    license.commit(licenses(), writes("a", "1"), 1);
    store.close();
    StoreOpenException missing =
        assertThrows(
            StoreOpenException.class,
            () -> Store.open(directory, StoreOptions.defaults(), List.of(license.spec())));
    assertTrue(missing.getMessage().contains("t-catalog"), missing.getMessage());
    StoreOpenException suite =
        assertThrows(
            StoreOpenException.class,
            () ->
                Store.open(
                    directory,
                    StoreOptions.defaults(),
                    List.of(new ChainSpec(license.chain, SuiteId.INTL), catalog.spec())));
    assertTrue(suite.getMessage().contains("suite"), suite.getMessage());
    StoreOpenException twice =
        assertThrows(
            StoreOpenException.class,
            () -> Store.create(directory, StoreOptions.defaults(), List.of(license.spec())));
    assertTrue(twice.getMessage().contains("already"), twice.getMessage());
    ChainFixture added = new ChainFixture(new ChainId("t-service"), CryptoSuite.sm());
    store =
        Store.open(
            directory,
            StoreOptions.defaults(),
            List.of(license.spec(), catalog.spec(), added.spec()));
    assertEquals(List.of(catalog.chain, license.chain, added.chain), store.chains());
    try (StateView state = licenses().state()) {
      assertEquals(Optional.of(bytes("1")), state.get(bytes("a")));
    }
    assertFalse(store.chain(added.chain).latestHeight() >= 0);
  }

  @Test
  void aReadOnlyOpenReadsEverythingAndWritesNothing() throws Exception {
    license.commit(licenses(), writes("a", "1"), 1);
    Block second = license.commit(licenses(), writes("b", "2"), 2);
    store.close();
    java.util.Map<String, Long> before = files();
    ChainFixture added = new ChainFixture(new ChainId("t-service"), CryptoSuite.sm());
    StoreOpenException unknown =
        assertThrows(
            StoreOpenException.class,
            () ->
                Store.openReadOnly(
                    directory,
                    StoreOptions.defaults(),
                    List.of(license.spec(), catalog.spec(), added.spec())));
    assertTrue(unknown.getMessage().contains("t-service"), unknown.getMessage());
    store =
        Store.openReadOnly(
            directory, StoreOptions.defaults(), List.of(license.spec(), catalog.spec()));
    assertEquals(Optional.of(second), licenses().block(1));
    try (StateView state = licenses().state()) {
      assertEquals(Optional.of(bytes("2")), state.get(bytes("b")));
    }
    assertThrows(RuntimeException.class, () -> license.commit(licenses(), writes("c", "3"), 1));
    store.close();
    assertEquals(before, files(), "a read-only open changed no file");
  }

  private java.util.Map<String, Long> files() throws java.io.IOException {
    java.util.Map<String, Long> files = new java.util.TreeMap<>();
    try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(directory)) {
      for (java.nio.file.Path path : paths.filter(java.nio.file.Files::isRegularFile).toList()) {
        files.put(
            path.getFileName().toString(),
            java.nio.file.Files.size(path) * 31
                + java.nio.file.Files.getLastModifiedTime(path).toMillis());
      }
    }
    return files;
  }

  @Test
  void openingADirectoryWithoutAStoreIsRefused() {
    StoreOpenException refused =
        assertThrows(
            StoreOpenException.class,
            () -> Store.open(directory.resolve("nothing"), StoreOptions.defaults(), List.of()));
    assertTrue(refused.getMessage().contains("no store"), refused.getMessage());
  }

  private static List<ByteString> keys(String... keys) {
    return java.util.Arrays.stream(keys).map(ChainFixture::bytes).toList();
  }

  private static List<ByteString> keysOf(List<StateEntry> entries) {
    return entries.stream().map(StateEntry::key).toList();
  }
}
