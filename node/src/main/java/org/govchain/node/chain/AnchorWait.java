package org.govchain.node.chain;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.govchain.pbft.Action;

/**
 * A validation that waits for another chain of this node to reach the height a block's anchor pins:
 * it is re-run on the consensus thread every {@value #RECHECK_MILLIS} ms until it is decided or
 * {@link ChainRuntime#ANCHOR_WAIT_MILLIS} pass (then the block is refused: the validator cannot
 * check it, and PBFT moves on without its vote).
 */
final class AnchorWait {
  static final long RECHECK_MILLIS = 20;

  private AnchorWait() {}

  static void schedule(
      ChainRuntime runtime,
      Action.ValidateBlock validate,
      Validation.Waiting waiting,
      ScheduledExecutorService timers) {
    long deadline =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ChainRuntime.ANCHOR_WAIT_MILLIS);
    recheckLater(runtime, validate, deadline, timers);
  }

  private static void recheckLater(
      ChainRuntime runtime,
      Action.ValidateBlock validate,
      long deadline,
      ScheduledExecutorService timers) {
    timers.schedule(
        () ->
            runtime.enqueue(
                () -> {
                  Validation again = runtime.revalidate(validate);
                  if (again instanceof Validation.Waiting && System.nanoTime() < deadline) {
                    recheckLater(runtime, validate, deadline, timers);
                  } else {
                    runtime.answer(validate, again);
                  }
                }),
        RECHECK_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /** Blocks the calling consensus thread briefly while a certified block waits for an anchor. */
  static void pause() {
    try {
      Thread.sleep(RECHECK_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an anchored chain", e);
    }
  }
}
