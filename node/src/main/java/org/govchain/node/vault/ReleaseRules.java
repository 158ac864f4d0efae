package org.govchain.node.vault;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.Fields;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.consent.ConsentState;
import org.govchain.subchains.consent.GrantRules;
import org.govchain.subchains.identity.Principal;
import org.govchain.subchains.identity.Principals;
import org.govchain.subchains.ids.LicenseIdentifier;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.license.LicenseStatuses;
import org.govchain.subchains.proto.AccessRecord;
import org.govchain.subchains.proto.AccessRelease;
import org.govchain.subchains.proto.Grant;
import org.govchain.subchains.proto.GrantRecord;
import org.govchain.subchains.proto.GrantScope;
import org.govchain.subchains.proto.GrantStatus;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseStatus;

/**
 * Whether a release is authorized: pure checks over the identity, consent and licence chains at
 * committed heights, in an order that tells a requester without a record nothing about the licence.
 * What {@code consent.record_access} already checked at commit and is re-checked here, and what is
 * not, is listed in docs/vault.md.
 */
final class ReleaseRules {
  /** The licence and the items a release may return. */
  record Authorized(LicenseRecord license, List<String> itemCodes) {}

  private final Set<String> departments;
  private final VaultLimits limits;

  ReleaseRules(Set<String> departments, VaultLimits limits) {
    this.departments = Set.copyOf(departments);
    this.limits = limits;
  }

  Authorized authorize(ReleaseViews views, ReleaseRequest request) throws RefusedException {
    List<String> items = checkForm(request);
    Principal requester = requester(views, request);
    AccessRecord record =
        ConsentState.access(views.consent(), request.accessId())
            .orElseThrow(
                () ->
                    new RefusedException(
                        VaultRefusal.ACCESS_RECORD_NOT_FOUND,
                        "no access record "
                            + request.accessId().shortHex()
                            + " on the consent chain"));
    checkNamesRequester(record, requester);
    checkAge(record, request.nowMillis());
    List<AccessRelease> releases = releasesCovering(record, request.licenseId(), items);
    LicenseRecord license = license(views, request.licenseId(), request.nowMillis());
    for (AccessRelease release : releases) {
      checkGrant(views, release, license, record, request.nowMillis());
    }
    return new Authorized(license, items);
  }

  private List<String> checkForm(ReleaseRequest request) throws RefusedException {
    try {
      LicenseIdentifier.parse(request.licenseId());
    } catch (org.govchain.core.MalformedInputException e) {
      throw new RefusedException(VaultRefusal.MALFORMED_REQUEST, "license_id: " + e.getMessage());
    }
    List<String> items = request.itemCodes();
    if (items.isEmpty() || items.size() > limits.itemsPerLicenseMax()) {
      throw new RefusedException(
          VaultRefusal.MALFORMED_REQUEST,
          "a release asks for 1.." + limits.itemsPerLicenseMax() + " items");
    }
    for (String item : items) {
      if (!Fields.ITEM_CODE.matcher(item).matches()) {
        throw new RefusedException(
            VaultRefusal.MALFORMED_REQUEST, "'" + shown(item) + "' is not an item code");
      }
    }
    if (new HashSet<>(items).size() != items.size()) {
      throw new RefusedException(VaultRefusal.MALFORMED_REQUEST, "an item is asked twice");
    }
    return items;
  }

  private static Principal requester(ReleaseViews views, ReleaseRequest request)
      throws RefusedException {
    Principal principal;
    try {
      principal = Principals.resolve(views.identity(), request.requester());
    } catch (Refusal e) {
      throw new RefusedException(VaultRefusal.REQUESTER_NOT_REGISTERED, e.getMessage());
    }
    try {
      return principal.requireActive();
    } catch (Refusal e) {
      throw new RefusedException(VaultRefusal.REQUESTER_NOT_ACTIVE, e.getMessage());
    }
  }

  private static void checkNamesRequester(AccessRecord record, Principal requester)
      throws RefusedException {
    boolean same =
        requester
            .terminal()
            .map(terminal -> terminal.getTerminalId().equals(record.getRequesterTerminalId()))
            .orElse(
                record.getRequesterTerminalId().isEmpty()
                    && requester.departmentCode().equals(record.getRequesterDepartmentCode()));
    if (!same) {
      throw new RefusedException(
          VaultRefusal.REQUESTER_MISMATCH,
          "the access record was made by another requester than " + requester.describe());
    }
  }

  private void checkAge(AccessRecord record, long nowMillis) throws RefusedException {
    if (nowMillis - record.getAccessedAtMillis() > limits.accessRecordAgeMaxMillis()) {
      throw new RefusedException(
          VaultRefusal.ACCESS_RECORD_TOO_OLD,
          "the access record is older than "
              + limits.accessRecordAgeMaxMillis() / 1000
              + " s: record the access again");
    }
  }

  /**
   * The record's releases of this licence that hold an asked item (their grants are checked);
   * refuses unless the record releases every asked item of this licence.
   */
  private static List<AccessRelease> releasesCovering(
      AccessRecord record, String licenseId, List<String> items) throws RefusedException {
    List<AccessRelease> releases = new ArrayList<>();
    Set<String> recorded = new HashSet<>();
    boolean named = false;
    for (AccessRelease release : record.getReleasesList()) {
      if (!release.getLicenseId().equals(licenseId)) {
        continue;
      }
      named = true;
      recorded.addAll(release.getItemCodesList());
      if (release.getItemCodesList().stream().anyMatch(items::contains)) {
        releases.add(release);
      }
    }
    if (!named) {
      throw new RefusedException(
          VaultRefusal.LICENSE_NOT_IN_RECORD,
          "the access record releases nothing of licence " + licenseId);
    }
    for (String item : items) {
      if (!recorded.contains(item)) {
        throw new RefusedException(
            VaultRefusal.ITEMS_NOT_IN_RECORD,
            "the access record does not release item " + item + " of licence " + licenseId);
      }
    }
    return releases;
  }

  private LicenseRecord license(ReleaseViews views, String licenseId, long nowMillis)
      throws RefusedException {
    LicenseRecord license =
        LicenseState.license(views.license(), licenseId)
            .orElseThrow(
                () ->
                    new RefusedException(
                        VaultRefusal.LICENSE_NOT_FOUND,
                        "licence " + licenseId + " is not on the licence chain"));
    String issuer = license.getContent().getIssuerCode();
    if (!departments.contains(issuer)) {
      throw new RefusedException(
          VaultRefusal.NOT_KEPT_HERE,
          "licence " + licenseId + " is issued by " + issuer + ", whose vault is not kept here");
    }
    LicenseStatus status = LicenseStatuses.effective(license, nowMillis);
    if (status != LicenseStatus.LICENSE_VALID) {
      throw new RefusedException(
          VaultRefusal.LICENSE_NOT_VALID,
          "licence " + licenseId + " is " + status + " (" + LicenseStatuses.code(status) + ")");
    }
    return license;
  }

  private static void checkGrant(
      ReleaseViews views,
      AccessRelease release,
      LicenseRecord license,
      AccessRecord record,
      long nowMillis)
      throws RefusedException {
    Hash grantId = Hash.of(release.getGrantId().toByteArray());
    GrantRecord grantRecord =
        ConsentState.grant(views.consent(), grantId)
            .orElseThrow(
                () ->
                    new RefusedException(
                        VaultRefusal.GRANT_NOT_FOUND,
                        "grant " + grantId.shortHex() + " is not on the consent chain"));
    Grant grant = grantRecord.getGrant();
    // A one-time grant is USED by the very record that authorizes this release: USED is live.
    if (grantRecord.getStatus() == GrantStatus.GRANT_REVOKED) {
      throw new RefusedException(
          VaultRefusal.GRANT_NOT_LIVE, "grant " + grantId.shortHex() + " has been revoked");
    }
    if (!withinValidity(grant, nowMillis) || !withinValidity(grant, record.getAccessedAtMillis())) {
      throw new RefusedException(
          VaultRefusal.GRANT_NOT_LIVE,
          "grant " + grantId.shortHex() + " is outside its validity now or was when recorded");
    }
    if (!grant.getSubject().equals(license.getContent().getHolder())) {
      throw new RefusedException(
          VaultRefusal.GRANT_DOES_NOT_COVER,
          "grant " + grantId.shortHex() + " is not the licence holder's");
    }
    List<String> scope =
        GrantRules.scopeFor(grant, license.getContent().getTypeCode())
            .<List<String>>map(GrantScope::getItemCodesList)
            .orElse(List.of());
    for (String item : release.getItemCodesList()) {
      if (!scope.contains(item)) {
        throw new RefusedException(
            VaultRefusal.GRANT_DOES_NOT_COVER,
            "grant " + grantId.shortHex() + " does not cover item " + item);
      }
    }
  }

  private static boolean withinValidity(Grant grant, long millis) {
    return millis >= grant.getValidFromMillis() && millis < grant.getValidUntilMillis();
  }

  private static String shown(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
