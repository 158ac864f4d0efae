package org.govchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void theCeilingDoublesFromTheBaseUpToTheMaximum() {
    Backoff backoff = new Backoff(100, 5_000, new SplittableRandom(1));
    assertEquals(100, backoff.ceilingMillis(0));
    assertEquals(200, backoff.ceilingMillis(1));
    assertEquals(3_200, backoff.ceilingMillis(5));
    assertEquals(5_000, backoff.ceilingMillis(6));
    assertEquals(5_000, backoff.ceilingMillis(Integer.MAX_VALUE));
  }

  @Test
  void delaysStayBetweenHalfTheCeilingAndTheCeiling() {
    Backoff backoff = new Backoff(100, 5_000, new SplittableRandom(7));
    for (int failures = 0; failures < 12; failures++) {
      long ceiling = backoff.ceilingMillis(failures);
      for (int draw = 0; draw < 200; draw++) {
        long delay = backoff.delayMillis(failures);
        assertTrue(delay >= ceiling / 2 && delay <= ceiling, failures + " failures: " + delay);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameDelays() {
    Backoff one = new Backoff(100, 5_000, new SplittableRandom(42));
    Backoff two = new Backoff(100, 5_000, new SplittableRandom(42));
    for (int failures = 0; failures < 10; failures++) {
      assertEquals(one.delayMillis(failures), two.delayMillis(failures));
    }
  }

  @Test
  void jitterSpreadsNodesApart() {
    Backoff backoff = new Backoff(1_000, 1_000, new SplittableRandom(3));
    long first = backoff.delayMillis(0);
    boolean differs = false;
    for (int i = 0; i < 20 && !differs; i++) {
      differs = backoff.delayMillis(0) != first;
    }
    assertTrue(differs);
  }
}
