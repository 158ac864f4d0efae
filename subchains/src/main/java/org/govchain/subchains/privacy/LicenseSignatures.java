package org.govchain.subchains.privacy;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.govchain.core.MalformedInputException;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.crypto.Signature;
import org.govchain.subchains.proto.LicenseContent;
import org.govchain.subchains.proto.LicenseRecord;

/**
 * The issuer's signature over a licence: {@code sign(issuer key, "govchain/v1/license-record" ||
 * 0x00 || canonical LicenseContent)}. It covers everything the issuer states (identifier, type,
 * holder hash, validity, item commitments, the licence it replaces, its own key); the status lives
 * beside it in the record, since it changes after issue. A kiosk verifies a licence from a pull
 * answer with the record alone, then checks on the identity chain that the key is the issuer's.
 */
public final class LicenseSignatures {
  /**
   * Issuer keys decoded once: a network has a few dozen issuing departments, and Bouncy Castle
   * keeps its precomputation for a public point on the decoded key, so verifying with a cached key
   * is about 2.5 times faster for SM2 than decoding the key for every record (measured, see
   * docs/benchmarks.md). Bounded: cleared when full.
   */
  private static final int MAX_CACHED_KEYS = 4096;

  private static final Map<ByteString, PublicKey> KEYS = new ConcurrentHashMap<>();

  private LicenseSignatures() {}

  public static Signature sign(CryptoSuite suite, PrivateKey issuerKey, LicenseContent content) {
    if (!content.getIssuerPublicKey().equals(issuerKey.publicKey().toByteString())) {
      throw new IllegalArgumentException("the content names another issuer key than the signer's");
    }
    return suite.sign(issuerKey, SubchainDomain.LICENSE_RECORD.preimage(Canonical.encode(content)));
  }

  /** Whether {@code signature} is the content's issuer key's signature over the content. */
  public static boolean verify(CryptoSuite suite, LicenseContent content, ByteString signature) {
    PublicKey key;
    Signature decoded;
    try {
      key = issuerKey(suite, content.getIssuerPublicKey());
      decoded = Signature.decode(signature);
    } catch (MalformedInputException e) {
      return false;
    }
    return suite.verify(
        key, SubchainDomain.LICENSE_RECORD.preimage(Canonical.encode(content)), decoded);
  }

  private static PublicKey issuerKey(CryptoSuite suite, ByteString raw)
      throws MalformedInputException {
    ByteString cacheKey = ByteString.copyFromUtf8(suite.id().name()).concat(raw);
    PublicKey cached = KEYS.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    PublicKey key = suite.decodePublicKey(raw.toByteArray());
    if (KEYS.size() >= MAX_CACHED_KEYS) {
      KEYS.clear();
    }
    KEYS.put(cacheKey, key);
    return key;
  }

  /** Whether a stored record's signature verifies. */
  public static boolean verify(CryptoSuite suite, LicenseRecord record) {
    return verify(suite, record.getContent(), record.getIssuerSignature());
  }
}
