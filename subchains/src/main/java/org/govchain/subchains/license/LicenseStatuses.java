package org.govchain.subchains.license;

import org.govchain.subchains.proto.LicenseContent;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseStatus;

/**
 * A licence's status at a time. The chain stores what departments decided (valid, suspended,
 * withdrawn, cancelled, revoked); expiry follows from the validity period and the time of reading:
 * a stored VALID licence past its end of validity is EXPIRED, one before its start is OTHER ("not
 * yet in force").
 */
public final class LicenseStatuses {
  private LicenseStatuses() {}

  public static LicenseStatus effective(LicenseRecord record, long nowMillis) {
    if (record.getStatus() != LicenseStatus.LICENSE_VALID) {
      return record.getStatus();
    }
    LicenseContent content = record.getContent();
    if (content.getValidUntilMillis() != 0 && nowMillis >= content.getValidUntilMillis()) {
      return LicenseStatus.LICENSE_EXPIRED;
    }
    if (nowMillis < content.getValidFromMillis()) {
      return LicenseStatus.LICENSE_OTHER;
    }
    return LicenseStatus.LICENSE_VALID;
  }

  /** The two-digit status code of national e-licence practice ("01" valid ... "99" other). */
  public static String code(LicenseStatus status) {
    return String.format("%02d", status.getNumber());
  }
}
