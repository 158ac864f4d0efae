package org.govchain.node.vault;

import java.util.Optional;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.govchain.core.crypto.SuiteId;

/**
 * GCM authenticated encryption with a 96-bit nonce and a 128-bit tag: SM4-GCM (GB/T 32907 block
 * cipher, the GCM mode of GB/T 38636 / RFC 8998) under the SM suite, AES-256-GCM under INTL, both
 * Bouncy Castle. Immutable and thread-safe: each call builds its own cipher.
 */
final class VaultCipher {
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;

  /** The algorithms; the id is written into every record and bound into its AAD. */
  enum Algorithm {
    SM4_GCM(1, 16, "SM4-GCM", SuiteId.SM),
    AES_256_GCM(2, 32, "AES-256-GCM", SuiteId.INTL);

    private final int id;
    private final int keyBytes;
    private final String displayName;
    private final SuiteId suite;

    Algorithm(int id, int keyBytes, String displayName, SuiteId suite) {
      this.id = id;
      this.keyBytes = keyBytes;
      this.displayName = displayName;
      this.suite = suite;
    }

    int id() {
      return id;
    }

    int keyBytes() {
      return keyBytes;
    }

    String displayName() {
      return displayName;
    }

    SuiteId suite() {
      return suite;
    }

    static Algorithm forSuite(SuiteId suite) {
      return suite == SuiteId.SM ? SM4_GCM : AES_256_GCM;
    }

    static Optional<Algorithm> byId(int id) {
      for (Algorithm algorithm : values()) {
        if (algorithm.id == id) {
          return Optional.of(algorithm);
        }
      }
      return Optional.empty();
    }

    BlockCipher newEngine() {
      return this == SM4_GCM ? new SM4Engine() : AESEngine.newInstance();
    }
  }

  private final Algorithm algorithm;
  private final byte[] key;

  VaultCipher(Algorithm algorithm, byte[] key) {
    if (key.length != algorithm.keyBytes()) {
      throw new IllegalArgumentException(
          algorithm.displayName() + " takes a " + algorithm.keyBytes() + "-byte key");
    }
    this.algorithm = algorithm;
    this.key = key.clone();
  }

  static VaultCipher forSuite(SuiteId suite, VaultKey masterKey) {
    Algorithm algorithm = Algorithm.forSuite(suite);
    return new VaultCipher(algorithm, masterKey.derive(algorithm));
  }

  Algorithm algorithm() {
    return algorithm;
  }

  /** Ciphertext followed by the 16-byte tag. */
  byte[] seal(byte[] nonce, byte[] plaintext, byte[] aad) {
    GCMModeCipher cipher = cipher(true, nonce, aad);
    byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
    int written = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      written += cipher.doFinal(out, written);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("GCM encryption cannot fail: " + e.getMessage(), e);
    }
    if (written != out.length) {
      throw new IllegalStateException("GCM wrote " + written + " of " + out.length + " bytes");
    }
    return out;
  }

  /** The plaintext, or empty when the tag does not authenticate ciphertext, nonce and AAD. */
  Optional<byte[]> open(byte[] nonce, byte[] sealed, byte[] aad) {
    if (sealed.length < TAG_BYTES) {
      return Optional.empty();
    }
    GCMModeCipher cipher = cipher(false, nonce, aad);
    byte[] out = new byte[cipher.getOutputSize(sealed.length)];
    int written = cipher.processBytes(sealed, 0, sealed.length, out, 0);
    try {
      written += cipher.doFinal(out, written);
    } catch (InvalidCipherTextException e) {
      return Optional.empty();
    }
    return Optional.of(written == out.length ? out : java.util.Arrays.copyOf(out, written));
  }

  private GCMModeCipher cipher(boolean encrypt, byte[] nonce, byte[] aad) {
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("a GCM nonce here is " + NONCE_BYTES + " bytes");
    }
    GCMModeCipher cipher = GCMBlockCipher.newInstance(algorithm.newEngine());
    cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, aad));
    return cipher;
  }
}
