package org.govchain.core.crypto;

/** A freshly generated key pair. */
public record KeyPair(PrivateKey privateKey, PublicKey publicKey) {
  public KeyPair {
    if (!privateKey.publicKey().equals(publicKey)) {
      throw new IllegalArgumentException("public key does not belong to the private key");
    }
  }

  public SuiteId suite() {
    return publicKey.suite();
  }
}
