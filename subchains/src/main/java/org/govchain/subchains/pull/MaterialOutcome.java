package org.govchain.subchains.pull;

import java.util.List;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.proto.LicenseRecord;

/** What the pull found for one required material. */
public sealed interface MaterialOutcome
    permits MaterialOutcome.Found, MaterialOutcome.Missing, MaterialOutcome.Refused {
  String materialCode();

  /**
   * On the chain, valid and released: the licence (with its issuer signature, verified), the items
   * this requester receives, those withheld by the catalog or the grant, the grant it is read
   * under, and the department node whose vault holds the values.
   */
  record Found(
      String materialCode,
      LicenseRecord license,
      List<String> releasedItems,
      List<String> withheldItems,
      Hash grantId,
      VaultLocation vault)
      implements MaterialOutcome {
    public Found {
      releasedItems = List.copyOf(releasedItems);
      withheldItems = List.copyOf(withheldItems);
    }

    public String licenseId() {
      return license.getContent().getLicenseId();
    }
  }

  /** Not on the chain: the applicant uploads a scan. */
  record Missing(String materialCode, MissingReason reason) implements MaterialOutcome {}

  /** On the chain (or possibly so) but not releasable to this requester now, and why. */
  record Refused(String materialCode, PullRefusal reason, String message)
      implements MaterialOutcome {}

  enum MissingReason {
    /** The service item takes this material as an uploaded scan only. */
    SCAN_ONLY,
    /** The holder has no licence of the type on the chain. */
    NOT_ON_CHAIN
  }

  /** The department node that holds a licence's item values, and its name on the network. */
  record VaultLocation(String departmentCode, String nodeId) {}
}
