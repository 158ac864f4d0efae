package org.govchain.core.crypto;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * A public signing key of one suite, in its canonical raw encoding: for SM the 65-byte uncompressed
 * point {@code 04 || x || y} on the SM2 curve, for INTL the 32 bytes of RFC 8032. Equal keys have
 * equal bytes. Instances are only made by a suite's decoder, so every key is valid for its suite.
 */
public final class PublicKey {
  private final SuiteId suite;
  private final byte[] raw;
  // The Bouncy Castle form, kept so that a key verified many times is decoded once.
  private final AsymmetricKeyParameter parameters;

  PublicKey(SuiteId suite, byte[] raw, AsymmetricKeyParameter parameters) {
    this.suite = suite;
    this.raw = raw;
    this.parameters = parameters;
  }

  public SuiteId suite() {
    return suite;
  }

  AsymmetricKeyParameter parameters() {
    return parameters;
  }

  /** A copy of the canonical raw encoding. */
  public byte[] toRaw() {
    return raw.clone();
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(raw);
  }

  public String toHex() {
    return HexFormat.of().formatHex(raw);
  }

  /** SHA-256 of the raw encoding, as hex: a short, suite-independent name for the key. */
  public String fingerprint() {
    return HexFormat.of().formatHex(Digests.sha256(raw));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublicKey that && suite == that.suite && Arrays.equals(raw, that.raw);
  }

  @Override
  public int hashCode() {
    return 31 * suite.hashCode() + Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "PublicKey[" + suite + " " + fingerprint().substring(0, 16) + "]";
  }
}
