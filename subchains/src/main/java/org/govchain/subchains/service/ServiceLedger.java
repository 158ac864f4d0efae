package org.govchain.subchains.service;

import static org.govchain.subchains.Fields.require;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.govchain.core.InvariantViolation;
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
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.consent.ConsentState;
import org.govchain.subchains.identity.IdentityState;
import org.govchain.subchains.identity.Principal;
import org.govchain.subchains.identity.Principals;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.proto.AccessRecord;
import org.govchain.subchains.proto.AccessRelease;
import org.govchain.subchains.proto.ApplicantKind;
import org.govchain.subchains.proto.AttachedMaterial;
import org.govchain.subchains.proto.Case;
import org.govchain.subchains.proto.CaseRecord;
import org.govchain.subchains.proto.CaseStatus;
import org.govchain.subchains.proto.CaseTransition;
import org.govchain.subchains.proto.DefineServiceItem;
import org.govchain.subchains.proto.FileCase;
import org.govchain.subchains.proto.HolderKind;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseType;
import org.govchain.subchains.proto.Material;
import org.govchain.subchains.proto.MaterialSource;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.UpdateCase;

/** The service-item chain (事项链): service items and the cases filed against them. */
public final class ServiceLedger {
  public static final String DEFINE_ITEM = "service.define_item";
  public static final String FILE_CASE = "service.file_case";
  public static final String UPDATE_CASE = "service.update_case";

  public static final int MAX_MATERIALS = 64;
  public static final int MAX_STAGES = 16;
  public static final int MAX_NOTE_CHARS = 256;

  private static final Map<CaseStatus, Set<CaseStatus>> TRANSITIONS =
      Map.of(
          CaseStatus.CASE_SUBMITTED,
          EnumSet.of(CaseStatus.CASE_ACCEPTED, CaseStatus.CASE_REJECTED),
          CaseStatus.CASE_ACCEPTED,
          EnumSet.of(CaseStatus.CASE_APPROVED, CaseStatus.CASE_REJECTED),
          CaseStatus.CASE_APPROVED,
          EnumSet.of(CaseStatus.CASE_COMPLETED));

  private ServiceLedger() {}

  public static TypedLedger create(Network network, CryptoSuite suite) {
    return new TypedLedger(
        ChainKind.SERVICE,
        network,
        suite,
        List.of(
            new Operation<>(
                DEFINE_ITEM,
                DefineServiceItem.parser(),
                Set.of(ChainKind.IDENTITY, ChainKind.CATALOG),
                ServiceLedger::checkDefineItem,
                ServiceLedger::defineItem),
            new Operation<>(
                FILE_CASE,
                FileCase.parser(),
                Set.of(ChainKind.IDENTITY, ChainKind.LICENSE, ChainKind.CONSENT),
                ServiceLedger::checkFileCase,
                ServiceLedger::fileCase),
            new Operation<>(
                UPDATE_CASE,
                UpdateCase.parser(),
                Set.of(ChainKind.IDENTITY),
                ServiceLedger::checkUpdateCase,
                ServiceLedger::updateCase)));
  }

  /** The case statuses reachable from {@code from} (none from a final status). */
  public static Set<CaseStatus> nextStatuses(CaseStatus from) {
    return TRANSITIONS.getOrDefault(from, Set.of());
  }

  // service.define_item

  static void checkDefineItem(DefineServiceItem payload, DecodedTransaction transaction)
      throws Refusal {
    require(payload.hasItem(), "item is missing");
    ServiceItem item = payload.getItem();
    require(ServiceItemCodes.isValid(item.getCode()), "code is not a service item code");
    Fields.known(item.getType(), "type");
    require(
        ServiceItemCodes.typeLettersOf(item.getCode())
            .equals(ServiceItemCodes.letters(item.getType())),
        "the code's type letters do not match the item type");
    require(
        ServiceItemCodes.departmentOf(item.getCode()).equals(item.getDepartmentCode()),
        "the code does not start with the department in charge");
    Fields.text(item.getName(), "name", Fields.MAX_NAME_CHARS);
    Fields.text(item.getNameZh(), "name_zh", Fields.MAX_NAME_CHARS);
    Fields.text(item.getImplementingBody(), "implementing_body", Fields.MAX_NAME_CHARS);
    Fields.known(item.getLevel(), "level");
    Fields.text(item.getLegalBasis(), "legal_basis", Fields.MAX_TEXT_CHARS);
    Fields.known(item.getApplicantKind(), "applicant_kind");
    Fields.known(item.getMinAssurance(), "min_assurance");
    require(
        item.getMaterialsCount() > 0 && item.getMaterialsCount() <= MAX_MATERIALS,
        "an item has 1.." + MAX_MATERIALS + " materials");
    Set<String> codes = new HashSet<>();
    int fromLicenses = 0;
    for (Material material : item.getMaterialsList()) {
      checkMaterial(material, item.getApplicantKind());
      require(codes.add(material.getCode()), "material " + material.getCode() + " appears twice");
      fromLicenses += material.getSource() == MaterialSource.FROM_LICENSE ? 1 : 0;
    }
    // A pull releases each licence material in one access record, which has a bounded size.
    require(
        fromLicenses <= ConsentLedger.MAX_RELEASES,
        "an item has at most " + ConsentLedger.MAX_RELEASES + " licence materials");
    require(item.getStagesCount() <= MAX_STAGES, "an item has at most " + MAX_STAGES + " stages");
    for (String stage : item.getStagesList()) {
      Fields.text(stage, "stage", Fields.MAX_NAME_CHARS);
    }
    require(item.getVersion() >= 1, "version is missing");
    require(item.getUpdatedHeight() == 0, "updated_height is set by the chain, not the payload");
  }

  private static void checkMaterial(Material material, ApplicantKind applicantKind) throws Refusal {
    Fields.matches(material.getCode(), Fields.ITEM_CODE, "material code");
    Fields.text(material.getName(), "material name", Fields.MAX_NAME_CHARS);
    Fields.text(material.getNameZh(), "material name_zh", Fields.MAX_NAME_CHARS);
    Fields.known(material.getSource(), "material source");
    if (material.getSource() == MaterialSource.FROM_LICENSE) {
      Fields.licenseTypeCode(material.getLicenseTypeCode(), "material license_type_code");
      require(material.getItemCodesCount() > 0, "a licence material names its items");
      Fields.sortedDistinct(material.getItemCodesList(), "material item_codes");
      for (String code : material.getItemCodesList()) {
        Fields.matches(code, Fields.ITEM_CODE, "material item code");
      }
      Fields.known(material.getHolderRole(), "material holder_role");
      require(
          material.getHolderRole() == HolderRole.ROLE_APPLICANT
              || applicantKind == ApplicantKind.APPLICANT_ORGANIZATION,
          "only organization items have organization materials");
    } else {
      require(
          material.getLicenseTypeCode().isEmpty()
              && material.getItemCodesCount() == 0
              && material.getHolderRoleValue() == 0,
          "a scanned material names no licence type, items or holder");
    }
  }

  static void defineItem(DefineServiceItem payload, Execution execution) throws Refusal {
    ServiceItem item = payload.getItem();
    StateReader identity = execution.read(ChainKind.IDENTITY);
    Principal submitter = Principals.resolveActive(identity, execution.transaction().submitter());
    if (!submitter.isDataBureau() && !submitter.isDepartment(item.getDepartmentCode())) {
      throw new Refusal(
          RefusalCode.NOT_PERMITTED,
          "service item " + item.getCode() + " is defined by its department or the data bureau");
    }
    if (IdentityState.department(identity, item.getDepartmentCode()).isEmpty()) {
      throw new Refusal(
          RefusalCode.UNKNOWN_DEPARTMENT,
          "department " + item.getDepartmentCode() + " is not registered");
    }
    StateWriter state = execution.state();
    int expected =
        ServiceState.item(state, item.getCode()).map(ServiceItem::getVersion).orElse(0) + 1;
    if (item.getVersion() != expected) {
      throw new Refusal(
          RefusalCode.VERSION_CONFLICT,
          item.getCode() + " must be defined with version " + expected);
    }
    StateReader catalog = execution.read(ChainKind.CATALOG);
    for (Material material : item.getMaterialsList()) {
      if (material.getSource() == MaterialSource.FROM_LICENSE) {
        requireMaterialInCatalog(catalog, material);
      }
    }
    ServiceState.putItem(state, item.toBuilder().setUpdatedHeight(execution.height()).build());
  }

  private static void requireMaterialInCatalog(StateReader catalog, Material material)
      throws Refusal {
    LicenseType type =
        CatalogState.licenseType(catalog, material.getLicenseTypeCode())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.UNKNOWN_LICENSE_TYPE,
                        "licence type "
                            + material.getLicenseTypeCode()
                            + " is not in the catalog"));
    Set<String> defined = new HashSet<>();
    type.getItemsList().forEach(item -> defined.add(item.getCode()));
    for (String code : material.getItemCodesList()) {
      if (!defined.contains(code)) {
        throw new Refusal(
            RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
            "material " + material.getCode() + ": " + code + " is not an item of its type");
      }
    }
    HolderKind expected =
        material.getHolderRole() == HolderRole.ROLE_APPLICANT
            ? HolderKind.HOLDER_CITIZEN
            : HolderKind.HOLDER_ORGANIZATION;
    if (type.getHolderKind() != expected) {
      throw new Refusal(
          RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
          "material "
              + material.getCode()
              + ": its licence type is held by "
              + type.getHolderKind());
    }
  }

  // service.file_case

  static void checkFileCase(FileCase payload, DecodedTransaction transaction) throws Refusal {
    require(payload.hasCase(), "case is missing");
    Case filed = payload.getCase();
    require(
        ServiceItemCodes.isValid(filed.getServiceItemCode()),
        "service_item_code is not a service item code");
    require(filed.getServiceItemVersion() >= 1, "service_item_version is missing");
    Fields.hash(filed.getApplicant(), "applicant");
    if (!filed.getOrganization().isEmpty()) {
      Fields.hash(filed.getOrganization(), "organization");
    }
    require(filed.getMaterialsCount() <= MAX_MATERIALS, "too many materials");
    List<String> codes = new ArrayList<>();
    for (AttachedMaterial material : filed.getMaterialsList()) {
      Fields.matches(material.getMaterialCode(), Fields.ITEM_CODE, "material_code");
      switch (material.getEvidenceCase()) {
        case LICENSE -> {
          Fields.licenseId(material.getLicense().getLicenseId(), "license_id");
          Fields.hash(material.getLicense().getAccessId(), "access_id");
        }
        case SCAN_HASH -> Fields.hash(material.getScanHash(), "scan_hash");
        case EVIDENCE_NOT_SET -> throw Fields.malformed("material has no evidence");
      }
      codes.add(material.getMaterialCode());
    }
    Fields.sortedDistinct(codes, "material codes");
  }

  static void fileCase(FileCase payload, Execution execution) throws Refusal {
    Case filed = payload.getCase();
    Principal submitter =
        Principals.resolveActive(
            execution.read(ChainKind.IDENTITY), execution.transaction().submitter());
    StateWriter state = execution.state();
    ServiceItem item =
        ServiceState.item(state, filed.getServiceItemCode())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.UNKNOWN_SERVICE_ITEM,
                        "service item " + filed.getServiceItemCode() + " does not exist"));
    if (item.getVersion() != filed.getServiceItemVersion()) {
      throw new Refusal(
          RefusalCode.VERSION_CONFLICT,
          "service item is at version "
              + item.getVersion()
              + ", the case follows "
              + filed.getServiceItemVersion());
    }
    boolean forOrganization = item.getApplicantKind() == ApplicantKind.APPLICANT_ORGANIZATION;
    if (forOrganization == filed.getOrganization().isEmpty()) {
      throw new Refusal(
          RefusalCode.MATERIAL_MISMATCH,
          forOrganization
              ? "the case must name the organization"
              : "the case names no organization");
    }
    checkAttachedMaterials(execution, item, filed);
    Hash caseId = execution.transactionId();
    ServiceState.putNewCase(
        state,
        caseId,
        CaseRecord.newBuilder()
            .setCase(filed)
            .setStatus(CaseStatus.CASE_SUBMITTED)
            .setFiledBy(submitter.describe())
            .setFiledHeight(execution.height())
            .addHistory(
                CaseTransition.newBuilder()
                    .setTo(CaseStatus.CASE_SUBMITTED)
                    .setHeight(execution.height()))
            .build());
  }

  private static void checkAttachedMaterials(Execution execution, ServiceItem item, Case filed)
      throws Refusal {
    Map<String, Material> materials = new HashMap<>();
    item.getMaterialsList().forEach(material -> materials.put(material.getCode(), material));
    Set<String> attached = new HashSet<>();
    for (AttachedMaterial evidence : filed.getMaterialsList()) {
      Material material = materials.get(evidence.getMaterialCode());
      if (material == null) {
        throw new Refusal(
            RefusalCode.MATERIAL_MISMATCH,
            evidence.getMaterialCode() + " is not a material of " + item.getCode());
      }
      if (evidence.hasLicense()) {
        checkPulledLicense(execution, material, evidence, filed);
      }
      attached.add(material.getCode());
    }
    for (Material material : item.getMaterialsList()) {
      if (material.getMandatory() && !attached.contains(material.getCode())) {
        throw new Refusal(
            RefusalCode.MATERIAL_MISSING,
            "mandatory material " + material.getCode() + " is missing");
      }
    }
  }

  private static void checkPulledLicense(
      Execution execution, Material material, AttachedMaterial evidence, Case filed)
      throws Refusal {
    if (material.getSource() != MaterialSource.FROM_LICENSE) {
      throw new Refusal(
          RefusalCode.MATERIAL_MISMATCH, material.getCode() + " is provided as a scan only");
    }
    String licenseId = evidence.getLicense().getLicenseId();
    LicenseRecord license =
        LicenseState.license(execution.read(ChainKind.LICENSE), licenseId)
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.LICENSE_NOT_FOUND, "licence " + licenseId + " does not exist"));
    boolean applicantHolds = material.getHolderRole() == HolderRole.ROLE_APPLICANT;
    if (!license.getContent().getTypeCode().equals(material.getLicenseTypeCode())
        || !license
            .getContent()
            .getHolder()
            .equals(applicantHolds ? filed.getApplicant() : filed.getOrganization())) {
      throw new Refusal(
          RefusalCode.MATERIAL_MISMATCH,
          "licence " + licenseId + " is not the " + material.getCode() + " of this applicant");
    }
    Hash accessId = Hash.of(evidence.getLicense().getAccessId().toByteArray());
    Optional<AccessRecord> access =
        ConsentState.access(execution.read(ChainKind.CONSENT), accessId);
    boolean released =
        access.isPresent()
            && access.get().getReleasesList().stream()
                .map(AccessRelease::getLicenseId)
                .anyMatch(licenseId::equals);
    if (!released) {
      throw new Refusal(
          RefusalCode.ACCESS_NOT_FOUND,
          "no access record " + accessId.shortHex() + " releasing licence " + licenseId);
    }
  }

  // service.update_case

  static void checkUpdateCase(UpdateCase payload, DecodedTransaction transaction) throws Refusal {
    Fields.hash(payload.getCaseId(), "case_id");
    Fields.known(payload.getNewStatus(), "new_status");
    Fields.optionalText(payload.getNote(), "note", MAX_NOTE_CHARS);
  }

  static void updateCase(UpdateCase payload, Execution execution) throws Refusal {
    StateWriter state = execution.state();
    Hash caseId = Fields.hash(payload.getCaseId(), "case_id");
    CaseRecord record =
        ServiceState.caseRecord(state, caseId)
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.CASE_NOT_FOUND,
                        "case " + caseId.shortHex() + " does not exist"));
    ServiceItem item =
        ServiceState.item(state, record.getCase().getServiceItemCode())
            .orElseThrow(() -> new InvariantViolation("case against a missing item"));
    Principal submitter =
        Principals.resolveActive(
            execution.read(ChainKind.IDENTITY), execution.transaction().submitter());
    if (!submitter.departmentCode().equals(item.getDepartmentCode())) {
      throw new Refusal(
          RefusalCode.NOT_PERMITTED,
          "only the department in charge " + item.getDepartmentCode() + " moves this case");
    }
    if (!nextStatuses(record.getStatus()).contains(payload.getNewStatus())) {
      throw new Refusal(
          RefusalCode.CASE_TRANSITION_NOT_ALLOWED,
          "a case goes from "
              + record.getStatus()
              + " to "
              + nextStatuses(record.getStatus())
              + ", not "
              + payload.getNewStatus());
    }
    ServiceState.putCase(
        state,
        caseId,
        record.toBuilder()
            .setStatus(payload.getNewStatus())
            .addHistory(
                CaseTransition.newBuilder()
                    .setFrom(record.getStatus())
                    .setTo(payload.getNewStatus())
                    .setHeight(execution.height())
                    .setNote(payload.getNote()))
            .build());
  }
}
