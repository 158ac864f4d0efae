package org.govchain.subchains.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.proto.HolderCodeType;

/**
 * The network's holder-code key: a 32-byte secret shared by the department nodes (never on a
 * chain). Holder codes — citizen ID numbers, credit codes — appear on the chains only as
 *
 * <pre>
 *   holder = HMAC_H(key, "govchain/v1/holder-code" || 0x00 || u8(code type) || UTF-8(code))
 * </pre>
 *
 * where H is the chain suite's hash and the code type is the {@link HolderCodeType} number (1 for a
 * citizen ID number, 2 for a credit code). Without the key, nobody can test a guessed ID number
 * against the chain.
 */
public final class HolderKey {
  public static final int BYTES = 32;
  private final byte[] key;

  private HolderKey(byte[] key) {
    this.key = key;
  }

  public static HolderKey of(byte[] key) {
    if (key.length != BYTES) {
      throw new IllegalArgumentException("a holder-code key is " + BYTES + " bytes");
    }
    return new HolderKey(key.clone());
  }

  /** The keyed hash of a holder code. */
  public Hash holderHash(CryptoSuite suite, HolderCodeType type, String code) {
    if (type != HolderCodeType.CITIZEN_ID_NUMBER
        && type != HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE) {
      throw new IllegalArgumentException("unknown holder code type " + type);
    }
    byte[] tag = SubchainDomain.HOLDER_CODE.prefix();
    byte[] codeBytes = code.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[tag.length + 1 + codeBytes.length];
    System.arraycopy(tag, 0, message, 0, tag.length);
    message[tag.length] = (byte) type.getNumber();
    System.arraycopy(codeBytes, 0, message, tag.length + 1, codeBytes.length);
    return Hmac.mac(suite, key, message);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HolderKey that && Arrays.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "HolderKey[secret]";
  }
}
