package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.state.StateEntry;
import org.govchain.core.state.StateReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random blocks of random writes over a small key alphabet (zero bytes, shared prefixes), checked
 * against a plain sorted map: gets and paged prefix scans at every height, through the latest
 * column family, the history, and an overlay on top of either.
 */
class VersionedStateModelTest {
  @TempDir Path directory;

  private static ByteString randomKey(Random random) {
    byte[] key = new byte[1 + random.nextInt(4)];
    for (int i = 0; i < key.length; i++) {
      // 0xFF only after the first byte: keys starting with it are reserved for indexes.
      key[i] = (byte) new int[] {0, 1, 'a', 'b', 0xff}[random.nextInt(i == 0 ? 4 : 5)];
    }
    return ByteString.copyFrom(key);
  }

  private static Map<ByteString, Optional<ByteString>> randomWrites(Random random, int count) {
    Map<ByteString, Optional<ByteString>> writes = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      writes.put(
          randomKey(random),
          random.nextInt(3) == 0
              ? Optional.empty()
              : Optional.of(ChainFixture.bytes("v" + random.nextInt(1000))));
    }
    return writes;
  }

  private static void apply(
      NavigableMap<ByteString, ByteString> model, Map<ByteString, Optional<ByteString>> writes) {
    writes.forEach(
        (key, value) -> {
          if (value.isPresent()) {
            model.put(key, value.get());
          } else {
            model.remove(key);
          }
        });
  }

  private static TreeMap<ByteString, ByteString> newModel() {
    return new TreeMap<>(ByteString.unsignedLexicographicalComparator());
  }

  @Test
  void everyHeightReadsAndScansLikeASortedMap() throws StoreOpenException {
    Random random = new Random(2024);
    ChainFixture fixture = new ChainFixture(new ChainId("model"), CryptoSuite.intl());
    List<TreeMap<ByteString, ByteString>> models = new ArrayList<>();
    try (Store store = Store.create(directory, StoreOptions.defaults(), List.of(fixture.spec()))) {
      ChainStore chain = store.chain(fixture.chain);
      TreeMap<ByteString, ByteString> model = newModel();
      for (int block = 0; block < 12; block++) {
        Map<ByteString, Optional<ByteString>> writes = randomWrites(random, 1 + random.nextInt(60));
        fixture.commit(chain, writes, 1);
        apply(model, writes);
        models.add(new TreeMap<>(model));
      }
      for (int height = 0; height < models.size(); height++) {
        try (StateView state = chain.state(height)) {
          check(state, models.get(height), random);
          StateOverlay overlay = StateOverlay.over(state);
          TreeMap<ByteString, ByteString> overlaid = new TreeMap<>(models.get(height));
          Map<ByteString, Optional<ByteString>> writes = randomWrites(random, 40);
          writes.forEach(
              (key, value) ->
                  value.ifPresentOrElse(v -> overlay.put(key, v), () -> overlay.delete(key)));
          apply(overlaid, writes);
          check(overlay, overlaid, random);
          assertEquals(
              StoreAudit.rootFromScratch(fixture.suite, overlaid),
              overlay.changes().root(),
              "root at " + height);
        }
      }
    }
  }

  private static void check(
      StateReader state, NavigableMap<ByteString, ByteString> model, Random random) {
    for (int i = 0; i < 40; i++) {
      ByteString key = randomKey(random);
      assertEquals(Optional.ofNullable(model.get(key)), state.get(key), "get " + key);
    }
    for (int i = 0; i < 20; i++) {
      ByteString prefix =
          random.nextInt(4) == 0 ? ByteString.EMPTY : randomKey(random).substring(0, 1);
      int page = 1 + random.nextInt(7);
      List<StateEntry> scanned = new ArrayList<>();
      ByteString after = random.nextInt(3) == 0 ? randomKey(random) : ByteString.EMPTY;
      ByteString start = after;
      while (true) {
        List<StateEntry> got = state.scan(prefix, after, page);
        scanned.addAll(got);
        if (got.size() < page) {
          break;
        }
        after = got.get(got.size() - 1).key();
      }
      List<StateEntry> expected = new ArrayList<>();
      for (Map.Entry<ByteString, ByteString> entry : model.entrySet()) {
        boolean afterStart =
            start.isEmpty()
                || ByteString.unsignedLexicographicalComparator().compare(entry.getKey(), start)
                    > 0;
        if (entry.getKey().startsWith(prefix) && afterStart) {
          expected.add(new StateEntry(entry.getKey(), entry.getValue()));
        }
      }
      assertEquals(
          expected, scanned, "scan of prefix " + prefix + " after " + start + " by " + page);
    }
  }
}
