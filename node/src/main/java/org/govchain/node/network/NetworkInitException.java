package org.govchain.node.network;

/** The network cannot be created as asked; the message says why. */
public final class NetworkInitException extends Exception {
  private static final long serialVersionUID = 1L;

  public NetworkInitException(String message) {
    super(message);
  }
}
