package org.govchain.subchains.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.ids.CreditCode;
import org.govchain.subchains.proto.AttachedMaterial;
import org.govchain.subchains.proto.Case;
import org.govchain.subchains.proto.CaseRecord;
import org.govchain.subchains.proto.CaseStatus;
import org.govchain.subchains.proto.DefineServiceItem;
import org.govchain.subchains.proto.FileCase;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.Material;
import org.govchain.subchains.proto.MaterialSource;
import org.govchain.subchains.proto.PulledLicense;
import org.govchain.subchains.proto.RecordAccess;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.proto.ServiceItemType;
import org.govchain.subchains.proto.UpdateCase;
import org.govchain.subchains.pull.MaterialsPull;
import org.govchain.subchains.pull.PullResult;
import org.govchain.subchains.testing.PesticideScenario;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

class ServiceLedgerTest {
  private final PesticideScenario scenario;
  private final TestNetwork network;
  private final ServiceItem pesticide;

  ServiceLedgerTest() throws Exception {
    scenario = new PesticideScenario().verifiedAndGranted(GrantMode.ONE_TIME);
    network = scenario.network;
    pesticide = scenario.item;
  }

  private DefineServiceItem define(ServiceItem item) {
    return DefineServiceItem.newBuilder().setItem(item).build();
  }

  private ServiceItem newItem() {
    return pesticide.toBuilder()
        .setCode(
            ServiceItemCodes.of(
                pesticide.getDepartmentCode(), ServiceItemType.ADMINISTRATIVE_LICENSING, 2))
        .setName("Pesticide business licence - renewal")
        .setNameZh("农药经营许可（延续）")
        .setUpdatedHeight(0)
        .build();
  }

  /** Pulls, records the access, and returns the case with the pulled and scanned materials. */
  private Case pulledCase() {
    PullResult.Plan plan =
        (PullResult.Plan)
            MaterialsPull.verifyingWith(network.suite).plan(network.views(), scenario.request());
    RecordAccess record = plan.accessRecord().orElseThrow();
    Hash accessId =
        network.accept(
            ChainKind.CONSENT,
            network.terminal(PesticideScenario.KIOSK),
            ConsentLedger.RECORD_ACCESS,
            record);
    Case.Builder filed =
        Case.newBuilder()
            .setServiceItemCode(pesticide.getCode())
            .setServiceItemVersion(1)
            .setApplicant(scenario.representative.holder().toByteString())
            .setOrganization(scenario.company.holder().toByteString());
    List<AttachedMaterial> materials = new ArrayList<>();
    for (var outcome : plan.outcomes()) {
      AttachedMaterial.Builder attached =
          AttachedMaterial.newBuilder().setMaterialCode(outcome.materialCode());
      if (outcome instanceof org.govchain.subchains.pull.MaterialOutcome.Found found) {
        attached.setLicense(
            PulledLicense.newBuilder()
                .setLicenseId(found.licenseId())
                .setAccessId(accessId.toByteString()));
      } else {
        attached.setScanHash(network.suite.hash(outcome.materialCode().getBytes()).toByteString());
      }
      materials.add(attached.build());
    }
    materials.sort(java.util.Comparator.comparing(AttachedMaterial::getMaterialCode));
    return filed.addAllMaterials(materials).build();
  }

  private Case withMaterial(Case filed, String code, AttachedMaterial replacement) {
    Case.Builder builder = filed.toBuilder().clearMaterials();
    for (AttachedMaterial material : filed.getMaterialsList()) {
      builder.addMaterials(material.getMaterialCode().equals(code) ? replacement : material);
    }
    return builder.build();
  }

  private Case without(Case filed, String code) {
    Case.Builder builder = filed.toBuilder().clearMaterials();
    filed.getMaterialsList().stream()
        .filter(m -> !m.getMaterialCode().equals(code))
        .forEach(builder::addMaterials);
    return builder.build();
  }

  private FileCase file(Case filed) {
    return FileCase.newBuilder().setCase(filed).build();
  }

  // Items.

  @Test
  void genesisHoldsEveryServiceItem() {
    for (ServiceItem item : network.data.serviceItems().values()) {
      assertEquals(
          item, ServiceState.item(network.state(ChainKind.SERVICE), item.getCode()).orElseThrow());
    }
  }

  @Test
  void theDepartmentInChargeDefinesAndVersionsItsItems() {
    network.accept(
        ChainKind.SERVICE,
        network.department("agriculture"),
        ServiceLedger.DEFINE_ITEM,
        define(newItem()));
    network.refuse(
        RefusalCode.VERSION_CONFLICT,
        ChainKind.SERVICE,
        network.department("agriculture"),
        ServiceLedger.DEFINE_ITEM,
        define(newItem()));
    network.accept(
        ChainKind.SERVICE,
        network.dataBureau(),
        ServiceLedger.DEFINE_ITEM,
        define(newItem().toBuilder().setVersion(2).build()));
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.SERVICE,
        network.department("health"),
        ServiceLedger.DEFINE_ITEM,
        define(newItem().toBuilder().setVersion(3).build()));
  }

  @Test
  void materialsMustBeInTheCatalog() {
    Material business = newItem().getMaterials(0);
    ServiceItem unknownType =
        newItem().toBuilder()
            .setMaterials(0, business.toBuilder().setLicenseTypeCode("11100000000832480UW099"))
            .build();
    network.refuse(
        RefusalCode.UNKNOWN_LICENSE_TYPE,
        ChainKind.SERVICE,
        network.department("agriculture"),
        ServiceLedger.DEFINE_ITEM,
        define(unknownType));
    ServiceItem unknownItem =
        newItem().toBuilder()
            .setMaterials(0, business.toBuilder().addItemCodes("zz_unknown"))
            .build();
    network.refuse(
        RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
        ChainKind.SERVICE,
        network.department("agriculture"),
        ServiceLedger.DEFINE_ITEM,
        define(unknownItem));
    ServiceItem wrongHolder =
        newItem().toBuilder()
            .setMaterials(0, business.toBuilder().setHolderRole(HolderRole.ROLE_APPLICANT))
            .build();
    network.refuse(
        RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
        ChainKind.SERVICE,
        network.department("agriculture"),
        ServiceLedger.DEFINE_ITEM,
        define(wrongHolder));
    String unregistered = CreditCode.withCheckCharacter("11110108MB1234567").value();
    ServiceItem orphan =
        newItem().toBuilder()
            .setCode(ServiceItemCodes.of(unregistered, ServiceItemType.ADMINISTRATIVE_LICENSING, 1))
            .setDepartmentCode(unregistered)
            .build();
    network.refuse(
        RefusalCode.UNKNOWN_DEPARTMENT,
        ChainKind.SERVICE,
        network.dataBureau(),
        ServiceLedger.DEFINE_ITEM,
        define(orphan));
  }

  @Test
  void malformedItemsAreRefused() {
    ServiceItem good = newItem();
    Material scan = good.getMaterials(good.getMaterialsCount() - 1);
    List<ServiceItem> bad =
        List.of(
            good.toBuilder().setType(ServiceItemType.PUBLIC_SERVICE).build(),
            good.toBuilder().setDepartmentCode(network.data.department("health").code()).build(),
            good.toBuilder().clearMaterials().build(),
            good.toBuilder().addMaterials(good.getMaterials(0)).build(),
            good.toBuilder()
                .addMaterials(scan.toBuilder().setCode("scan_x").addItemCodes("name"))
                .build(),
            good.toBuilder().setLegalBasis("").build(),
            good.toBuilder().clearMinAssurance().build(),
            good.toBuilder().setUpdatedHeight(3).build(),
            manyLicenceMaterials(good));
    for (ServiceItem item : bad) {
      network.refuse(
          RefusalCode.MALFORMED_PAYLOAD,
          ChainKind.SERVICE,
          network.department("agriculture"),
          ServiceLedger.DEFINE_ITEM,
          define(item));
    }
  }

  private static ServiceItem manyLicenceMaterials(ServiceItem good) {
    ServiceItem.Builder item = good.toBuilder().clearMaterials();
    for (int i = 0; i <= ConsentLedger.MAX_RELEASES; i++) {
      item.addMaterials(good.getMaterials(0).toBuilder().setCode("licence_" + i));
    }
    return item.build();
  }

  // Cases.

  @Test
  void aCaseWithPulledAndScannedMaterialsMovesThroughItsStatuses() {
    Hash caseId =
        network.accept(
            ChainKind.SERVICE,
            network.terminal(PesticideScenario.KIOSK),
            ServiceLedger.FILE_CASE,
            file(pulledCase()));
    CaseRecord record =
        ServiceState.caseRecord(network.state(ChainKind.SERVICE), caseId).orElseThrow();
    assertEquals(CaseStatus.CASE_SUBMITTED, record.getStatus());
    assertEquals("terminal:" + PesticideScenario.KIOSK, record.getFiledBy());
    assertEquals(
        1,
        network
            .state(ChainKind.SERVICE)
            .scan(
                ServiceState.applicantCasesPrefix(scenario.representative.holder()),
                ByteString.EMPTY,
                10)
            .size());
    for (CaseStatus next :
        List.of(CaseStatus.CASE_ACCEPTED, CaseStatus.CASE_APPROVED, CaseStatus.CASE_COMPLETED)) {
      network.accept(
          ChainKind.SERVICE,
          network.department("agriculture"),
          ServiceLedger.UPDATE_CASE,
          UpdateCase.newBuilder()
              .setCaseId(caseId.toByteString())
              .setNewStatus(next)
              .setNote("ok")
              .build());
    }
    record = ServiceState.caseRecord(network.state(ChainKind.SERVICE), caseId).orElseThrow();
    assertEquals(4, record.getHistoryCount());
    assertEquals(CaseStatus.CASE_COMPLETED, record.getStatus());
    network.refuse(
        RefusalCode.CASE_TRANSITION_NOT_ALLOWED,
        ChainKind.SERVICE,
        network.department("agriculture"),
        ServiceLedger.UPDATE_CASE,
        UpdateCase.newBuilder()
            .setCaseId(caseId.toByteString())
            .setNewStatus(CaseStatus.CASE_REJECTED)
            .build());
  }

  @Test
  void onlyTheDepartmentInChargeMovesACase() {
    Hash caseId =
        network.accept(
            ChainKind.SERVICE,
            network.terminal(PesticideScenario.KIOSK),
            ServiceLedger.FILE_CASE,
            file(pulledCase()));
    UpdateCase accept =
        UpdateCase.newBuilder()
            .setCaseId(caseId.toByteString())
            .setNewStatus(CaseStatus.CASE_ACCEPTED)
            .build();
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.SERVICE,
        network.department("health"),
        ServiceLedger.UPDATE_CASE,
        accept);
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.SERVICE,
        network.terminal(PesticideScenario.KIOSK),
        ServiceLedger.UPDATE_CASE,
        accept);
    // The department's own system may.
    network.accept(
        ChainKind.SERVICE,
        network.terminal("hd-agriculture-system"),
        ServiceLedger.UPDATE_CASE,
        accept);
    network.refuse(
        RefusalCode.CASE_TRANSITION_NOT_ALLOWED,
        ChainKind.SERVICE,
        network.department("agriculture"),
        ServiceLedger.UPDATE_CASE,
        accept.toBuilder().setNewStatus(CaseStatus.CASE_COMPLETED).build());
    network.refuse(
        RefusalCode.CASE_NOT_FOUND,
        ChainKind.SERVICE,
        network.department("agriculture"),
        ServiceLedger.UPDATE_CASE,
        accept.toBuilder().setCaseId(Hash.ZERO.toByteString()).build());
    assertEquals(Set.of(), ServiceLedger.nextStatuses(CaseStatus.CASE_REJECTED));
  }

  @Test
  void mandatoryMaterialsMustBeAttached() {
    Case filed = pulledCase();
    network.refuse(
        RefusalCode.MATERIAL_MISSING,
        ChainKind.SERVICE,
        network.terminal(PesticideScenario.KIOSK),
        ServiceLedger.FILE_CASE,
        file(without(filed, "declaration")));
    network.refuse(
        RefusalCode.MATERIAL_MISSING,
        ChainKind.SERVICE,
        network.terminal(PesticideScenario.KIOSK),
        ServiceLedger.FILE_CASE,
        file(without(filed, "business_licence")));
    // A licence material may come as a scan instead.
    Case scanned =
        withMaterial(
            filed,
            "business_licence",
            AttachedMaterial.newBuilder()
                .setMaterialCode("business_licence")
                .setScanHash(Hash.ZERO.toByteString())
                .build());
    network.accept(
        ChainKind.SERVICE,
        network.terminal(PesticideScenario.KIOSK),
        ServiceLedger.FILE_CASE,
        file(scanned));
  }

  @Test
  void pulledMaterialsMustBeTheApplicantsAndRecordedAsAccessed() {
    Case filed = pulledCase();
    AttachedMaterial business =
        filed.getMaterialsList().stream()
            .filter(m -> m.getMaterialCode().equals("business_licence"))
            .findFirst()
            .orElseThrow();
    AttachedMaterial card =
        filed.getMaterialsList().stream()
            .filter(m -> m.getMaterialCode().equals("representative_identity"))
            .findFirst()
            .orElseThrow();
    var kiosk = network.terminal(PesticideScenario.KIOSK);
    network.refuse(
        RefusalCode.MATERIAL_MISMATCH,
        ChainKind.SERVICE,
        kiosk,
        ServiceLedger.FILE_CASE,
        file(
            withMaterial(
                filed,
                "business_licence",
                business.toBuilder().setLicense(card.getLicense()).build())));
    network.refuse(
        RefusalCode.MATERIAL_MISMATCH,
        ChainKind.SERVICE,
        kiosk,
        ServiceLedger.FILE_CASE,
        file(
            withMaterial(
                filed,
                "declaration",
                AttachedMaterial.newBuilder()
                    .setMaterialCode("declaration")
                    .setLicense(card.getLicense())
                    .build())));
    network.refuse(
        RefusalCode.MATERIAL_MISMATCH,
        ChainKind.SERVICE,
        kiosk,
        ServiceLedger.FILE_CASE,
        file(
            filed.toBuilder()
                .addMaterials(
                    AttachedMaterial.newBuilder()
                        .setMaterialCode("zzz_unknown")
                        .setScanHash(Hash.ZERO.toByteString()))
                .build()));
    network.refuse(
        RefusalCode.ACCESS_NOT_FOUND,
        ChainKind.SERVICE,
        kiosk,
        ServiceLedger.FILE_CASE,
        file(
            withMaterial(
                filed,
                "business_licence",
                business.toBuilder()
                    .setLicense(
                        business.getLicense().toBuilder().setAccessId(Hash.ZERO.toByteString()))
                    .build())));
    var never =
        scenario.population.issue(
            scenario.company, "food_business_licence", network.issuerKeys(), network.now());
    network.refuse(
        RefusalCode.LICENSE_NOT_FOUND,
        ChainKind.SERVICE,
        kiosk,
        ServiceLedger.FILE_CASE,
        file(
            withMaterial(
                filed,
                "business_licence",
                business.toBuilder()
                    .setLicense(business.getLicense().toBuilder().setLicenseId(never.licenseId()))
                    .build())));
  }

  @Test
  void aCaseFollowsTheCurrentItemAndNamesTheOrganizationForOrganizationItems() {
    Case filed = pulledCase();
    var kiosk = network.terminal(PesticideScenario.KIOSK);
    network.refuse(
        RefusalCode.VERSION_CONFLICT,
        ChainKind.SERVICE,
        kiosk,
        ServiceLedger.FILE_CASE,
        file(filed.toBuilder().setServiceItemVersion(2).build()));
    network.refuse(
        RefusalCode.MATERIAL_MISMATCH,
        ChainKind.SERVICE,
        kiosk,
        ServiceLedger.FILE_CASE,
        file(filed.toBuilder().clearOrganization().build()));
    network.refuse(
        RefusalCode.UNKNOWN_SERVICE_ITEM,
        ChainKind.SERVICE,
        kiosk,
        ServiceLedger.FILE_CASE,
        file(
            filed.toBuilder()
                .setServiceItemCode(pesticide.getCode().substring(0, 20) + "99999")
                .build()));
    network.refuse(
        RefusalCode.MALFORMED_PAYLOAD,
        ChainKind.SERVICE,
        kiosk,
        ServiceLedger.FILE_CASE,
        file(
            filed.toBuilder()
                .addMaterials(AttachedMaterial.newBuilder().setMaterialCode("aaa_first"))
                .build()));
    network.refuse(
        RefusalCode.SUBMITTER_NOT_REGISTERED,
        ChainKind.SERVICE,
        network.newKeyPair().privateKey(),
        ServiceLedger.FILE_CASE,
        file(filed));
    assertTrue(MaterialSource.UPLOAD_SCAN.getNumber() > 0);
  }
}
