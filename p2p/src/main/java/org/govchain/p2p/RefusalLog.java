package org.govchain.p2p;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs each refusal once with its reason, without letting a hostile host flood the log: per (remote
 * host, reason) the first refusal is logged, then at most one line per interval saying how many
 * were suppressed. At most {@code KEYS_MAX} keys are remembered; when full the table restarts.
 */
final class RefusalLog {
  static final int KEYS_MAX = 1024;
  static final long INTERVAL_NANOS = 60_000_000_000L;

  private final Logger logger;
  private final String localNode;
  private final LongSupplier nanoTime;
  private final Map<String, long[]> lastAndSuppressed = new HashMap<>();

  RefusalLog(Logger logger, String localNode, LongSupplier nanoTime) {
    this.logger = logger;
    this.localNode = localNode;
    this.nanoTime = nanoTime;
  }

  /** Logs the refusal unless one with the same host and reason was logged within the interval. */
  synchronized boolean refused(String remoteHost, String reason, String detail) {
    return log("refused", remoteHost, reason, detail);
  }

  /** Like {@link #refused}, for an authenticated peer cut off for breaking the protocol. */
  synchronized boolean cutOff(String peer, String reason, String detail) {
    return log("cut off", peer, reason, detail);
  }

  private boolean log(String action, String remoteHost, String reason, String detail) {
    String key = remoteHost + " " + reason;
    long now = nanoTime.getAsLong();
    long[] entry = lastAndSuppressed.get(key);
    if (entry != null && now - entry[0] < INTERVAL_NANOS) {
      entry[1]++;
      return false;
    }
    if (lastAndSuppressed.size() >= KEYS_MAX && entry == null) {
      lastAndSuppressed.clear();
    }
    long suppressed = entry == null ? 0 : entry[1];
    lastAndSuppressed.put(key, new long[] {now, 0});
    if (suppressed > 0) {
      logger.warn(
          "{}: {} {}: {}: {} ({} more like it since the last line)",
          localNode,
          action,
          remoteHost,
          reason,
          detail,
          suppressed);
    } else {
      logger.warn("{}: {} {}: {}: {}", localNode, action, remoteHost, reason, detail);
    }
    return true;
  }
}
