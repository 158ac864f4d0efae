package org.govchain.subchains.pull;

/** A share of a service item's materials, as a fraction (e.g. 4 of 9 need no paper). */
public record Share(int numerator, int denominator) {
  public Share {
    if (denominator <= 0 || numerator < 0 || numerator > denominator) {
      throw new IllegalArgumentException("a share is 0..d of d > 0");
    }
  }

  public double ratio() {
    return (double) numerator / denominator;
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
