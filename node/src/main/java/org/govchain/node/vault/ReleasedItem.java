package org.govchain.node.vault;

import com.google.protobuf.ByteString;

/** One released item: code, value and salt. {@link #toString()} shows the code only. */
public record ReleasedItem(String itemCode, String value, ByteString salt) {
  @Override
  public String toString() {
    return "ReleasedItem[" + itemCode + ", value and salt not shown]";
  }
}
