package org.govchain.core.crypto;

import java.util.Locale;
import org.govchain.core.MalformedInputException;
import org.govchain.core.proto.CryptoSuiteId;

/** The crypto suites a chain can use, fixed in its genesis. */
public enum SuiteId {
  /** SM2 signatures with SM3 and the default user id {@code 1234567812345678}; SM3 hashing. */
  SM("SM2", "SM3", CryptoSuiteId.SM),
  /** Ed25519 signatures; SHA-256 hashing. */
  INTL("Ed25519", "SHA-256", CryptoSuiteId.INTL);

  private final String signatureAlgorithm;
  private final String hashAlgorithm;
  private final CryptoSuiteId proto;

  SuiteId(String signatureAlgorithm, String hashAlgorithm, CryptoSuiteId proto) {
    this.signatureAlgorithm = signatureAlgorithm;
    this.hashAlgorithm = hashAlgorithm;
    this.proto = proto;
  }

  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  public String hashAlgorithm() {
    return hashAlgorithm;
  }

  public CryptoSuiteId toProto() {
    return proto;
  }

  /** "SM (SM2/SM3)" — for messages. */
  public String describe() {
    return name() + " (" + signatureAlgorithm + "/" + hashAlgorithm + ")";
  }

  public static SuiteId fromProto(CryptoSuiteId id) throws MalformedInputException {
    return switch (id) {
      case SM -> SM;
      case INTL -> INTL;
      case CRYPTO_SUITE_UNSPECIFIED, UNRECOGNIZED ->
          throw new MalformedInputException("crypto suite is missing or unknown: " + id);
    };
  }

  /** Parses "SM" or "INTL", case-insensitively. */
  public static SuiteId parse(String text) throws MalformedInputException {
    String upper = text.trim().toUpperCase(Locale.ROOT);
    for (SuiteId id : values()) {
      if (id.name().equals(upper)) {
        return id;
      }
    }
    throw new MalformedInputException("unknown crypto suite '" + text + "': expected SM or INTL");
  }
}
