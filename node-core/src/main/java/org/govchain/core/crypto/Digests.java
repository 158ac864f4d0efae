package org.govchain.core.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** Digests used outside any chain's suite (key fingerprints, TLS certificate pins). */
public final class Digests {
  private Digests() {}

  public static byte[] sha256(byte[] data) {
    SHA256Digest digest = new SHA256Digest();
    digest.update(data, 0, data.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
