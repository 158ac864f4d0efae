package org.govchain.pbft.sim;

/** An invariant the simulation checks did not hold; the message names the seed to replay. */
public final class SimulationFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  public SimulationFailure(String message) {
    super(message);
  }

  public SimulationFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
