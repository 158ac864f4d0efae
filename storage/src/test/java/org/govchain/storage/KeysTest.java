package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeysTest {
  private static ByteString randomKey(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(6)];
    for (int i = 0; i < bytes.length; i++) {
      // Mostly 0x00, 0x01, 0x02 and 0xff: the bytes the escaping must get right.
      int pick = random.nextInt(5);
      bytes[i] =
          (byte)
              (pick == 0 ? 0 : pick == 1 ? 1 : pick == 2 ? 2 : pick == 3 ? 0xff : random.nextInt());
    }
    return ByteString.copyFrom(bytes);
  }

  @Test
  void historyKeysOrderByStateKeyThenNewestHeightFirst() {
    Random random = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      ByteString a = randomKey(random);
      ByteString b = randomKey(random);
      long heightA = random.nextInt(1000);
      long heightB = random.nextInt(1000);
      int keyOrder = ByteString.unsignedLexicographicalComparator().compare(a, b);
      int expected = keyOrder != 0 ? keyOrder : Long.compare(heightB, heightA);
      int actual = Arrays.compareUnsigned(Keys.history(a, heightA), Keys.history(b, heightB));
      assertEquals(Integer.signum(expected), Integer.signum(actual), a + " / " + b);
    }
  }

  @Test
  void aKeysVersionsShareAPrefixNoOtherKeysVersionHas() {
    Random random = new Random(2);
    for (int i = 0; i < 20_000; i++) {
      ByteString a = randomKey(random);
      ByteString b = randomKey(random);
      byte[] versionOfB = Keys.history(b, random.nextInt(1 << 30));
      assertEquals(
          a.equals(b), ChainReads.startsWith(versionOfB, Keys.historyVersions(a)), a + " / " + b);
      assertTrue(ChainReads.startsWith(Keys.history(a, 7), Keys.historyVersions(a)));
    }
  }
}
