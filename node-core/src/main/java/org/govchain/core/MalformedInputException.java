package org.govchain.core;

/**
 * Input from outside the process (a peer, a client, a file, the command line) that cannot be
 * accepted. The message names what was wrong in one line; nothing was changed by the attempt.
 */
public class MalformedInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedInputException(String message) {
    super(message);
  }

  public MalformedInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
