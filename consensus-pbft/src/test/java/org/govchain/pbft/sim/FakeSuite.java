package org.govchain.pbft.sim;

import java.security.SecureRandom;
import org.govchain.core.MalformedInputException;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hasher;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.crypto.Signature;
import org.govchain.core.crypto.SuiteId;

/**
 * A crypto suite for simulation: SHA-256 hashing and Ed25519 keys (so node-core's key and
 * certificate code runs unchanged), but "signatures" that are a fast keyed 128-bit mix of the
 * public key and the message. Anyone holding a public key could forge them: the simulator's
 * Byzantine replicas sign only with their own keys, by construction. Deterministic.
 */
public final class FakeSuite implements CryptoSuite {
  public static final FakeSuite INSTANCE = new FakeSuite();
  private static final CryptoSuite KEYS = CryptoSuite.intl();

  private FakeSuite() {}

  @Override
  public SuiteId id() {
    return SuiteId.INTL;
  }

  @Override
  public Hasher newHasher() {
    return KEYS.newHasher();
  }

  @Override
  public KeyPair generateKeyPair(SecureRandom random) {
    return KEYS.generateKeyPair(random);
  }

  @Override
  public Signature sign(PrivateKey key, byte[] message) {
    return mac(key.publicKey(), message);
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, Signature signature) {
    return signature.equals(mac(key, message));
  }

  @Override
  public String signatureEncodingProblem(Signature signature) {
    return signature.length() == 16 ? null : "a fake signature is 16 bytes";
  }

  @Override
  public PublicKey decodePublicKey(byte[] raw) throws MalformedInputException {
    return KEYS.decodePublicKey(raw);
  }

  private static Signature mac(PublicKey key, byte[] message) {
    byte[] raw = key.toRaw();
    long a = 0x9E3779B97F4A7C15L;
    long b = 0xC2B2AE3D27D4EB4FL;
    for (byte x : raw) {
      a = mix(a ^ (x & 0xff));
    }
    b ^= a;
    for (byte x : message) {
      a = mix(a ^ (x & 0xff));
      b = mix(b + (x & 0xff) + a);
    }
    a = mix(a ^ message.length);
    b = mix(b ^ a);
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (a >>> (8 * i));
      out[8 + i] = (byte) (b >>> (8 * i));
    }
    try {
      return Signature.of(out);
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
