package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.CryptoSuite;

/**
 * The crash test's deterministic workload: the state writes of block {@code h} are a function of
 * the seed and h alone, so the checker can rebuild the expected state of any height.
 */
final class CrashWorkload {
  static final ChainId CHAIN = new ChainId("crash-test");
  static final CryptoSuite SUITE = CryptoSuite.intl();
  static final int KEY_SPACE = 3_000;
  static final ByteString PROGRESS = ChainFixture.bytes("progress");
  static final ByteString COMMITTED = ChainFixture.bytes("committed");

  private CrashWorkload() {}

  static ChainSpec spec() {
    return new ChainSpec(CHAIN, SUITE.id());
  }

  static ByteString key(int index) {
    return ChainFixture.bytes("key/" + index);
  }

  /** Block h's writes: mostly small blocks, every fourth one large (a longer batch to tear). */
  static Map<ByteString, Optional<ByteString>> writes(long seed, long height) {
    Random random = new Random(seed * 1_000_003L + height);
    boolean large = random.nextInt(4) == 0;
    int count = large ? 800 : 20 + random.nextInt(100);
    int valueBytes = large ? 600 : 80;
    Map<ByteString, Optional<ByteString>> writes = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      ByteString key = key(random.nextInt(KEY_SPACE));
      if (random.nextInt(8) == 0) {
        writes.put(key, Optional.empty());
      } else {
        byte[] value = new byte[valueBytes];
        random.nextBytes(value);
        writes.put(key, Optional.of(ByteString.copyFrom(value)));
      }
    }
    return writes;
  }

  /** The state after blocks 0..height. */
  static TreeMap<ByteString, ByteString> expectedState(long seed, long height) {
    TreeMap<ByteString, ByteString> state =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    for (long h = 0; h <= height; h++) {
      writes(seed, h)
          .forEach(
              (key, value) -> {
                if (value.isPresent()) {
                  state.put(key, value.get());
                } else {
                  state.remove(key);
                }
              });
    }
    return state;
  }

  static ByteString heightBytes(long height) {
    return ByteString.copyFrom(Keys.longBytes(height));
  }
}
