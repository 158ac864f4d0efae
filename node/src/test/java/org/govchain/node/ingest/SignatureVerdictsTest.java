package org.govchain.node.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.govchain.core.crypto.Hash;
import org.junit.jupiter.api.Test;

class SignatureVerdictsTest {
  private static Hash hash(Random random) {
    byte[] bytes = new byte[Hash.BYTES];
    random.nextBytes(bytes);
    return Hash.of(bytes);
  }

  @Test
  void remembersGoodAndBadAndForgetsTheOldestWhenFull() {
    Random random = new Random(1);
    SignatureVerdicts verdicts = new SignatureVerdicts(3);
    Hash first = hash(random);
    Hash second = hash(random);
    Hash third = hash(random);
    Hash fourth = hash(random);
    assertEquals(SignatureVerdicts.UNKNOWN, verdicts.verdict(first));
    verdicts.remember(first, true);
    verdicts.remember(second, false);
    verdicts.remember(third, true);
    assertEquals(SignatureVerdicts.GOOD, verdicts.verdict(first));
    assertEquals(SignatureVerdicts.BAD, verdicts.verdict(second));

    verdicts.remember(fourth, false);

    assertEquals(SignatureVerdicts.UNKNOWN, verdicts.verdict(first));
    assertEquals(SignatureVerdicts.BAD, verdicts.verdict(second));
    assertEquals(SignatureVerdicts.GOOD, verdicts.verdict(third));
    assertEquals(SignatureVerdicts.BAD, verdicts.verdict(fourth));
    assertEquals(3, verdicts.size());
  }

  @Test
  void rememberingAKnownHashAgainUpdatesItInPlace() {
    Random random = new Random(2);
    SignatureVerdicts verdicts = new SignatureVerdicts(2);
    Hash key = hash(random);
    verdicts.remember(key, false);
    verdicts.remember(key, true);
    assertEquals(SignatureVerdicts.GOOD, verdicts.verdict(key));
    assertEquals(1, verdicts.size());
  }

  /**
   * Many wrap-arounds of a small ring (every eviction a deletion from the index) against a model.
   */
  @Test
  void agreesWithASimpleModelOverManyEvictions() {
    Random random = new Random(3);
    int capacity = 37;
    SignatureVerdicts verdicts = new SignatureVerdicts(capacity);
    Map<Hash, Boolean> model = new HashMap<>();
    ArrayDeque<Hash> order = new ArrayDeque<>();
    ArrayDeque<Hash> gone = new ArrayDeque<>();
    for (int step = 0; step < 20_000; step++) {
      Hash key = hash(random);
      boolean good = random.nextBoolean();
      verdicts.remember(key, good);
      model.put(key, good);
      order.addLast(key);
      if (order.size() > capacity) {
        Hash oldest = order.removeFirst();
        model.remove(oldest);
        gone.addLast(oldest);
        if (gone.size() > 100) {
          gone.removeFirst();
        }
      }
      if (step % 97 == 0) {
        for (Map.Entry<Hash, Boolean> kept : model.entrySet()) {
          assertEquals(
              kept.getValue() ? SignatureVerdicts.GOOD : SignatureVerdicts.BAD,
              verdicts.verdict(kept.getKey()));
        }
        for (Hash forgotten : gone) {
          assertEquals(SignatureVerdicts.UNKNOWN, verdicts.verdict(forgotten));
        }
        assertEquals(model.size(), verdicts.size());
      }
    }
  }

  @Test
  void refusesAnUnusableCapacity() {
    assertThrows(IllegalArgumentException.class, () -> new SignatureVerdicts(0));
    assertThrows(IllegalArgumentException.class, () -> new SignatureVerdicts((1 << 24) + 1));
  }
}
