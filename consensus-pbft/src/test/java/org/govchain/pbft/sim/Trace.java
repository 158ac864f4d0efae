package org.govchain.pbft.sim;

import org.govchain.core.crypto.Hash;

/**
 * A running digest of everything that happened in a run, in order (what was delivered to whom and
 * when, what was committed), without signature bytes, so that runs with SM2's randomized signatures
 * still compare. Two runs of one seed must end with equal traces.
 */
final class Trace {
  private long a = 0x243F6A8885A308D3L;
  private long b = 0x13198A2E03707344L;
  private long events;

  void add(long... values) {
    for (long value : values) {
      a = mix(a ^ value);
      b = mix(b + a + value);
    }
    events++;
  }

  void add(Hash hash, long... values) {
    add(values);
    if (hash != null) {
      long x = 0;
      for (int i = 0; i < 8; i++) {
        x = (x << 8) | (hash.byteAt(i) & 0xff);
      }
      add(x);
    }
  }

  long events() {
    return events;
  }

  String digest() {
    return Long.toHexString(a) + Long.toHexString(b) + "/" + events;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
