package org.govchain.subchains;

/**
 * Thrown inside ledger code to refuse a transaction; turned into {@link Verdict.Refused} at the
 * ledger's boundary. Carries no stack trace: a refusal is an expected outcome, not a fault.
 */
public final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;
  private final RefusalCode code;

  public Refusal(RefusalCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public RefusalCode code() {
    return code;
  }

  public Verdict.Refused verdict() {
    return new Verdict.Refused(code, getMessage());
  }
}
