package org.govchain.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rocksdb.InfoLogLevel;

class RocksLoggerTest {
  private static final String PREFETCH =
      "[table/block_based/block_based_table_reader.cc:1098] [store/000145.sst] Tail prefetch size"
          + " 1357 is calculated based on TailPrefetchStats.";
  private static final String CORRUPTION =
      "[db/db_impl/db_impl_open.cc:1002] store/000012.log: dropping 31 bytes; Corruption: checksum"
          + " mismatch";

  @Test
  void theTailPrefetchAnnouncementIsANoticeAndOtherWarningsAreNot() {
    assertTrue(RocksLogger.isNotice(InfoLogLevel.WARN_LEVEL, PREFETCH));
    assertFalse(RocksLogger.isNotice(InfoLogLevel.WARN_LEVEL, CORRUPTION));
    assertFalse(RocksLogger.isNotice(InfoLogLevel.ERROR_LEVEL, PREFETCH));
  }

  @Test
  void aDamagedFileIsStillReportedAfterManyNotices() {
    org.rocksdb.RocksDB.loadLibrary();
    try (RocksLogger logger = new RocksLogger()) {
      for (int i = 0; i < 100; i++) {
        logger.log(InfoLogLevel.WARN_LEVEL, PREFETCH);
      }
      assertEquals("", logger.damageReport());
      logger.log(InfoLogLevel.WARN_LEVEL, CORRUPTION);
      for (int i = 0; i < 100; i++) {
        logger.log(InfoLogLevel.WARN_LEVEL, PREFETCH);
      }
      assertEquals("; RocksDB reports: " + CORRUPTION, logger.damageReport());
    }
  }
}
