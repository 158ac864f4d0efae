package org.govchain.core.testing;

import java.security.SecureRandom;

/**
 * A "random" source that returns given bytes, so that a randomized signature (SM2's k) can be
 * reproduced from a standard's worked example. Test use only.
 */
public final class FixedSecureRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final byte[] value;

  public FixedSecureRandom(byte[] value) {
    this.value = value.clone();
  }

  @Override
  public void nextBytes(byte[] bytes) {
    if (bytes.length != value.length) {
      throw new IllegalStateException(
          "asked for " + bytes.length + " bytes, holding " + value.length);
    }
    System.arraycopy(value, 0, bytes, 0, value.length);
  }
}
