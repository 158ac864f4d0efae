package org.govchain.core.crypto;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * A private signing key of one suite, with its public key. Never printed: {@link #toString()} names
 * only the suite and the public key.
 */
public final class PrivateKey {
  private final SuiteId suite;
  private final AsymmetricKeyParameter parameters;
  private final PublicKey publicKey;

  PrivateKey(SuiteId suite, AsymmetricKeyParameter parameters, PublicKey publicKey) {
    this.suite = suite;
    this.parameters = parameters;
    this.publicKey = publicKey;
  }

  public SuiteId suite() {
    return suite;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  AsymmetricKeyParameter parameters() {
    return parameters;
  }

  @Override
  public String toString() {
    return "PrivateKey[" + suite + ", public " + publicKey + "]";
  }
}
