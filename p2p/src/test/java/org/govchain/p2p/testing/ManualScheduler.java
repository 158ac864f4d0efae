package org.govchain.p2p.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.govchain.p2p.Scheduler;

/** A scheduler whose time moves only when the test says so. Thread-safe. */
public final class ManualScheduler implements Scheduler {
  private record Task(long dueMillis, long order, Runnable action, boolean[] cancelled) {}

  private final List<Task> tasks = new ArrayList<>();
  private long nowMillis;
  private long nextOrder;

  @Override
  public synchronized Cancellable schedule(Runnable action, long delayMillis) {
    boolean[] cancelled = {false};
    tasks.add(new Task(nowMillis + delayMillis, nextOrder++, action, cancelled));
    return () -> {
      synchronized (ManualScheduler.this) {
        cancelled[0] = true;
      }
    };
  }

  /** Tasks scheduled and neither run nor cancelled. */
  public synchronized int pending() {
    return (int) tasks.stream().filter(task -> !task.cancelled()[0]).count();
  }

  /** The delay, from now, of the earliest pending task. */
  public synchronized long nextDelayMillis() {
    return tasks.stream()
            .filter(task -> !task.cancelled()[0])
            .mapToLong(Task::dueMillis)
            .min()
            .orElseThrow()
        - nowMillis;
  }

  /** Moves time forward, running every task that falls due, in due order. */
  public void advance(long millis) {
    long target;
    synchronized (this) {
      target = nowMillis + millis;
    }
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(task -> task.dueMillis() <= target)
                .min(Comparator.comparingLong(Task::dueMillis).thenComparingLong(Task::order))
                .orElse(null);
        if (next == null) {
          nowMillis = target;
          return;
        }
        tasks.remove(next);
        nowMillis = Math.max(nowMillis, next.dueMillis());
        if (next.cancelled()[0]) {
          continue;
        }
      }
      next.action().run();
    }
  }
}
