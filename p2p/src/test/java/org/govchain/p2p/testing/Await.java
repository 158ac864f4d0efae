package org.govchain.p2p.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (never for time itself to pass). */
public final class Await {
  private Await() {}

  public static void until(String what, BooleanSupplier condition) {
    until(what, Duration.ofSeconds(20), condition);
  }

  public static void until(String what, Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not true within " + deadline + ": " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
