package org.govchain.node.api;

import org.govchain.api.v1.LicenseAnswer;
import org.govchain.api.v1.LicenseVerification.Verdict;
import org.govchain.subchains.license.LicenseStatuses;

/**
 * The verdict on a licence at a time, from its proven record (or its proven absence): the same
 * function on the node that answers and on the client that checks the answer.
 */
public final class LicenseVerdicts {
  private LicenseVerdicts() {}

  public static Verdict verdict(LicenseAnswer answer, long atMillis) {
    if (!answer.hasLicense()) {
      return Verdict.UNKNOWN;
    }
    return switch (LicenseStatuses.effective(answer.getLicense(), atMillis)) {
      case LICENSE_VALID -> Verdict.VALID;
      case LICENSE_SUSPENDED -> Verdict.SUSPENDED;
      case LICENSE_WITHDRAWN -> Verdict.WITHDRAWN;
      case LICENSE_CANCELLED -> Verdict.CANCELLED;
      case LICENSE_REVOKED -> Verdict.REVOKED;
      case LICENSE_EXPIRED -> Verdict.EXPIRED;
      default -> Verdict.OTHER;
    };
  }
}
