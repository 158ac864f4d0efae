package org.govchain.core.chain;

import java.util.BitSet;

/**
 * The set of distinct validators that voted for one value: a validator counted twice is still one
 * vote. Indices are checked against the validator count.
 */
public final class DistinctVoters {
  private final int validators;
  private final BitSet voted;
  private int count;

  public DistinctVoters(int validators) {
    if (validators < 1) {
      throw new IllegalArgumentException("validators must be positive, got " + validators);
    }
    this.validators = validators;
    this.voted = new BitSet(validators);
  }

  /** Records a vote; returns false (and changes nothing) if this validator had already voted. */
  public boolean add(int validatorIndex) {
    if (validatorIndex < 0 || validatorIndex >= validators) {
      throw new IllegalArgumentException(
          "validator index " + validatorIndex + " outside [0, " + validators + ")");
    }
    if (voted.get(validatorIndex)) {
      return false;
    }
    voted.set(validatorIndex);
    count++;
    return true;
  }

  public boolean contains(int validatorIndex) {
    return validatorIndex >= 0 && validatorIndex < validators && voted.get(validatorIndex);
  }

  public int count() {
    return count;
  }

  public boolean reached(int threshold) {
    return count >= threshold;
  }
}
