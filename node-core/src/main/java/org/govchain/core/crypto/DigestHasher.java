package org.govchain.core.crypto;

import org.bouncycastle.crypto.Digest;

/** A {@link Hasher} over a Bouncy Castle 32-byte digest. */
final class DigestHasher implements Hasher {
  private final Digest digest;

  DigestHasher(Digest digest) {
    this.digest = digest;
  }

  @Override
  public Hasher update(byte b) {
    digest.update(b);
    return this;
  }

  @Override
  public Hasher update(byte[] data, int offset, int length) {
    digest.update(data, offset, length);
    return this;
  }

  @Override
  public Hash finish() {
    byte[] out = new byte[Hash.BYTES];
    digest.doFinal(out, 0);
    return Hash.wrapFresh(out);
  }
}
