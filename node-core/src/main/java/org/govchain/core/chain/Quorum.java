package org.govchain.core.chain;

/**
 * Quorum sizes for n validators of which at most f = floor((n-1)/3) are Byzantine.
 *
 * <p>A commit quorum is the smallest q with 2q - n >= f + 1: any two quorums then share at least
 * one honest validator, so two conflicting decisions cannot both gather a quorum. That q is ceil((n
 * + f + 1) / 2), which is 2f+1 when n = 3f+1 and stays safe for other n (for n = 5, f = 1, it is 4,
 * not 2f+1 = 3). A weak quorum, f+1, contains at least one honest validator.
 */
public record Quorum(int validators) {
  public Quorum {
    if (validators < 1) {
      throw new IllegalArgumentException("a chain has at least one validator, got " + validators);
    }
  }

  /** f: how many Byzantine validators the set tolerates. */
  public int faulty() {
    return (validators - 1) / 3;
  }

  /** ceil((n + f + 1) / 2): votes from distinct validators needed to commit or certify. */
  public int commit() {
    return (validators + faulty() + 2) / 2;
  }

  /** f + 1: enough distinct validators that at least one is honest. */
  public int weak() {
    return faulty() + 1;
  }
}
