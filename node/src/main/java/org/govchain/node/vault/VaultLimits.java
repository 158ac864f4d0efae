package org.govchain.node.vault;

import org.govchain.subchains.privacy.ItemCommitments;

/**
 * The vault's limits, checked once at construction.
 *
 * @param itemsPerLicenseMax items deposited or asked for one licence (the chain allows 64
 *     commitments per licence)
 * @param valueBytesMax UTF-8 bytes of one item value (the commitment construction allows 4096)
 * @param licensesMax licences one vault holds; with at most {@code itemsPerLicenseMax} records each
 *     this keeps the number of GCM encryptions under one key far below 2^32, the bound for random
 *     96-bit nonces
 * @param accessRecordAgeMaxMillis how long after its block time an access record still authorizes a
 *     release: a record is the authorization of one pull, not a standing pass
 */
public record VaultLimits(
    int itemsPerLicenseMax, int valueBytesMax, long licensesMax, long accessRecordAgeMaxMillis) {
  /** Random nonces stay safe below 2^32 encryptions per key (NIST SP 800-38D, 8.3). */
  static final long ENCRYPTIONS_MAX = 1L << 32;

  public static final VaultLimits DEFAULT = new VaultLimits(64, 4096, 20_000_000L, 10L * 60 * 1000);

  public VaultLimits {
    if (itemsPerLicenseMax < 1 || itemsPerLicenseMax > 64) {
      throw new IllegalArgumentException("itemsPerLicenseMax must be 1..64");
    }
    if (valueBytesMax < 1 || valueBytesMax > ItemCommitments.MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "valueBytesMax must be 1.." + ItemCommitments.MAX_VALUE_BYTES);
    }
    if (licensesMax < 1 || licensesMax * itemsPerLicenseMax > ENCRYPTIONS_MAX / 2) {
      throw new IllegalArgumentException(
          "licensesMax × itemsPerLicenseMax must stay under 2^31 records under one key");
    }
    if (accessRecordAgeMaxMillis < 1) {
      throw new IllegalArgumentException("accessRecordAgeMaxMillis must be positive");
    }
  }
}
