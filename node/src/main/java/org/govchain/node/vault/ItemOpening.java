package org.govchain.node.vault;

import com.google.protobuf.ByteString;

/**
 * What opens one item's commitment: its value and 32-byte salt. {@link #toString()} shows neither,
 * so personal data never reaches a log by accident.
 */
public record ItemOpening(String value, ByteString salt) {
  public ItemOpening {
    if (value == null || salt == null) {
      throw new NullPointerException("value and salt are required");
    }
  }

  @Override
  public String toString() {
    return "ItemOpening[value and salt not shown]";
  }
}
