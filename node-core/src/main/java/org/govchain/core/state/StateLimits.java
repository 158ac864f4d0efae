package org.govchain.core.state;

import com.google.protobuf.ByteString;

/**
 * Bounds every state key, value and scan, so no transaction can make the state unbounded per entry.
 */
public final class StateLimits {
  public static final int MAX_KEY_BYTES = 256;
  public static final int MAX_VALUE_BYTES = 64 * 1024;
  public static final int MAX_SCAN_ENTRIES = 10_000;

  private StateLimits() {}

  /** Fails with IllegalArgumentException: keys are built by ledger code, not taken from input. */
  public static void checkKey(ByteString key) {
    if (key.isEmpty() || key.size() > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "state key must be 1.." + MAX_KEY_BYTES + " bytes, got " + key.size());
    }
  }

  public static void checkValue(ByteString value) {
    if (value.size() > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "state value must be at most " + MAX_VALUE_BYTES + " bytes, got " + value.size());
    }
  }

  public static void checkScanLimit(int limit) {
    if (limit < 1 || limit > MAX_SCAN_ENTRIES) {
      throw new IllegalArgumentException(
          "scan limit must be 1.." + MAX_SCAN_ENTRIES + ", got " + limit);
    }
  }
}
