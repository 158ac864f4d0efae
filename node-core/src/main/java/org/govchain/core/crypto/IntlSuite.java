package org.govchain.core.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.govchain.core.MalformedInputException;

/** Ed25519 signatures (RFC 8032, pure) and SHA-256 hashing. */
final class IntlSuite implements CryptoSuite {
  static final IntlSuite INSTANCE = new IntlSuite();

  /**
   * Never updated: {@link #newHasher()} copies it. Constructing a Bouncy Castle digest runs the
   * provider's constraint checks (~1.5 µs, more than hashing a tree node); copying one does not.
   */
  private static final SHA256Digest SHA256_PROTOTYPE = new SHA256Digest();

  private IntlSuite() {}

  @Override
  public SuiteId id() {
    return SuiteId.INTL;
  }

  @Override
  public Hasher newHasher() {
    return new DigestHasher(new SHA256Digest(SHA256_PROTOTYPE));
  }

  @Override
  public KeyPair generateKeyPair(SecureRandom random) {
    PrivateKey privateKey = privateKey(new Ed25519PrivateKeyParameters(random));
    return new KeyPair(privateKey, privateKey.publicKey());
  }

  static PrivateKey privateKey(Ed25519PrivateKeyParameters parameters) {
    return new PrivateKey(SuiteId.INTL, parameters, publicKey(parameters.generatePublicKey()));
  }

  static PublicKey publicKey(Ed25519PublicKeyParameters parameters) {
    return new PublicKey(SuiteId.INTL, parameters.getEncoded(), parameters);
  }

  @Override
  public Signature sign(PrivateKey key, byte[] message) {
    if (key.suite() != SuiteId.INTL) {
      throw new IllegalArgumentException("a " + key.suite() + " key cannot sign in suite INTL");
    }
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key.parameters());
    signer.update(message, 0, message.length);
    return Signature.wrapFresh(signer.generateSignature());
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, Signature signature) {
    if (key.suite() != SuiteId.INTL
        || signature.length() != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
      return false;
    }
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(false, key.parameters());
    signer.update(message, 0, message.length);
    try {
      return signer.verifySignature(signature.internalBytes());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String signatureEncodingProblem(Signature signature) {
    if (signature.length() != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
      return "an Ed25519 signature is 64 bytes, got " + signature.length();
    }
    return null;
  }

  @Override
  public PublicKey decodePublicKey(byte[] raw) throws MalformedInputException {
    if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw new MalformedInputException(
          "an Ed25519 public key is 32 bytes, got " + raw.length + " bytes");
    }
    return publicKey(new Ed25519PublicKeyParameters(raw, 0));
  }
}
