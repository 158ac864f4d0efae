package org.govchain.core.chain;

import org.govchain.core.MalformedInputException;

/**
 * A department node's stable name, e.g. {@code market-regulation}: lower-case letters, digits and
 * hyphens, starting with a letter, at most 64 characters.
 */
public record NodeId(String value) implements Comparable<NodeId> {
  public NodeId {
    Names.require("node id", value);
  }

  public static NodeId parse(String text) throws MalformedInputException {
    Names.check("node id", text);
    return new NodeId(text);
  }

  @Override
  public int compareTo(NodeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
