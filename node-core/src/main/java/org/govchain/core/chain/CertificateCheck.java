package org.govchain.core.chain;

/** The outcome of checking a commit certificate: accepted, or the first problem found. */
public record CertificateCheck(Problem problem, String detail) {
  /** Why a certificate is refused. */
  public enum Problem {
    WRONG_CHAIN,
    WRONG_HEIGHT,
    WRONG_BLOCK,
    UNKNOWN_VALIDATOR,
    UNSORTED_OR_DUPLICATE_VOTE,
    BAD_SIGNATURE,
    TOO_FEW_VOTES
  }

  public static final CertificateCheck ACCEPTED = new CertificateCheck(null, "accepted");

  static CertificateCheck refused(Problem problem, String detail) {
    return new CertificateCheck(problem, detail);
  }

  public boolean accepted() {
    return problem == null;
  }
}
