package org.govchain.core.crypto;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.HexFormat;
import org.govchain.core.MalformedInputException;

/**
 * A signature in its suite's standard encoding: for SM, the DER {@code SEQUENCE { r, s }} of GM/T
 * 0009 (what OpenSSL and GM crypto devices produce, at most 72 bytes); for INTL, the 64 bytes of
 * RFC 8032. Immutable, compared by value.
 */
public final class Signature {
  /** No suite's signature is longer: SM2 DER is at most 72 bytes, Ed25519 is 64. */
  public static final int MAX_BYTES = 72;

  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  static Signature wrapFresh(byte[] bytes) {
    return new Signature(bytes);
  }

  /** Wraps a copy of received bytes; refuses empty or oversized input (not the encoding). */
  public static Signature of(byte[] bytes) throws MalformedInputException {
    checkLength(bytes.length);
    return new Signature(bytes.clone());
  }

  public static Signature decode(ByteString bytes) throws MalformedInputException {
    checkLength(bytes.size());
    return new Signature(bytes.toByteArray());
  }

  private static void checkLength(int length) throws MalformedInputException {
    if (length == 0) {
      throw new MalformedInputException("signature is empty");
    }
    if (length > MAX_BYTES) {
      throw new MalformedInputException(
          "signature is " + length + " bytes; no suite's signature exceeds " + MAX_BYTES);
    }
  }

  public int length() {
    return bytes.length;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The bytes without a copy, for the suites in this package only. */
  byte[] internalBytes() {
    return bytes;
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(bytes);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Signature that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Signature[" + toHex() + "]";
  }
}
