package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The overlay's key order is exactly protobuf's (and RocksDB's) unsigned lexicographic order. */
class StateKeyOrderTest {
  private static final Comparator<ByteString> REFERENCE =
      ByteString.unsignedLexicographicalComparator();

  @Test
  void edgeCasesCompareAsUnsignedBytesThenLength() {
    List<ByteString> keys =
        List.of(
            ByteString.EMPTY,
            bytes(0x00),
            bytes(0x00, 0x00),
            bytes(0x01),
            bytes(0x7f),
            bytes(0x80),
            bytes(0xff),
            bytes(0xff, 0x00),
            ByteString.copyFromUtf8("license/a"),
            ByteString.copyFromUtf8("license/a/"),
            ByteString.copyFromUtf8("license/b"),
            ByteString.copyFromUtf8("license/").concat(bytes(0xe4, 0xb8, 0xad)));
    for (ByteString a : keys) {
      for (ByteString b : keys) {
        assertEquals(
            Integer.signum(REFERENCE.compare(a, b)),
            Integer.signum(StateOverlay.ORDER.compare(a, b)),
            a + " vs " + b);
      }
    }
  }

  @Test
  void randomKeysWithSharedPrefixesSortTheSameAsTheReference() {
    Random random = new Random(42);
    List<ByteString> keys = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      byte[] tail = new byte[random.nextInt(6)];
      random.nextBytes(tail);
      ByteString prefix = ByteString.copyFromUtf8(random.nextBoolean() ? "license/" : "licence");
      ByteString key = prefix.concat(ByteString.copyFrom(tail));
      // Ropes (concatenations) and flat copies of the same bytes must compare alike.
      keys.add(random.nextBoolean() ? key : ByteString.copyFrom(key.toByteArray()));
    }
    List<ByteString> expected = new ArrayList<>(keys);
    expected.sort(REFERENCE);
    List<ByteString> actual = new ArrayList<>(keys);
    actual.sort(StateOverlay.ORDER);
    assertEquals(expected, actual);
  }

  private static ByteString bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return ByteString.copyFrom(out);
  }
}
