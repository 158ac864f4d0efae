package org.govchain.subchains;

/** The outcome of checking or executing a transaction: accepted, or refused with a reason. */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Refused {
  Accepted ACCEPTED = new Accepted();

  static Refused refused(RefusalCode code, String message) {
    return new Refused(code, message);
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /** Accepted: for a check, the transaction may be ordered; for an execution, it was applied. */
  record Accepted() implements Verdict {}

  /** Refused, changing nothing. {@code message} says precisely what was wrong, in one line. */
  record Refused(RefusalCode code, String message) implements Verdict {}
}
