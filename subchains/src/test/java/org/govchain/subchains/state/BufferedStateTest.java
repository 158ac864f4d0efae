package org.govchain.subchains.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.govchain.core.state.StateEntry;
import org.junit.jupiter.api.Test;

class BufferedStateTest {
  @Test
  void readsAndScansSeeThePendingWritesExactlyAsIfApplied() {
    SplittableRandom random = new SplittableRandom(3);
    for (int round = 0; round < 200; round++) {
      MemoryState base = new MemoryState();
      for (int i = 0; i < random.nextInt(40); i++) {
        base.put(key(random), value(random));
      }
      MemoryState model = base.copy();
      BufferedState buffer = new BufferedState(base);
      for (int i = 0; i < random.nextInt(40); i++) {
        ByteString key = key(random);
        if (random.nextBoolean()) {
          ByteString value = value(random);
          buffer.put(key, value);
          model.put(key, value);
        } else {
          buffer.delete(key);
          model.delete(key);
        }
      }
      for (int probe = 0; probe < 20; probe++) {
        ByteString key = key(random);
        assertEquals(model.get(key), buffer.get(key));
        ByteString prefix = key.substring(0, random.nextInt(1, key.size() + 1));
        ByteString after = random.nextBoolean() ? ByteString.EMPTY : key(random);
        int limit = random.nextInt(1, 8);
        assertEquals(model.scan(prefix, after, limit), buffer.scan(prefix, after, limit));
      }
      assertEquals(all(model), all(buffer));
      buffer.flush();
      assertEquals(model.entries(), base.entries());
    }
  }

  @Test
  void nothingReachesTheBaseBeforeFlush() {
    MemoryState base = new MemoryState();
    base.put(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("1"));
    BufferedState buffer = new BufferedState(base);
    buffer.put(ByteString.copyFromUtf8("b"), ByteString.copyFromUtf8("2"));
    buffer.delete(ByteString.copyFromUtf8("a"));
    assertEquals(1, base.size());
    assertTrue(base.get(ByteString.copyFromUtf8("a")).isPresent());
    buffer.flush();
    assertEquals(1, base.size());
    assertTrue(base.get(ByteString.copyFromUtf8("b")).isPresent());
  }

  @Test
  void limitsAreEnforcedOnKeysValuesAndScans() {
    BufferedState buffer = new BufferedState(new MemoryState());
    assertThrows(
        IllegalArgumentException.class, () -> buffer.put(ByteString.EMPTY, ByteString.EMPTY));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            buffer.put(ByteString.copyFromUtf8("k"), ByteString.copyFrom(new byte[64 * 1024 + 1])));
    assertThrows(
        IllegalArgumentException.class,
        () -> buffer.scan(ByteString.copyFromUtf8("k"), ByteString.EMPTY, 0));
    assertThrows(
        IllegalArgumentException.class, () -> StateKeys.table("t").bytes(new byte[256]).build());
  }

  @Test
  void keyComponentsAreUnambiguous() {
    assertTrue(
        !StateKeys.table("t")
            .text("ab")
            .text("c")
            .build()
            .equals(StateKeys.table("t").text("a").text("bc").build()));
    ByteString prefix = StateKeys.table("t").text("ab").build();
    assertTrue(StateKeys.table("t").text("ab").text("c").build().startsWith(prefix));
    assertTrue(!StateKeys.table("t").text("abc").build().startsWith(prefix));
  }

  private static List<StateEntry> all(org.govchain.core.state.StateReader state) {
    List<StateEntry> out = new ArrayList<>();
    ByteString after = ByteString.EMPTY;
    while (true) {
      List<StateEntry> page = state.scan(ByteString.copyFrom(new byte[] {'k'}), after, 3);
      out.addAll(page);
      if (page.size() < 3) {
        return out;
      }
      after = page.get(page.size() - 1).key();
    }
  }

  private static ByteString key(SplittableRandom random) {
    byte[] key = new byte[random.nextInt(1, 4)];
    key[0] = 'k';
    for (int i = 1; i < key.length; i++) {
      key[i] = (byte) random.nextInt(0, 4);
    }
    return ByteString.copyFrom(key);
  }

  private static ByteString value(SplittableRandom random) {
    return ByteString.copyFrom(new byte[] {(byte) random.nextInt()});
  }
}
