package org.govchain.node.runtime;

/** The node cannot start: the message names what is wrong (a file, a field, a port, a store). */
public final class NodeStartException extends Exception {
  private static final long serialVersionUID = 1L;

  public NodeStartException(String message) {
    super(message);
  }

  public NodeStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
