package org.govchain.p2p;

import java.util.random.RandomGenerator;
import org.govchain.core.Invariants;

/**
 * Exponential backoff with "equal jitter": after {@code failures} failed attempts the ceiling is
 * {@code min(max, base · 2^failures)} and the delay is drawn uniformly from [ceiling/2, ceiling].
 * Half the ceiling is kept so a node that lost every peer at once does not hammer them at delay 0;
 * the random half spreads the nodes of a restarted network apart.
 */
final class Backoff {
  private final long baseMillis;
  private final long maxMillis;
  private final RandomGenerator random;

  Backoff(long baseMillis, long maxMillis, RandomGenerator random) {
    Invariants.argument(0 < baseMillis && baseMillis <= maxMillis, "need 0 < base <= max");
    this.baseMillis = baseMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  long ceilingMillis(int failures) {
    Invariants.argument(failures >= 0, "failures %d must not be negative", failures);
    int doublings = Math.min(failures, 40);
    long ceiling = baseMillis;
    for (int i = 0; i < doublings && ceiling < maxMillis; i++) {
      ceiling *= 2;
    }
    return Math.min(ceiling, maxMillis);
  }

  long delayMillis(int failures) {
    long ceiling = ceilingMillis(failures);
    long half = ceiling / 2;
    long delay;
    synchronized (random) {
      delay = half + random.nextLong(ceiling - half + 1);
    }
    Invariants.check(delay >= half && delay <= ceiling, "backoff %d outside its range", delay);
    return delay;
  }
}
