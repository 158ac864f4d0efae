package org.govchain.core;

/**
 * A broken invariant: the program is wrong, not its input. Never caught to continue; the process
 * (or at least the component) must stop so that nothing inconsistent is persisted or sent.
 */
public final class InvariantViolation extends AssertionError {
  private static final long serialVersionUID = 1L;

  public InvariantViolation(String message) {
    super(message);
  }
}
