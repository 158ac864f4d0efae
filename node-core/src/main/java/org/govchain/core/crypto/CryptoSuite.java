package org.govchain.core.crypto;

import java.security.SecureRandom;
import org.govchain.core.MalformedInputException;

/**
 * One chain's cryptography: hashing, key generation, signing and verification, and key decoding.
 * Implementations are stateless and thread-safe.
 *
 * <p>{@link #sign} and {@link #verify} work on the exact message bytes given; protocol code adds
 * its domain tag (see {@code org.govchain.core.chain.Domain}) before calling them, so a file signed
 * here verifies with OpenSSL and the reverse.
 */
public interface CryptoSuite {
  SuiteId id();

  static CryptoSuite of(SuiteId id) {
    return switch (id) {
      case SM -> SmSuite.INSTANCE;
      case INTL -> IntlSuite.INSTANCE;
    };
  }

  static CryptoSuite sm() {
    return SmSuite.INSTANCE;
  }

  static CryptoSuite intl() {
    return IntlSuite.INSTANCE;
  }

  Hasher newHasher();

  default Hash hash(byte[] data) {
    return newHasher().update(data).finish();
  }

  KeyPair generateKeyPair(SecureRandom random);

  /**
   * Signs {@code message}. SM2 signatures are randomized (a fresh k from the platform's
   * SecureRandom); Ed25519 signatures are deterministic. Fails with {@link
   * IllegalArgumentException} if the key belongs to another suite (a program error: keys are
   * checked when loaded).
   */
  Signature sign(PrivateKey key, byte[] message);

  /**
   * True only if {@code signature} is a valid, canonically encoded signature by {@code key} over
   * {@code message}. False for a key of another suite or a malformed signature; never throws.
   */
  boolean verify(PublicKey key, byte[] message, Signature signature);

  /**
   * Why {@code signature} cannot be a well-formed signature of this suite, or null if its encoding
   * is well-formed. For diagnostics only: {@link #verify} already refuses malformed signatures.
   */
  String signatureEncodingProblem(Signature signature);

  /** Decodes a raw public key (see {@link PublicKey}) received from outside. */
  PublicKey decodePublicKey(byte[] raw) throws MalformedInputException;
}
