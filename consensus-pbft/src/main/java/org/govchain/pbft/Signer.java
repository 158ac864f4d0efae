package org.govchain.pbft;

import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.Signature;
import org.govchain.core.proto.CommitCertificate;

/**
 * The port through which a replica signs its own messages and checks those of others. The node
 * binds it to the chain's crypto suite ({@link SuiteSigner}); a simulator may bind a fast fake.
 * Implementations must be deterministic in what they accept.
 */
public interface Signer {
  /** Signs {@code preimage} (already domain-tagged) with this replica's key. */
  Signature sign(byte[] preimage);

  /** True if {@code signature} is validator {@code replica}'s signature over {@code preimage}. */
  boolean verify(int replica, byte[] preimage, Signature signature);

  /** Checks a commit certificate for block {@code blockHash} at {@code height} of this chain. */
  CertificateCheck verifyCertificate(CommitCertificate certificate, long height, Hash blockHash);
}
