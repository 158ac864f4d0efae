package org.govchain.subchains.privacy;

import java.util.Arrays;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Hasher;

/**
 * HMAC (RFC 2104) over a suite's hash: HMAC-SM3 (GM/T 0042) for the SM suite, HMAC-SHA-256 (RFC
 * 4231) for INTL. Both hashes have a 64-byte block.
 */
public final class Hmac {
  static final int BLOCK_BYTES = 64;

  private Hmac() {}

  public static Hash mac(CryptoSuite suite, byte[] key, byte[] message) {
    byte[] block = new byte[BLOCK_BYTES];
    byte[] shortKey = key.length > BLOCK_BYTES ? suite.hash(key).toBytes() : key;
    System.arraycopy(shortKey, 0, block, 0, shortKey.length);
    byte[] inner = xor(block, (byte) 0x36);
    byte[] outer = xor(block, (byte) 0x5c);
    Hasher innerHasher = suite.newHasher();
    innerHasher.update(inner).update(message);
    Hash innerHash = innerHasher.finish();
    Arrays.fill(block, (byte) 0);
    Arrays.fill(inner, (byte) 0);
    Hash result = suite.newHasher().update(outer).update(innerHash).finish();
    Arrays.fill(outer, (byte) 0);
    return result;
  }

  private static byte[] xor(byte[] block, byte pad) {
    byte[] out = new byte[block.length];
    for (int i = 0; i < block.length; i++) {
      out[i] = (byte) (block[i] ^ pad);
    }
    return out;
  }
}
