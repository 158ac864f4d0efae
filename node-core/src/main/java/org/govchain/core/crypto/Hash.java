package org.govchain.core.crypto;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.HexFormat;
import org.govchain.core.MalformedInputException;

/** A 32-byte digest (SM3 or SHA-256). Immutable, compared by value, ordered as unsigned bytes. */
public final class Hash implements Comparable<Hash> {
  public static final int BYTES = 32;

  /** 32 zero bytes: the previous-hash of a genesis block, the root of nothing. */
  public static final Hash ZERO = new Hash(new byte[BYTES]);

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}, which must be exactly 32 bytes (a program error otherwise). */
  public static Hash of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /** Takes ownership of a freshly computed digest array (no copy). */
  static Hash wrapFresh(byte[] digest) {
    if (digest.length != BYTES) {
      throw new IllegalArgumentException("a hash is 32 bytes, got " + digest.length);
    }
    return new Hash(digest);
  }

  /** Decodes a hash received from outside; refuses any length but 32. */
  public static Hash decode(ByteString bytes, String what) throws MalformedInputException {
    if (bytes.size() != BYTES) {
      throw new MalformedInputException(what + " must be 32 bytes, got " + bytes.size());
    }
    return new Hash(bytes.toByteArray());
  }

  public static Hash fromHex(String hex) throws MalformedInputException {
    if (hex.length() != 2 * BYTES) {
      throw new MalformedInputException(
          "a hash is 64 hex digits, got " + hex.length() + " characters");
    }
    try {
      return new Hash(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException("not a hex hash: " + e.getMessage());
    }
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(bytes);
  }

  /** Feeds the 32 bytes into a hasher without copying them. */
  public void writeTo(Hasher hasher) {
    hasher.update(bytes, 0, BYTES);
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, BYTES);
  }

  public byte byteAt(int index) {
    return bytes[index];
  }

  /** The bit at {@code index}, counting from the most significant bit of byte 0. */
  public boolean bit(int index) {
    return ((bytes[index >>> 3] >>> (7 - (index & 7))) & 1) != 0;
  }

  public String toHex() {
    return HEX.formatHex(bytes);
  }

  /** The first 8 hex digits, for logs. */
  public String shortHex() {
    return HEX.formatHex(bytes, 0, 4);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    // The bytes are a digest: their first four are as good a hash code as any.
    return (bytes[0] << 24)
        | ((bytes[1] & 0xff) << 16)
        | ((bytes[2] & 0xff) << 8)
        | (bytes[3] & 0xff);
  }

  @Override
  public int compareTo(Hash other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
