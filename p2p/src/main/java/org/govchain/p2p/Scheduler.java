package org.govchain.p2p;

/**
 * Runs a task after a delay: reconnect backoff and call deadlines go through it, so a test can
 * drive those timers by hand. The default runs on the transport's event loops.
 */
public interface Scheduler {
  /** A scheduled task that can be cancelled. */
  interface Cancellable {
    void cancel();
  }

  Cancellable schedule(Runnable task, long delayMillis);
}
