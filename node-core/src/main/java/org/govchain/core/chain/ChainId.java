package org.govchain.core.chain;

import org.govchain.core.MalformedInputException;

/**
 * A sub-chain's identifier, e.g. {@code haidian-license}: lower-case letters, digits and hyphens,
 * starting with a letter, at most 64 characters. Unique across networks by convention (a network
 * prefix), since it is part of every signed transaction.
 */
public record ChainId(String value) implements Comparable<ChainId> {
  public ChainId {
    Names.require("chain id", value);
  }

  /** Parses an id from outside input. */
  public static ChainId parse(String text) throws MalformedInputException {
    Names.check("chain id", text);
    return new ChainId(text);
  }

  @Override
  public int compareTo(ChainId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
