package org.govchain.core.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECPoint;
import org.govchain.core.MalformedInputException;

/**
 * SM2 signatures (GM/T 0003, with SM3 and user id 1234567812345678) and SM3 hashing (GM/T 0004).
 */
final class SmSuite implements CryptoSuite {
  static final SmSuite INSTANCE = new SmSuite();

  /** The default distinguishing identifier of GM/T 0009 (OpenSSL: -pkeyopt distid:...). */
  static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  static final ECNamedDomainParameters DOMAIN;

  static {
    // CustomNamedCurves has Bouncy Castle's specialised SM2 field arithmetic; GMNamedCurves would
    // give the generic curve, about seven times slower for signing and verification.
    X9ECParameters x9 = CustomNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
    DOMAIN = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, x9);
  }

  private static final int RAW_PUBLIC_KEY_BYTES = 65;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Never updated: {@link #newHasher()} copies it. Constructing a Bouncy Castle digest runs the
   * provider's constraint checks (~1.5 µs, more than hashing a tree node); copying one does not.
   */
  private static final SM3Digest SM3_PROTOTYPE = new SM3Digest();

  private SmSuite() {}

  @Override
  public SuiteId id() {
    return SuiteId.SM;
  }

  @Override
  public Hasher newHasher() {
    return new DigestHasher(new SM3Digest(SM3_PROTOTYPE));
  }

  @Override
  public KeyPair generateKeyPair(SecureRandom random) {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(DOMAIN, random));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    PrivateKey privateKey = privateKey((ECPrivateKeyParameters) pair.getPrivate());
    return new KeyPair(privateKey, privateKey.publicKey());
  }

  /** Wraps SM2 private key parameters on the standard curve, deriving the public key. */
  static PrivateKey privateKey(ECPrivateKeyParameters parameters) {
    ECPoint q = DOMAIN.getG().multiply(parameters.getD()).normalize();
    ECPublicKeyParameters publicParameters = new ECPublicKeyParameters(q, DOMAIN);
    PublicKey publicKey = new PublicKey(SuiteId.SM, q.getEncoded(false), publicParameters);
    ECPrivateKeyParameters onNamedDomain = new ECPrivateKeyParameters(parameters.getD(), DOMAIN);
    return new PrivateKey(SuiteId.SM, onNamedDomain, publicKey);
  }

  /** Wraps an SM2 public point on the standard curve, validated by Bouncy Castle. */
  static PublicKey publicKey(ECPoint point) {
    ECPublicKeyParameters parameters = new ECPublicKeyParameters(point, DOMAIN);
    return new PublicKey(SuiteId.SM, parameters.getQ().getEncoded(false), parameters);
  }

  static boolean isSm2Curve(ECDomainParameters parameters) {
    return parameters.getCurve().equals(DOMAIN.getCurve())
        && parameters.getG().equals(DOMAIN.getG());
  }

  @Override
  public Signature sign(PrivateKey key, byte[] message) {
    requireSuite(key.suite());
    ECPrivateKeyParameters parameters = (ECPrivateKeyParameters) key.parameters();
    return Signature.wrapFresh(sign(parameters, DEFAULT_USER_ID, message, RANDOM));
  }

  /** SM2 signing on any curve with any user id and source of k (test vectors use this). */
  static byte[] sign(
      ECPrivateKeyParameters key, byte[] userId, byte[] message, SecureRandom random) {
    SM2Signer signer = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
    signer.init(true, new ParametersWithID(new ParametersWithRandom(key, random), userId));
    signer.update(message, 0, message.length);
    try {
      return signer.generateSignature();
    } catch (CryptoException e) {
      throw new IllegalStateException("SM2 signing failed", e);
    }
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, Signature signature) {
    if (key.suite() != SuiteId.SM) {
      return false;
    }
    ECPublicKeyParameters parameters = (ECPublicKeyParameters) key.parameters();
    return verify(parameters, DEFAULT_USER_ID, message, signature.internalBytes());
  }

  static boolean verify(
      ECPublicKeyParameters key, byte[] userId, byte[] message, byte[] signature) {
    SM2Signer signer = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
    signer.init(false, new ParametersWithID(key, userId));
    signer.update(message, 0, message.length);
    try {
      // Bouncy Castle refuses non-canonical DER (it re-encodes and compares) and r, s out of range.
      return signer.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String signatureEncodingProblem(Signature signature) {
    byte[] bytes = signature.internalBytes();
    try {
      BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(DOMAIN.getN(), bytes);
      if (rs[0].signum() <= 0 || rs[1].signum() <= 0) {
        return "SM2 signature has r or s outside [1, n-1]";
      }
      return null;
    } catch (java.io.IOException | RuntimeException e) {
      return "not a DER-encoded SM2 signature (" + bytes.length + " bytes; truncated or corrupt)";
    }
  }

  @Override
  public PublicKey decodePublicKey(byte[] raw) throws MalformedInputException {
    if (raw.length != RAW_PUBLIC_KEY_BYTES || raw[0] != 0x04) {
      throw new MalformedInputException(
          "an SM2 public key is 65 bytes starting with 04 (uncompressed point), got "
              + raw.length
              + " bytes");
    }
    try {
      return publicKey(DOMAIN.getCurve().decodePoint(raw));
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException("not a point on the SM2 curve: " + e.getMessage());
    }
  }

  private static void requireSuite(SuiteId suite) {
    if (suite != SuiteId.SM) {
      throw new IllegalArgumentException("a " + suite + " key cannot sign in suite SM");
    }
  }
}
