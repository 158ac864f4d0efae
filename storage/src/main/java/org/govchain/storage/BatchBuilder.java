package org.govchain.storage;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.WriteBatch;

/**
 * A RocksDB write batch assembled in Java, in RocksDB's own batch format, and handed to RocksDB in
 * one call: one copy across JNI for the whole block instead of a call (and two native copies) per
 * entry. The format (RocksDB {@code db/write_batch.cc}, stable since the first release, since it is
 * also the WAL record format): {@code sequence (fixed64, 0 here: RocksDB assigns it) ‖ count
 * (fixed32) ‖ records}; a record is {@code 0x01 ‖ varstring key ‖ varstring value} (put, default
 * family), {@code 0x05 ‖ varint32 family id ‖ varstring key ‖ varstring value} (put), {@code 0x00 ‖
 * varstring key} / {@code 0x04 ‖ varint32 family id ‖ varstring key} (delete), with {@code
 * varstring = varint32 length ‖ bytes}; fixed-width integers are little-endian. {@code
 * BatchBuilderTest} checks the bytes against batches RocksDB builds itself. Not thread-safe.
 */
final class BatchBuilder {
  /** The largest Java array, and below RocksDB's 32-bit batch sizes. */
  static final int BATCH_BYTES_MAX = Integer.MAX_VALUE - 16;

  private static final int HEADER_BYTES = 12;
  private static final byte TYPE_DELETION = 0x00;
  private static final byte TYPE_VALUE = 0x01;
  private static final byte TYPE_COLUMN_FAMILY_DELETION = 0x04;
  private static final byte TYPE_COLUMN_FAMILY_VALUE = 0x05;

  private final Map<ColumnFamilyHandle, Integer> familyIds = new IdentityHashMap<>();
  private byte[] bytes;
  private int length = HEADER_BYTES;
  private int count;

  BatchBuilder(int expectedBytes) {
    bytes = new byte[Math.max(HEADER_BYTES + 64, Math.min(expectedBytes, BATCH_BYTES_MAX))];
  }

  void put(ColumnFamilyHandle column, byte[] key, byte[] value) {
    int family = familyId(column);
    reserve(1 + 5 + 5 + key.length + 5 + value.length);
    if (family == 0) {
      bytes[length++] = TYPE_VALUE;
    } else {
      bytes[length++] = TYPE_COLUMN_FAMILY_VALUE;
      writeVarint(family);
    }
    writeVarstring(key);
    writeVarstring(value);
    count++;
  }

  void delete(ColumnFamilyHandle column, byte[] key) {
    int family = familyId(column);
    reserve(1 + 5 + 5 + key.length);
    if (family == 0) {
      bytes[length++] = TYPE_DELETION;
    } else {
      bytes[length++] = TYPE_COLUMN_FAMILY_DELETION;
      writeVarint(family);
    }
    writeVarstring(key);
    count++;
  }

  /** Appends every record of {@code other} (built for the same database's column families). */
  void append(BatchBuilder other) {
    int records = other.length - HEADER_BYTES;
    reserve(records);
    System.arraycopy(other.bytes, HEADER_BYTES, bytes, length, records);
    length += records;
    count += other.count;
  }

  int count() {
    return count;
  }

  /** The batch's size in RocksDB's format (header included). */
  int bytes() {
    return length;
  }

  /** The batch, for {@code RocksDB.write}; the caller closes it. */
  WriteBatch build() {
    byte[] serialized = Arrays.copyOf(bytes, length);
    for (int i = 0; i < 4; i++) {
      serialized[8 + i] = (byte) (count >>> (8 * i));
    }
    return new WriteBatch(serialized);
  }

  private int familyId(ColumnFamilyHandle column) {
    return familyIds.computeIfAbsent(column, ColumnFamilyHandle::getID);
  }

  private void reserve(long more) {
    long needed = length + more;
    if (needed > BATCH_BYTES_MAX) {
      throw new StoreIoException(
          "a write batch would exceed " + BATCH_BYTES_MAX + " bytes (" + needed + ")");
    }
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(BATCH_BYTES_MAX, Math.max(needed, 2L * length)));
    }
  }

  private void writeVarstring(byte[] data) {
    writeVarint(data.length);
    System.arraycopy(data, 0, bytes, length, data.length);
    length += data.length;
  }

  private void writeVarint(int value) {
    int rest = value;
    while ((rest & ~0x7f) != 0) {
      bytes[length++] = (byte) ((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    bytes[length++] = (byte) rest;
  }
}
