package org.govchain.subchains.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.license.LicenseLedger;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.privacy.ItemCommitments;
import org.govchain.subchains.proto.AccessRelease;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.ChangeLicenseStatus;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseStatus;
import org.govchain.subchains.proto.PrincipalStatus;
import org.govchain.subchains.proto.RecordAccess;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.RevokeGrant;
import org.govchain.subchains.proto.SetTerminalStatus;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;
import org.govchain.subchains.pull.MaterialOutcome.Found;
import org.govchain.subchains.pull.MaterialOutcome.Missing;
import org.govchain.subchains.pull.MaterialOutcome.MissingReason;
import org.govchain.subchains.pull.MaterialOutcome.Refused;
import org.govchain.subchains.state.MemoryState;
import org.govchain.subchains.testing.PesticideScenario;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

class MaterialsPullTest {
  private static final List<String> ON_CHAIN =
      List.of(
          "business_licence", "representative_identity", "staff_qualification", "premises_title");
  private static final List<String> SCANNED =
      List.of(
          "application_form",
          "premises_description",
          "equipment_list",
          "management_rules",
          "declaration");

  private final PesticideScenario scenario;
  private final TestNetwork network;
  private final MaterialsPull pull;

  MaterialsPullTest() throws Exception {
    scenario = new PesticideScenario();
    network = scenario.network;
    pull = MaterialsPull.verifyingWith(network.suite);
  }

  private PullResult.Plan plan() {
    return plan(scenario.request());
  }

  private PullResult.Plan plan(PullRequest request) {
    return plan(network.views(), request);
  }

  private PullResult.Plan plan(ChainViews views, PullRequest request) {
    return assertInstanceOf(PullResult.Plan.class, pull.plan(views, request));
  }

  private static MaterialOutcome outcome(PullResult.Plan plan, String material) {
    return plan.outcomes().stream()
        .filter(o -> o.materialCode().equals(material))
        .findFirst()
        .orElseThrow();
  }

  private static void assertRefused(PullResult.Plan plan, String material, PullRefusal reason) {
    MaterialOutcome outcome = outcome(plan, material);
    Refused refused = assertInstanceOf(Refused.class, outcome, () -> material + ": " + outcome);
    assertEquals(reason, refused.reason(), refused.message());
  }

  private static void assertAllOnChainRefused(PullResult.Plan plan, PullRefusal reason) {
    ON_CHAIN.forEach(material -> assertRefused(plan, material, reason));
    SCANNED.forEach(
        material ->
            assertEquals(new Missing(material, MissingReason.SCAN_ONLY), outcome(plan, material)));
    assertTrue(plan.accessRecord().isEmpty());
    assertEquals(new Share(0, 9), plan.pullReduction());
  }

  // Found.

  @Test
  void theReportsPullFindsTheFourOnChainMaterialsAndLeavesFiveToScan() {
    scenario.verifiedAndGranted(GrantMode.ONE_TIME);
    PullResult.Plan plan = plan();
    assertEquals(9, plan.outcomes().size());
    for (String material : ON_CHAIN) {
      Found found = assertInstanceOf(Found.class, outcome(plan, material), material);
      assertTrue(found.withheldItems().isEmpty(), material + " withholds " + found.withheldItems());
    }
    SCANNED.forEach(
        material ->
            assertEquals(new Missing(material, MissingReason.SCAN_ONLY), outcome(plan, material)));
    Found business = (Found) outcome(plan, "business_licence");
    assertEquals(scenario.businessLicence.licenseId(), business.licenseId());
    assertEquals(scenario.companyGrant, business.grantId());
    assertEquals(
        List.of("address", "business_scope", "credit_code", "legal_representative", "name"),
        business.releasedItems());
    assertEquals(
        new MaterialOutcome.VaultLocation(
            network.data.department("market-regulation").code(), "market-regulation"),
        business.vault());
    Found card = (Found) outcome(plan, "representative_identity");
    assertEquals(scenario.personalGrant, card.grantId());
    assertEquals("public-security", card.vault().nodeId());
    // 4 of 9 materials need no paper: 44%, above the report's 41% average.
    assertEquals(new Share(4, 9), plan.itemReduction());
    assertEquals(new Share(4, 9), plan.pullReduction());
    assertTrue(plan.itemReduction().ratio() > 0.41);
  }

  @Test
  void theReleasedItemsOpenTheirCommitmentsWithTheVaultsValues() {
    scenario.verifiedAndGranted(GrantMode.ONE_TIME);
    Found card = (Found) outcome(plan(), "representative_identity");
    for (String item : card.releasedItems()) {
      var commitment =
          card.license().getContent().getItemsList().stream()
              .filter(c -> c.getItemCode().equals(item))
              .findFirst()
              .orElseThrow();
      assertTrue(
          ItemCommitments.opens(
              network.suite,
              Hash.of(commitment.getCommitment().toByteArray()),
              card.licenseId(),
              item,
              scenario.idCard.salts().get(item),
              scenario.idCard.values().get(item)));
    }
  }

  @Test
  void theAccessRecordReleasesExactlyWhatWasFoundAndTheConsentChainAcceptsIt() {
    scenario.verifiedAndGranted(GrantMode.ONE_TIME);
    PullResult.Plan plan = plan();
    RecordAccess record = plan.accessRecord().orElseThrow();
    assertEquals(scenario.item.getCode(), record.getServiceItemCode());
    assertEquals(4, record.getReleasesCount());
    for (AccessRelease release : record.getReleasesList()) {
      Found found =
          plan.outcomes().stream()
              .filter(Found.class::isInstance)
              .map(Found.class::cast)
              .filter(f -> f.licenseId().equals(release.getLicenseId()))
              .findFirst()
              .orElseThrow();
      assertEquals(found.releasedItems(), release.getItemCodesList());
      assertEquals(found.grantId().toByteString(), release.getGrantId());
    }
    network.accept(
        ChainKind.CONSENT,
        network.terminal(PesticideScenario.KIOSK),
        ConsentLedger.RECORD_ACCESS,
        record);
    // The grants were one-time: a second pull finds them used.
    PullResult.Plan again = plan();
    ON_CHAIN.forEach(material -> assertRefused(again, material, PullRefusal.GRANT_USED));
  }

  @Test
  void theDepartmentInChargePullsWithAVerificationAtItsOwnTerminal() {
    scenario.verification =
        network.verify("hd-agriculture-system", scenario.representative.holder());
    scenario.personalGrant =
        network.grant(
            "hd-agriculture-system",
            scenario.grant(
                scenario.representative.holder(), HolderRole.ROLE_APPLICANT, GrantMode.STANDING));
    scenario.companyGrant =
        network.grant(
            "hd-agriculture-system",
            scenario.grant(
                scenario.company.holder(), HolderRole.ROLE_ORGANIZATION, GrantMode.STANDING));
    PullRequest byDepartment =
        new PullRequest(
            scenario.representative.holder(),
            Optional.of(scenario.company.holder()),
            scenario.item.getCode(),
            network.department("agriculture").publicKey(),
            scenario.verification,
            network.now());
    PullResult.Plan plan = plan(byDepartment);
    ON_CHAIN.forEach(material -> assertInstanceOf(Found.class, outcome(plan, material), material));
  }

  @Test
  void aGrantCoveringFewerItemsReleasesFewerAndNamesTheWithheld() {
    scenario.verification =
        network.verify(PesticideScenario.KIOSK, scenario.representative.holder());
    var narrow =
        scenario.grant(
            scenario.representative.holder(), HolderRole.ROLE_APPLICANT, GrantMode.STANDING);
    var scopes = narrow.toBuilder().clearScopes();
    String idCard = network.data.licenseType("resident_id_card").getCode();
    for (var scope : narrow.getScopesList()) {
      scopes.addScopes(
          scope.getLicenseTypeCode().equals(idCard)
              ? scope.toBuilder().clearItemCodes().addItemCodes("name").build()
              : scope);
    }
    scenario.personalGrant = network.grant(PesticideScenario.KIOSK, scopes.build());
    Found card = (Found) outcome(plan(), "representative_identity");
    assertEquals(List.of("name"), card.releasedItems());
    assertEquals(List.of("address", "id_number", "sex", "valid_until"), card.withheldItems());
  }

  @Test
  void aChangedLicenceIsFoundInItsNewVersion() throws Exception {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    var old = scenario.businessLicence.signed().getContent();
    var id = org.govchain.subchains.ids.LicenseIdentifier.parse(old.getLicenseId());
    var changed =
        old.toBuilder()
            .setLicenseId(
                org.govchain.subchains.ids.LicenseIdentifier.of(
                        id.typeCode(), id.issuerCode(), id.serial(), 2)
                    .text())
            .setOperation(org.govchain.subchains.proto.LicenseOperation.CHANGE)
            .setReplaces(old.getLicenseId())
            .build();
    var market = network.department("market-regulation");
    network.accept(
        ChainKind.LICENSE,
        market,
        LicenseLedger.CHANGE,
        org.govchain.subchains.proto.SignedLicense.newBuilder()
            .setContent(changed)
            .setIssuerSignature(
                org.govchain.subchains.privacy.LicenseSignatures.sign(
                        network.suite, market, changed)
                    .toByteString())
            .build());
    assertEquals(changed.getLicenseId(), ((Found) outcome(plan(), "business_licence")).licenseId());
  }

  // Missing.

  @Test
  void aHolderWithoutTheLicenceUploadsAScan() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    PullRequest otherCompany =
        new PullRequest(
            scenario.representative.holder(),
            Optional.of(scenario.population.enterprise(13).holder()),
            scenario.item.getCode(),
            network.terminal(PesticideScenario.KIOSK).publicKey(),
            scenario.verification,
            network.now());
    network.grant(
        PesticideScenario.KIOSK,
        scenario.grant(
            scenario.population.enterprise(13).holder(),
            HolderRole.ROLE_ORGANIZATION,
            GrantMode.STANDING));
    PullResult.Plan plan = plan(otherCompany);
    assertEquals(
        new Missing("business_licence", MissingReason.NOT_ON_CHAIN),
        outcome(plan, "business_licence"));
    assertEquals(new Share(3, 9), plan.pullReduction());
    assertEquals(new Share(4, 9), plan.itemReduction());
  }

  @Test
  void anOrganizationItemWithoutTheOrganizationRefusesItsMaterials() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    PullRequest request = scenario.request();
    PullResult.Plan plan =
        plan(
            new PullRequest(
                request.applicant(),
                Optional.empty(),
                request.serviceItemCode(),
                request.requester(),
                request.verificationId(),
                request.nowMillis()));
    assertRefused(plan, "business_licence", PullRefusal.ORGANIZATION_NOT_GIVEN);
    assertInstanceOf(Found.class, outcome(plan, "representative_identity"));
  }

  @Test
  void anUnknownServiceItemRejectsTheRequest() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    PullRequest request = scenario.request();
    PullResult result =
        pull.plan(
            network.views(),
            new PullRequest(
                request.applicant(),
                request.organization(),
                request.serviceItemCode().substring(0, 20) + "99999",
                request.requester(),
                request.verificationId(),
                request.nowMillis()));
    assertTrue(
        assertInstanceOf(PullResult.Rejected.class, result).message().contains("does not exist"));
  }

  // Refused: the requester and the verification.

  @Test
  void anUnregisteredRequesterIsRefusedEverything() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    PullRequest request = scenario.request();
    assertAllOnChainRefused(
        plan(
            new PullRequest(
                request.applicant(),
                request.organization(),
                request.serviceItemCode(),
                network.newKeyPair().publicKey(),
                request.verificationId(),
                request.nowMillis())),
        PullRefusal.REQUESTER_NOT_REGISTERED);
  }

  @Test
  void aSuspendedTerminalIsRefusedEverything() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    network.accept(
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.SET_TERMINAL_STATUS,
        SetTerminalStatus.newBuilder()
            .setTerminalId(PesticideScenario.KIOSK)
            .setExpectedVersion(1)
            .setNewStatus(PrincipalStatus.SUSPENDED)
            .build());
    assertAllOnChainRefused(plan(), PullRefusal.REQUESTER_NOT_ACTIVE);
  }

  @Test
  void aMissingVerificationIsRefused() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    scenario.verification = Hash.ZERO;
    assertAllOnChainRefused(plan(), PullRefusal.VERIFICATION_NOT_FOUND);
  }

  @Test
  void aVerificationAtAnotherTerminalOfAnotherPersonOrFailedIsRefused() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    assertAllOnChainRefused(
        plan(scenario.request("hd-kiosk-0002")), PullRefusal.VERIFICATION_MISMATCH);
    scenario.verification = network.verify(PesticideScenario.KIOSK, scenario.company.holder());
    assertAllOnChainRefused(plan(), PullRefusal.VERIFICATION_MISMATCH);
    scenario.verification =
        network.accept(
            ChainKind.IDENTITY,
            network.terminal(PesticideScenario.KIOSK),
            IdentityLedger.RECORD_VERIFICATION,
            verification(
                VerificationMethod.ID_CARD_AND_FACE,
                AssuranceLevel.HIGH,
                VerificationResult.FAILED));
    assertAllOnChainRefused(plan(), PullRefusal.VERIFICATION_MISMATCH);
  }

  @Test
  void anOldVerificationIsRefused() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    network.advanceMillis(MaterialsPull.DEFAULT_MAX_VERIFICATION_AGE_MILLIS + 1);
    assertAllOnChainRefused(plan(), PullRefusal.VERIFICATION_TOO_OLD);
  }

  @Test
  void aVerificationBelowTheItemsAssuranceIsRefused() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    scenario.verification =
        network.accept(
            ChainKind.IDENTITY,
            network.terminal(PesticideScenario.KIOSK),
            IdentityLedger.RECORD_VERIFICATION,
            verification(
                VerificationMethod.ID_CARD, AssuranceLevel.SUBSTANTIAL, VerificationResult.PASSED));
    assertAllOnChainRefused(plan(), PullRefusal.VERIFICATION_INSUFFICIENT);
  }

  private RecordVerification verification(
      VerificationMethod method, AssuranceLevel assurance, VerificationResult result) {
    return RecordVerification.newBuilder()
        .setSubject(scenario.representative.holder().toByteString())
        .setMethod(method)
        .setAssurance(assurance)
        .setVerifiedAtMillis(network.now())
        .setResult(result)
        .build();
  }

  // Refused: the catalog.

  @Test
  void aTypeMissingFromTheCatalogIsRefused() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    ChainViews emptyCatalog =
        new ChainViews(
            network.state(ChainKind.LICENSE),
            network.state(ChainKind.IDENTITY),
            network.state(ChainKind.CONSENT),
            new MemoryState(),
            network.state(ChainKind.SERVICE));
    PullResult.Plan plan = plan(emptyCatalog, scenario.request());
    ON_CHAIN.forEach(
        material -> assertRefused(plan, material, PullRefusal.LICENSE_TYPE_NOT_IN_CATALOG));
  }

  @Test
  void aTypeTheCatalogDoesNotShareIsRefused() throws Exception {
    var teacher = network.data.serviceItem("teacher_qualification");
    var person = scenario.representative;
    network.issue(scenario.population, person, "no_criminal_record_certificate");
    Hash verification = network.verify(PesticideScenario.KIOSK, person.holder());
    network.grant(
        PesticideScenario.KIOSK,
        org.govchain.subchains.population.PopulationGenerator.grantFor(
            person.holder(),
            teacher,
            HolderRole.ROLE_APPLICANT,
            verification,
            network.now(),
            network.now() + PesticideScenario.DAY_MILLIS,
            GrantMode.STANDING));
    PullResult.Plan plan =
        plan(
            new PullRequest(
                person.holder(),
                Optional.empty(),
                teacher.getCode(),
                network.terminal(PesticideScenario.KIOSK).publicKey(),
                verification,
                network.now()));
    assertRefused(plan, "no_criminal_record", PullRefusal.NOT_SHARED);
    assertInstanceOf(Found.class, outcome(plan, "identity_card"));
    assertEquals(new Share(4, 5), plan.itemReduction());
  }

  @Test
  void aRequesterOutsideTheConsumersIsRefused() {
    String healthSystem = "hd-health-system";
    scenario.verification = network.verify(healthSystem, scenario.representative.holder());
    network.grant(
        healthSystem,
        scenario.grant(
            scenario.representative.holder(), HolderRole.ROLE_APPLICANT, GrantMode.STANDING));
    network.grant(
        healthSystem,
        scenario.grant(
            scenario.company.holder(), HolderRole.ROLE_ORGANIZATION, GrantMode.STANDING));
    PullResult.Plan plan = plan(scenario.request(healthSystem));
    assertRefused(plan, "premises_title", PullRefusal.REQUESTER_NOT_ALLOWED_CONSUMER);
    // The business licence is shared unconditionally.
    assertInstanceOf(Found.class, outcome(plan, "business_licence"));
  }

  // Refused: the grant.

  @Test
  void withoutAGrantNothingIsReleased() {
    scenario.verification =
        network.verify(PesticideScenario.KIOSK, scenario.representative.holder());
    PullResult.Plan plan = plan();
    ON_CHAIN.forEach(material -> assertRefused(plan, material, PullRefusal.NO_GRANT));
    assertTrue(plan.accessRecord().isEmpty());
  }

  @Test
  void aGrantToSomeoneElseIsNoGrant() {
    scenario.verification =
        network.verify(PesticideScenario.KIOSK, scenario.representative.holder());
    var toHealth =
        scenario
            .grant(scenario.representative.holder(), HolderRole.ROLE_APPLICANT, GrantMode.STANDING)
            .toBuilder()
            .clearGranteeServiceItemCode()
            .setGranteeDepartmentCode(network.data.department("health").code())
            .build();
    network.grant(PesticideScenario.KIOSK, toHealth);
    assertRefused(plan(), "representative_identity", PullRefusal.NO_GRANT);
  }

  @Test
  void anExpiredGrantIsRefused() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    network.advanceMillis(PesticideScenario.DAY_MILLIS);
    scenario.verification =
        network.verify(PesticideScenario.KIOSK, scenario.representative.holder());
    ON_CHAIN.forEach(material -> assertRefused(plan(), material, PullRefusal.GRANT_EXPIRED));
  }

  @Test
  void aRevokedGrantIsRefused() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    network.accept(
        ChainKind.CONSENT,
        network.terminal(PesticideScenario.KIOSK),
        ConsentLedger.REVOKE,
        RevokeGrant.newBuilder()
            .setGrantId(scenario.personalGrant.toByteString())
            .setVerificationId(scenario.verification.toByteString())
            .build());
    PullResult.Plan plan = plan();
    assertRefused(plan, "representative_identity", PullRefusal.GRANT_REVOKED);
    assertInstanceOf(Found.class, outcome(plan, "business_licence"));
  }

  @Test
  void aLiveGrantWinsOverARevokedOne() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    network.accept(
        ChainKind.CONSENT,
        network.terminal(PesticideScenario.KIOSK),
        ConsentLedger.REVOKE,
        RevokeGrant.newBuilder()
            .setGrantId(scenario.personalGrant.toByteString())
            .setVerificationId(scenario.verification.toByteString())
            .build());
    Hash renewed =
        network.grant(
            PesticideScenario.KIOSK,
            scenario.grant(
                scenario.representative.holder(), HolderRole.ROLE_APPLICANT, GrantMode.STANDING));
    assertEquals(renewed, ((Found) outcome(plan(), "representative_identity")).grantId());
  }

  // Refused: the licence.

  private void setStatus(String type, String licenseId, String issuer) {
    network.accept(
        ChainKind.LICENSE,
        network.department(issuer),
        type,
        ChangeLicenseStatus.newBuilder().setLicenseId(licenseId).setReason("test").build());
  }

  @Test
  void suspendedWithdrawnCancelledAndRevokedLicencesAreRefused() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    setStatus(LicenseLedger.SUSPEND, scenario.idCard.licenseId(), "public-security");
    setStatus(LicenseLedger.REVOKE, scenario.businessLicence.licenseId(), "market-regulation");
    setStatus(LicenseLedger.WITHDRAW, scenario.academicCertificate.licenseId(), "education");
    setStatus(LicenseLedger.CANCEL, scenario.premisesTitle.licenseId(), "natural-resources");
    PullResult.Plan plan = plan();
    assertRefused(plan, "representative_identity", PullRefusal.LICENSE_SUSPENDED);
    assertRefused(plan, "business_licence", PullRefusal.LICENSE_REVOKED);
    assertRefused(plan, "staff_qualification", PullRefusal.LICENSE_WITHDRAWN);
    assertRefused(plan, "premises_title", PullRefusal.LICENSE_CANCELLED);
    assertTrue(plan.accessRecord().isEmpty());
  }

  @Test
  void anExpiredLicenceIsRefused() {
    long end = scenario.idCard.signed().getContent().getValidUntilMillis();
    network.setNow(end + 1);
    scenario.verifiedAndGranted(GrantMode.STANDING);
    assertRefused(plan(), "representative_identity", PullRefusal.LICENSE_EXPIRED);
  }

  @Test
  void licencesNotInForceTransferredOutOrWithABadSignatureAreRefused() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    MemoryState licenses = network.state(ChainKind.LICENSE).copy();
    LicenseRecord card = LicenseState.license(licenses, scenario.idCard.licenseId()).orElseThrow();
    LicenseState.putNew(
        licenses, card.toBuilder().setStatus(LicenseStatus.LICENSE_TRANSFERRED_OUT).build());
    LicenseRecord business =
        LicenseState.license(licenses, scenario.businessLicence.licenseId()).orElseThrow();
    LicenseState.putNew(
        licenses,
        business.toBuilder()
            .setContent(business.getContent().toBuilder().setValidFromMillis(network.now() + 1))
            .build());
    LicenseRecord title =
        LicenseState.license(licenses, scenario.premisesTitle.licenseId()).orElseThrow();
    LicenseState.putNew(
        licenses,
        title.toBuilder()
            .setContent(
                title.getContent().toBuilder()
                    .setIssuedAtMillis(title.getContent().getIssuedAtMillis() + 1))
            .build());
    ChainViews tampered =
        new ChainViews(
            licenses,
            network.state(ChainKind.IDENTITY),
            network.state(ChainKind.CONSENT),
            network.state(ChainKind.CATALOG),
            network.state(ChainKind.SERVICE));
    PullResult.Plan plan = plan(tampered, scenario.request());
    assertRefused(plan, "representative_identity", PullRefusal.LICENSE_TRANSFERRED_OUT);
    assertRefused(plan, "business_licence", PullRefusal.LICENSE_NOT_IN_FORCE);
    assertRefused(plan, "premises_title", PullRefusal.ISSUER_SIGNATURE_INVALID);
    assertInstanceOf(Found.class, outcome(plan, "staff_qualification"));
  }

  @Test
  void theVerifierIsPluggableSoTheNodeCanCacheIt() {
    scenario.verifiedAndGranted(GrantMode.STANDING);
    int[] calls = {0};
    MaterialsPull counting =
        new MaterialsPull(
            MaterialsPull.DEFAULT_MAX_VERIFICATION_AGE_MILLIS,
            record -> {
              calls[0]++;
              return true;
            });
    counting.plan(network.views(), scenario.request());
    assertEquals(4, calls[0]);
  }
}
