package org.govchain.storage;

import java.util.ArrayDeque;
import java.util.Deque;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Logger;
import org.slf4j.LoggerFactory;

/**
 * RocksDB's own log lines (warnings and worse), sent to the node's log and the most recent kept in
 * memory: RocksDB names a damaged file in its log, not always in the status it returns, so a
 * refusal to open quotes the line that names it.
 */
final class RocksLogger extends Logger {
  private static final org.slf4j.Logger LOG =
      LoggerFactory.getLogger("org.govchain.storage.rocksdb");
  private static final int RECENT_LINES_MAX = 64;

  /**
   * Lines RocksDB writes at warning level that report no fault: the table reader announces the tail
   * prefetch size of every SST file it opens (one line per file, so hundreds when a large store
   * opens). Logged at debug level.
   */
  private static final String TAIL_PREFETCH_NOTICE = "is calculated based on TailPrefetchStats";

  private final Deque<String> recent = new ArrayDeque<>();

  RocksLogger() {
    super(InfoLogLevel.WARN_LEVEL);
  }

  @Override
  protected void log(InfoLogLevel level, String message) {
    if (isNotice(level, message)) {
      LOG.debug("{}", message);
      return;
    }
    if (level == InfoLogLevel.WARN_LEVEL) {
      LOG.warn("{}", message);
    } else {
      LOG.error("{}", message);
    }
    synchronized (recent) {
      if (recent.size() == RECENT_LINES_MAX) {
        recent.removeFirst();
      }
      recent.addLast(message);
    }
  }

  /** Whether a line RocksDB reports at {@code level} is a notice rather than a warning. */
  static boolean isNotice(InfoLogLevel level, String message) {
    return level == InfoLogLevel.WARN_LEVEL && message.contains(TAIL_PREFETCH_NOTICE);
  }

  /** "; RocksDB reports: <line>" for the first recent corruption line naming a file, or "". */
  String damageReport() {
    synchronized (recent) {
      for (String line : recent) {
        if (line.contains("Corruption") && (line.contains(".log") || line.contains(".sst"))) {
          return "; RocksDB reports: " + line.trim();
        }
      }
    }
    return "";
  }
}
