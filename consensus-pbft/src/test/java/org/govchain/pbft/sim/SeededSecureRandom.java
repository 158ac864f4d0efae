package org.govchain.pbft.sim;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/** A "secure" random that is a seeded pseudo-random stream: deterministic keys for replays. */
final class SeededSecureRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final transient SplittableRandom random;

  SeededSecureRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void nextBytes(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
  }

  @Override
  public int nextInt() {
    return random.nextInt();
  }

  @Override
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  @Override
  public long nextLong() {
    return random.nextLong();
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    byte[] out = new byte[numBytes];
    nextBytes(out);
    return out;
  }
}
