package org.govchain.pbft;

import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.crypto.Signature;
import org.govchain.core.proto.CommitCertificate;

/** The production {@link Signer}: the chain's crypto suite and this validator's private key. */
public final class SuiteSigner implements Signer {
  private final CryptoSuite suite;
  private final PrivateKey key;
  private final ChainId chain;
  private final ValidatorSet validators;

  public SuiteSigner(CryptoSuite suite, PrivateKey key, ChainId chain, ValidatorSet validators) {
    if (key.suite() != suite.id()) {
      throw new IllegalArgumentException(
          "a " + key.suite() + " key for a " + suite.id() + " chain");
    }
    this.suite = suite;
    this.key = key;
    this.chain = chain;
    this.validators = validators;
  }

  @Override
  public Signature sign(byte[] preimage) {
    return suite.sign(key, preimage);
  }

  @Override
  public boolean verify(int replica, byte[] preimage, Signature signature) {
    return validators.contains(replica)
        && suite.verify(validators.member(replica).publicKey(), preimage, signature);
  }

  @Override
  public CertificateCheck verifyCertificate(
      CommitCertificate certificate, long height, Hash blockHash) {
    return CommitCertificates.verify(certificate, chain, height, blockHash, validators, suite);
  }
}
