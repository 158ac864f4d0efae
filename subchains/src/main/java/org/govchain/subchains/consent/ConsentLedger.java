package org.govchain.subchains.consent;

import static org.govchain.subchains.Fields.require;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Execution;
import org.govchain.subchains.Fields;
import org.govchain.subchains.Network;
import org.govchain.subchains.Operation;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.TypedLedger;
import org.govchain.subchains.catalog.CatalogState;
import org.govchain.subchains.identity.IdentityState;
import org.govchain.subchains.identity.Principal;
import org.govchain.subchains.identity.Principals;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.license.LicenseStatuses;
import org.govchain.subchains.proto.AccessRecord;
import org.govchain.subchains.proto.AccessRelease;
import org.govchain.subchains.proto.Grant;
import org.govchain.subchains.proto.GrantConsent;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.GrantRecord;
import org.govchain.subchains.proto.GrantScope;
import org.govchain.subchains.proto.GrantStatus;
import org.govchain.subchains.proto.HolderKind;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseStatus;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.RecordAccess;
import org.govchain.subchains.proto.RevokeGrant;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.Verification;
import org.govchain.subchains.proto.VerificationResult;
import org.govchain.subchains.service.ServiceItemCodes;
import org.govchain.subchains.service.ServiceState;
import org.govchain.subchains.state.Stored;

/** The consent chain (授权链): grants, their revocation, and access records. */
public final class ConsentLedger {
  public static final String GRANT = "consent.grant";
  public static final String REVOKE = "consent.revoke";
  public static final String RECORD_ACCESS = "consent.record_access";

  /** A grant or revocation is recorded at most this long after the person's verification. */
  public static final long MAX_VERIFICATION_AGE_MILLIS = 30L * 60 * 1000;

  /** The longest validity a grant may have: five years. */
  public static final long MAX_GRANT_VALIDITY_MILLIS = 5L * 366 * 24 * 60 * 60 * 1000;

  public static final int MAX_SCOPES = 32;
  public static final int MAX_RELEASES = 32;
  public static final int MAX_PURPOSE_CHARS = 256;

  private ConsentLedger() {}

  public static TypedLedger create(Network network, CryptoSuite suite) {
    return new TypedLedger(
        ChainKind.CONSENT,
        network,
        suite,
        List.of(
            new Operation<>(
                GRANT,
                GrantConsent.parser(),
                Set.of(ChainKind.IDENTITY, ChainKind.CATALOG, ChainKind.SERVICE),
                ConsentLedger::checkGrant,
                ConsentLedger::grant),
            new Operation<>(
                REVOKE,
                RevokeGrant.parser(),
                Set.of(ChainKind.IDENTITY),
                ConsentLedger::checkRevoke,
                ConsentLedger::revoke),
            new Operation<>(
                RECORD_ACCESS,
                RecordAccess.parser(),
                Set.of(ChainKind.IDENTITY, ChainKind.CATALOG, ChainKind.SERVICE, ChainKind.LICENSE),
                ConsentLedger::checkRecordAccess,
                ConsentLedger::recordAccess)));
  }

  // consent.grant

  static void checkGrant(GrantConsent payload, DecodedTransaction transaction) throws Refusal {
    require(payload.hasGrant(), "grant is missing");
    Grant grant = payload.getGrant();
    Fields.hash(grant.getSubject(), "subject");
    boolean toDepartment = !grant.getGranteeDepartmentCode().isEmpty();
    boolean toItem = !grant.getGranteeServiceItemCode().isEmpty();
    require(toDepartment != toItem, "a grant names exactly one grantee");
    if (toDepartment) {
      Fields.creditCode(grant.getGranteeDepartmentCode(), "grantee_department_code");
    } else {
      require(
          ServiceItemCodes.isValid(grant.getGranteeServiceItemCode()),
          "grantee_service_item_code is not a service item code");
    }
    require(
        grant.getScopesCount() > 0 && grant.getScopesCount() <= MAX_SCOPES,
        "a grant has 1.." + MAX_SCOPES + " scopes");
    List<String> types = new ArrayList<>();
    for (GrantScope scope : grant.getScopesList()) {
      Fields.licenseTypeCode(scope.getLicenseTypeCode(), "scope license_type_code");
      require(scope.getItemCodesCount() > 0, "a scope names at least one item");
      Fields.sortedDistinct(scope.getItemCodesList(), "scope item_codes");
      for (String item : scope.getItemCodesList()) {
        Fields.matches(item, Fields.ITEM_CODE, "scope item code");
      }
      types.add(scope.getLicenseTypeCode());
    }
    Fields.sortedDistinct(types, "scope licence types");
    Fields.text(grant.getPurpose(), "purpose", MAX_PURPOSE_CHARS);
    Fields.nonNegative(grant.getValidFromMillis(), "valid_from_millis");
    require(
        grant.getValidUntilMillis() > grant.getValidFromMillis()
            && grant.getValidUntilMillis() - grant.getValidFromMillis()
                <= MAX_GRANT_VALIDITY_MILLIS,
        "a grant is valid for a positive time of at most five years");
    Fields.known(grant.getMode(), "mode");
    Fields.hash(grant.getVerificationId(), "verification_id");
  }

  static void grant(GrantConsent payload, Execution execution) throws Refusal {
    Grant grant = payload.getGrant();
    Principal terminal = activeTerminal(execution);
    Verification verification =
        freshVerification(execution, terminal, Fields.hash(grant.getVerificationId(), "id"));
    boolean ownData = verification.getSubject().equals(grant.getSubject());
    StateReader catalog = execution.read(ChainKind.CATALOG);
    boolean organizationData = true;
    for (GrantScope scope : grant.getScopesList()) {
      LicenseType type = requireScopeInCatalog(catalog, scope);
      organizationData &= type.getHolderKind() == HolderKind.HOLDER_ORGANIZATION;
    }
    if (!ownData && !organizationData) {
      throw new Refusal(
          RefusalCode.VERIFICATION_MISMATCH,
          "a person grants access to their own data, or to an organization's they represent");
    }
    requireGrantee(execution, grant);
    if (grant.getValidUntilMillis() <= execution.blockTimeMillis()) {
      throw new Refusal(RefusalCode.TIME_OUT_OF_RANGE, "the grant's validity has already ended");
    }
    Hash id = execution.transactionId();
    ConsentState.putNewGrant(
        execution.state(),
        id,
        GrantRecord.newBuilder()
            .setGrant(grant)
            .setStatus(GrantStatus.GRANT_ACTIVE)
            .setRecordedBy(terminal.terminal().orElseThrow().getTerminalId())
            .setGrantedHeight(execution.height())
            .setStatusHeight(execution.height())
            .build());
  }

  private static LicenseType requireScopeInCatalog(StateReader catalog, GrantScope scope)
      throws Refusal {
    LicenseType type =
        CatalogState.licenseType(catalog, scope.getLicenseTypeCode())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.UNKNOWN_LICENSE_TYPE,
                        "licence type " + scope.getLicenseTypeCode() + " is not in the catalog"));
    Set<String> defined = new HashSet<>();
    type.getItemsList().forEach(item -> defined.add(item.getCode()));
    for (String item : scope.getItemCodesList()) {
      if (!defined.contains(item)) {
        throw new Refusal(
            RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
            "item " + item + " is not an item of licence type " + type.getCode());
      }
    }
    return type;
  }

  private static void requireGrantee(Execution execution, Grant grant) throws Refusal {
    if (!grant.getGranteeDepartmentCode().isEmpty()) {
      if (IdentityState.department(
              execution.read(ChainKind.IDENTITY), grant.getGranteeDepartmentCode())
          .isEmpty()) {
        throw new Refusal(
            RefusalCode.UNKNOWN_DEPARTMENT,
            "grantee " + grant.getGranteeDepartmentCode() + " is not registered");
      }
    } else if (ServiceState.item(
            execution.read(ChainKind.SERVICE), grant.getGranteeServiceItemCode())
        .isEmpty()) {
      throw new Refusal(
          RefusalCode.UNKNOWN_SERVICE_ITEM,
          "service item " + grant.getGranteeServiceItemCode() + " does not exist");
    }
  }

  // consent.revoke

  static void checkRevoke(RevokeGrant payload, DecodedTransaction transaction) throws Refusal {
    Fields.hash(payload.getGrantId(), "grant_id");
    Fields.hash(payload.getVerificationId(), "verification_id");
  }

  static void revoke(RevokeGrant payload, Execution execution) throws Refusal {
    Principal terminal = activeTerminal(execution);
    Hash grantId = Fields.hash(payload.getGrantId(), "grant_id");
    GrantRecord record = existingGrant(execution.state(), grantId);
    Verification verification =
        freshVerification(execution, terminal, Fields.hash(payload.getVerificationId(), "id"));
    StateReader identity = execution.read(ChainKind.IDENTITY);
    Optional<Verification> original =
        IdentityState.verification(
            identity, Hash.of(record.getGrant().getVerificationId().toByteArray()));
    boolean grantor =
        verification.getSubject().equals(record.getGrant().getSubject())
            || original
                .map(value -> value.getSubject().equals(verification.getSubject()))
                .orElse(false);
    if (!grantor) {
      throw new Refusal(
          RefusalCode.VERIFICATION_MISMATCH, "only the data subject or the grantor revokes");
    }
    if (record.getStatus() != GrantStatus.GRANT_ACTIVE) {
      throw new Refusal(
          record.getStatus() == GrantStatus.GRANT_REVOKED
              ? RefusalCode.GRANT_REVOKED
              : RefusalCode.GRANT_USED,
          "grant is already " + record.getStatus());
    }
    ConsentState.putGrant(
        execution.state(),
        grantId,
        record.toBuilder()
            .setStatus(GrantStatus.GRANT_REVOKED)
            .setStatusHeight(execution.height())
            .build());
  }

  // consent.record_access

  static void checkRecordAccess(RecordAccess payload, DecodedTransaction transaction)
      throws Refusal {
    if (!payload.getServiceItemCode().isEmpty()) {
      require(
          ServiceItemCodes.isValid(payload.getServiceItemCode()),
          "service_item_code is not a service item code");
    }
    require(
        payload.getReleasesCount() > 0 && payload.getReleasesCount() <= MAX_RELEASES,
        "an access record has 1.." + MAX_RELEASES + " releases");
    for (AccessRelease release : payload.getReleasesList()) {
      Fields.hash(release.getGrantId(), "grant_id");
      Fields.licenseId(release.getLicenseId(), "license_id");
      require(release.getItemCodesCount() > 0, "a release names at least one item");
      Fields.sortedDistinct(release.getItemCodesList(), "release item_codes");
      for (String item : release.getItemCodesList()) {
        Fields.matches(item, Fields.ITEM_CODE, "release item code");
      }
    }
  }

  static void recordAccess(RecordAccess payload, Execution execution) throws Refusal {
    Principal requester =
        Principals.resolveActive(
            execution.read(ChainKind.IDENTITY), execution.transaction().submitter());
    Optional<ServiceItem> actingFor = Optional.empty();
    if (!payload.getServiceItemCode().isEmpty()) {
      actingFor =
          Optional.of(
              ServiceState.item(execution.read(ChainKind.SERVICE), payload.getServiceItemCode())
                  .orElseThrow(
                      () ->
                          new Refusal(
                              RefusalCode.UNKNOWN_SERVICE_ITEM,
                              "service item " + payload.getServiceItemCode() + " does not exist")));
    }
    Map<Hash, GrantRecord> grants = new LinkedHashMap<>();
    Set<Hash> subjects = new HashSet<>();
    for (AccessRelease release : payload.getReleasesList()) {
      Hash grantId = Hash.of(release.getGrantId().toByteArray());
      GrantRecord grant = grants.get(grantId);
      if (grant == null) {
        grant = existingGrant(execution.state(), grantId);
        grants.put(grantId, grant);
      }
      checkRelease(execution, requester, actingFor, grant, release);
      subjects.add(Hash.of(grant.getGrant().getSubject().toByteArray()));
    }
    writeAccess(execution, requester, payload, grants, subjects);
  }

  private static void checkRelease(
      Execution execution,
      Principal requester,
      Optional<ServiceItem> actingFor,
      GrantRecord record,
      AccessRelease release)
      throws Refusal {
    Optional<RefusalCode> unusable = GrantRules.unusable(record, execution.blockTimeMillis());
    if (unusable.isPresent()) {
      throw new Refusal(unusable.get(), "grant cannot be used: " + unusable.get());
    }
    Grant grant = record.getGrant();
    if (!GrantRules.isGrantee(grant, requester, actingFor)) {
      throw new Refusal(
          RefusalCode.GRANT_DOES_NOT_COVER,
          "the grant is not to " + requester.describe() + " for this service item");
    }
    LicenseRecord license =
        LicenseState.license(execution.read(ChainKind.LICENSE), release.getLicenseId())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.LICENSE_NOT_FOUND,
                        "licence " + release.getLicenseId() + " does not exist"));
    if (!license.getContent().getHolder().equals(grant.getSubject())) {
      throw new Refusal(RefusalCode.GRANT_DOES_NOT_COVER, "the licence is not the grant subject's");
    }
    LicenseStatus status = LicenseStatuses.effective(license, execution.blockTimeMillis());
    if (status != LicenseStatus.LICENSE_VALID) {
      throw new Refusal(
          RefusalCode.LICENSE_NOT_VALID, "licence " + release.getLicenseId() + " is " + status);
    }
    String typeCode = license.getContent().getTypeCode();
    Set<String> covered =
        new HashSet<>(
            GrantRules.scopeFor(grant, typeCode)
                .<List<String>>map(GrantScope::getItemCodesList)
                .orElse(List.of()));
    CatalogState.Sharing sharing =
        CatalogState.sharing(
            execution.read(ChainKind.CATALOG), typeCode, requester.departmentCode());
    Set<String> committed = new HashSet<>();
    license.getContent().getItemsList().forEach(item -> committed.add(item.getItemCode()));
    for (String item : release.getItemCodesList()) {
      if (!covered.contains(item) || !committed.contains(item)) {
        throw new Refusal(
            RefusalCode.GRANT_DOES_NOT_COVER, "the grant does not cover item " + item);
      }
      if (!sharing.allowedItems().contains(item)) {
        throw new Refusal(
            RefusalCode.NOT_PERMITTED,
            "the catalog does not share item " + item + " with " + requester.departmentCode());
      }
    }
  }

  private static void writeAccess(
      Execution execution,
      Principal requester,
      RecordAccess payload,
      Map<Hash, GrantRecord> grants,
      Set<Hash> subjects) {
    StateWriter state = execution.state();
    Hash accessId = execution.transactionId();
    AccessRecord.Builder access =
        AccessRecord.newBuilder()
            .setServiceItemCode(payload.getServiceItemCode())
            .addAllReleases(payload.getReleasesList())
            .setAccessedAtMillis(execution.blockTimeMillis())
            .setRecordedHeight(execution.height());
    requester
        .terminal()
        .ifPresentOrElse(
            terminal -> access.setRequesterTerminalId(terminal.getTerminalId()),
            () -> access.setRequesterDepartmentCode(requester.departmentCode()));
    Stored.write(state, ConsentState.accessKey(accessId), access.build());
    for (Map.Entry<Hash, GrantRecord> entry : grants.entrySet()) {
      GrantRecord record = entry.getValue();
      GrantRecord.Builder updated = record.toBuilder().setAccessCount(record.getAccessCount() + 1);
      if (record.getGrant().getMode() == GrantMode.ONE_TIME) {
        updated.setStatus(GrantStatus.GRANT_USED).setStatusHeight(execution.height());
      }
      ConsentState.putGrant(state, entry.getKey(), updated.build());
      state.put(ConsentState.grantAccessKey(entry.getKey(), accessId), Stored.INDEX_MARK);
    }
    for (Hash subject : subjects) {
      state.put(
          ConsentState.subjectAccessKey(subject, execution.blockTimeMillis(), accessId),
          Stored.INDEX_MARK);
    }
  }

  // Shared rules.

  private static Principal activeTerminal(Execution execution) throws Refusal {
    Principal principal =
        Principals.resolveActive(
            execution.read(ChainKind.IDENTITY), execution.transaction().submitter());
    if (!principal.isTerminal()) {
      throw new Refusal(
          RefusalCode.NOT_PERMITTED,
          "consent is given at a terminal where the person was verified");
    }
    return principal;
  }

  private static Verification freshVerification(
      Execution execution, Principal terminal, Hash verificationId) throws Refusal {
    Verification verification =
        IdentityState.verification(execution.read(ChainKind.IDENTITY), verificationId)
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.VERIFICATION_NOT_FOUND,
                        "verification " + verificationId.shortHex() + " is not recorded"));
    String terminalId = terminal.terminal().orElseThrow().getTerminalId();
    if (verification.getResult() != VerificationResult.PASSED
        || !verification.getTerminalId().equals(terminalId)) {
      throw new Refusal(
          RefusalCode.VERIFICATION_MISMATCH,
          "the verification did not pass at terminal " + terminalId);
    }
    if (execution.blockTimeMillis() - verification.getVerifiedAtMillis()
        > MAX_VERIFICATION_AGE_MILLIS) {
      throw new Refusal(
          RefusalCode.VERIFICATION_TOO_OLD,
          "the verification is older than " + MAX_VERIFICATION_AGE_MILLIS / 60_000 + " minutes");
    }
    return verification;
  }

  private static GrantRecord existingGrant(StateReader consent, Hash grantId) throws Refusal {
    return ConsentState.grant(consent, grantId)
        .orElseThrow(
            () ->
                new Refusal(
                    RefusalCode.GRANT_NOT_FOUND,
                    "grant " + grantId.shortHex() + " does not exist"));
  }
}
