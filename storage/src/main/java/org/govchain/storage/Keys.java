package org.govchain.storage;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import org.govchain.core.crypto.Hash;

/**
 * Byte layouts of the keys in a chain's column families. Heights are 8 bytes big-endian, so keys
 * sort by height.
 *
 * <p>History keys hold the superseded versions of a state key: {@code escape(key) 0x00 0x01
 * ~height}, where {@code escape} doubles each 0x00 byte as {@code 0x00 0xFF} and {@code ~height} is
 * the bitwise complement of the height that wrote the version (newest first). The escaping keeps
 * the order of the state keys and makes the terminator unambiguous, so one key's versions never
 * interleave with another's.
 */
final class Keys {
  static final byte BLOCK = 'b';
  static final byte BLOCK_HASH = 'h';
  static final byte CERTIFICATE = 'c';
  static final byte TRANSACTION = 't';
  static final byte STATE_ROOT = 'r';
  static final byte[] LATEST = {'m'};

  static final byte HISTORY_PUT = 1;
  static final byte HISTORY_DELETE = 0;

  private Keys() {}

  static byte[] height(byte prefix, long height) {
    byte[] out = new byte[9];
    out[0] = prefix;
    writeLong(out, 1, height);
    return out;
  }

  static byte[] hash(byte prefix, Hash hash) {
    byte[] out = new byte[1 + Hash.BYTES];
    out[0] = prefix;
    hash.copyTo(out, 1);
    return out;
  }

  static void writeLong(byte[] out, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      out[offset + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  static void writeInt(byte[] out, int offset, int value) {
    for (int i = 0; i < 4; i++) {
      out[offset + i] = (byte) (value >>> (24 - 8 * i));
    }
  }

  static int readInt(byte[] in, int offset) {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (in[offset + i] & 0xff);
    }
    return value;
  }

  static long readLong(byte[] in, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (in[offset + i] & 0xff);
    }
    return value;
  }

  static byte[] longBytes(long value) {
    byte[] out = new byte[8];
    writeLong(out, 0, value);
    return out;
  }

  /**
   * The state root record of a height: {@code root₃₂} for the empty state, else {@code root₃₂ ‖
   * height₈ ‖ ordinal₄}, where the root node is stored (see {@link TreeSegments}).
   */
  static byte[] encodeRoot(TreeNode.Child root) {
    if (root.empty()) {
      return root.hash().toBytes();
    }
    byte[] out = new byte[Hash.BYTES + 12];
    root.hash().copyTo(out, 0);
    writeLong(out, Hash.BYTES, root.ref().height());
    writeInt(out, Hash.BYTES + 8, root.ref().ordinal());
    return out;
  }

  /** The root a state root record names; null if the record is malformed. */
  static TreeNode.Child decodeRoot(byte[] bytes) {
    if (bytes.length == Hash.BYTES) {
      Hash root = Hash.of(bytes);
      return root.equals(StateHashing.EMPTY) ? TreeNode.Child.EMPTY : null;
    }
    if (bytes.length != Hash.BYTES + 12) {
      return null;
    }
    Hash root = Hash.of(java.util.Arrays.copyOf(bytes, Hash.BYTES));
    long height = readLong(bytes, Hash.BYTES);
    int ordinal = readInt(bytes, Hash.BYTES + 8);
    if (root.equals(StateHashing.EMPTY) || height < 0 || ordinal < 0) {
      return null;
    }
    return new TreeNode.Child(root, new NodeRef(height, ordinal));
  }

  /** {@code escape(key) 0x00 0x01}: the prefix of all versions of {@code key}. */
  static byte[] historyVersions(ByteString key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(key.size() + 12);
    escapeInto(key, out);
    out.write(0);
    out.write(1);
    return out.toByteArray();
  }

  /** The key of {@code key}'s version at {@code height}. */
  static byte[] history(ByteString key, long height) {
    byte[] versions = historyVersions(key);
    byte[] out = java.util.Arrays.copyOf(versions, versions.length + 8);
    writeLong(out, versions.length, ~height);
    return out;
  }

  private static void escapeInto(ByteString key, ByteArrayOutputStream out) {
    for (int i = 0; i < key.size(); i++) {
      byte b = key.byteAt(i);
      out.write(b);
      if (b == 0) {
        out.write(0xff);
      }
    }
  }
}
