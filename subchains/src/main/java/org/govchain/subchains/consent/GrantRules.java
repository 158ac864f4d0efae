package org.govchain.subchains.consent;

import java.util.Optional;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.identity.Principal;
import org.govchain.subchains.proto.Grant;
import org.govchain.subchains.proto.GrantRecord;
import org.govchain.subchains.proto.GrantScope;
import org.govchain.subchains.proto.GrantStatus;
import org.govchain.subchains.proto.ServiceItem;

/**
 * When a grant lets a requester read what: shared by the consent chain's execution of access
 * records and by the materials pull, so the plan and the record never disagree.
 */
public final class GrantRules {
  private GrantRules() {}

  /** Why the grant cannot be used at {@code nowMillis}, or empty if it is live. */
  public static Optional<RefusalCode> unusable(GrantRecord record, long nowMillis) {
    if (record.getStatus() == GrantStatus.GRANT_REVOKED) {
      return Optional.of(RefusalCode.GRANT_REVOKED);
    }
    if (record.getStatus() == GrantStatus.GRANT_USED) {
      return Optional.of(RefusalCode.GRANT_USED);
    }
    Grant grant = record.getGrant();
    if (nowMillis < grant.getValidFromMillis() || nowMillis >= grant.getValidUntilMillis()) {
      return Optional.of(RefusalCode.GRANT_EXPIRED);
    }
    return Optional.empty();
  }

  /**
   * Whether the grant is to this requester: a department grantee is read by that department or its
   * terminals; a service-item grantee by any active government terminal or by the item's department
   * in charge, acting for that item.
   */
  public static boolean isGrantee(
      Grant grant, Principal requester, Optional<ServiceItem> actingFor) {
    if (!grant.getGranteeDepartmentCode().isEmpty()) {
      return grant.getGranteeDepartmentCode().equals(requester.departmentCode());
    }
    if (actingFor.isEmpty()
        || !actingFor.get().getCode().equals(grant.getGranteeServiceItemCode())) {
      return false;
    }
    return requester.isTerminal()
        || requester.departmentCode().equals(actingFor.get().getDepartmentCode());
  }

  /** The grant's scope for a licence type, if it names the type. */
  public static Optional<GrantScope> scopeFor(Grant grant, String licenseTypeCode) {
    for (GrantScope scope : grant.getScopesList()) {
      if (scope.getLicenseTypeCode().equals(licenseTypeCode)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
