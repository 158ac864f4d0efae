package org.govchain.subchains.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.license.LicenseLedger;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.IssuedLicense;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.proto.AccessRecord;
import org.govchain.subchains.proto.AccessRelease;
import org.govchain.subchains.proto.ChangeLicenseStatus;
import org.govchain.subchains.proto.Grant;
import org.govchain.subchains.proto.GrantConsent;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.GrantRecord;
import org.govchain.subchains.proto.GrantScope;
import org.govchain.subchains.proto.GrantStatus;
import org.govchain.subchains.proto.HolderRole;
import org.govchain.subchains.proto.RecordAccess;
import org.govchain.subchains.proto.RevokeGrant;
import org.govchain.subchains.proto.ServiceItem;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

class ConsentLedgerTest {
  private static final long DAY_MILLIS = 86_400_000L;
  private static final String KIOSK = "hd-kiosk-0001";
  private final TestNetwork network;
  private final PopulationGenerator population;
  private final Holder citizen;
  private final ServiceItem passport;
  private final IssuedLicense card;

  ConsentLedgerTest() throws Exception {
    network = TestNetwork.create();
    population = network.population(5);
    citizen = population.citizen(3);
    passport = network.data.serviceItem("passport_reissue");
    card = network.issue(population, citizen, "resident_id_card");
  }

  private Grant grant(Hash verification, GrantMode mode) {
    return PopulationGenerator.grantFor(
        citizen.holder(),
        passport,
        HolderRole.ROLE_APPLICANT,
        verification,
        network.now(),
        network.now() + DAY_MILLIS,
        mode);
  }

  private RecordAccess access(Hash grantId, String... items) {
    return RecordAccess.newBuilder()
        .setServiceItemCode(passport.getCode())
        .addReleases(
            AccessRelease.newBuilder()
                .setGrantId(grantId.toByteString())
                .setLicenseId(card.licenseId())
                .addAllItemCodes(java.util.List.of(items)))
        .build();
  }

  private GrantRecord grantRecord(Hash id) {
    return ConsentState.grant(network.state(ChainKind.CONSENT), id).orElseThrow();
  }

  @Test
  void aVerifiedPersonGrantsAtTheTerminalAndTheGrantIsIndexed() {
    Hash verification = network.verify(KIOSK, citizen.holder());
    Hash id = network.grant(KIOSK, grant(verification, GrantMode.STANDING));
    GrantRecord record = grantRecord(id);
    assertEquals(GrantStatus.GRANT_ACTIVE, record.getStatus());
    assertEquals(KIOSK, record.getRecordedBy());
    assertEquals(
        id, ConsentState.grantsOf(network.state(ChainKind.CONSENT), citizen.holder()).get(0).id());
  }

  @Test
  void grantsNeedAFreshPassedVerificationOfTheGrantorAtThisTerminal() {
    Hash verification = network.verify(KIOSK, citizen.holder());
    GrantConsent payload =
        GrantConsent.newBuilder().setGrant(grant(verification, GrantMode.STANDING)).build();
    network.refuse(
        RefusalCode.VERIFICATION_MISMATCH,
        ChainKind.CONSENT,
        network.terminal("hd-kiosk-0002"),
        ConsentLedger.GRANT,
        payload);
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.CONSENT,
        network.department("exit-entry"),
        ConsentLedger.GRANT,
        payload);
    GrantConsent unknown =
        GrantConsent.newBuilder()
            .setGrant(grant(Hash.of(new byte[32]), GrantMode.STANDING))
            .build();
    network.refuse(
        RefusalCode.VERIFICATION_NOT_FOUND,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.GRANT,
        unknown);
    Hash someoneElse = network.verify(KIOSK, population.citizen(4).holder());
    network.refuse(
        RefusalCode.VERIFICATION_MISMATCH,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.GRANT,
        GrantConsent.newBuilder().setGrant(grant(someoneElse, GrantMode.STANDING)).build());
    network.advanceMillis(ConsentLedger.MAX_VERIFICATION_AGE_MILLIS + 1);
    network.refuse(
        RefusalCode.VERIFICATION_TOO_OLD,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.GRANT,
        payload);
  }

  @Test
  void aRepresentativeGrantsForTheOrganizationOnly() {
    Holder company = population.enterprise(3);
    ServiceItem pesticide = network.data.serviceItem("pesticide_business_first");
    Hash verification = network.verify(KIOSK, citizen.holder());
    Grant organizationGrant =
        PopulationGenerator.grantFor(
            company.holder(),
            pesticide,
            HolderRole.ROLE_ORGANIZATION,
            verification,
            network.now(),
            network.now() + DAY_MILLIS,
            GrantMode.ONE_TIME);
    network.grant(KIOSK, organizationGrant);
    Grant othersPersonalData =
        PopulationGenerator.grantFor(
            population.citizen(99).holder(),
            pesticide,
            HolderRole.ROLE_APPLICANT,
            verification,
            network.now(),
            network.now() + DAY_MILLIS,
            GrantMode.ONE_TIME);
    network.refuse(
        RefusalCode.VERIFICATION_MISMATCH,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.GRANT,
        GrantConsent.newBuilder().setGrant(othersPersonalData).build());
  }

  @Test
  void grantsNameCatalogTypesItemsAndAnExistingGrantee() {
    Hash verification = network.verify(KIOSK, citizen.holder());
    Grant good = grant(verification, GrantMode.STANDING);
    String type = good.getScopes(0).getLicenseTypeCode();
    network.refuse(
        RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.GRANT,
        GrantConsent.newBuilder()
            .setGrant(
                good.toBuilder()
                    .setScopes(
                        0,
                        GrantScope.newBuilder().setLicenseTypeCode(type).addItemCodes("shoe_size")))
            .build());
    network.refuse(
        RefusalCode.UNKNOWN_LICENSE_TYPE,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.GRANT,
        GrantConsent.newBuilder()
            .setGrant(
                good.toBuilder()
                    .setScopes(
                        good.getScopesCount() - 1,
                        good.getScopes(good.getScopesCount() - 1).toBuilder()
                            .setLicenseTypeCode("11100000003468178DW099")))
            .build());
    String missingItem = passport.getCode().substring(0, 20) + "99999";
    network.refuse(
        RefusalCode.UNKNOWN_SERVICE_ITEM,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.GRANT,
        GrantConsent.newBuilder()
            .setGrant(good.toBuilder().setGranteeServiceItemCode(missingItem))
            .build());
    network.refuse(
        RefusalCode.UNKNOWN_DEPARTMENT,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.GRANT,
        GrantConsent.newBuilder()
            .setGrant(
                good.toBuilder()
                    .clearGranteeServiceItemCode()
                    .setGranteeDepartmentCode(
                        org.govchain.subchains.ids.CreditCode.withCheckCharacter(
                                "11110108MB1234567")
                            .value()))
            .build());
    network.refuse(
        RefusalCode.TIME_OUT_OF_RANGE,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.GRANT,
        GrantConsent.newBuilder()
            .setGrant(
                good.toBuilder()
                    .setValidFromMillis(network.now() - 2 * DAY_MILLIS)
                    .setValidUntilMillis(network.now() - DAY_MILLIS))
            .build());
  }

  @Test
  void malformedGrantsAreRefused() {
    Grant good = grant(network.verify(KIOSK, citizen.holder()), GrantMode.STANDING);
    for (Grant bad :
        new Grant[] {
          good.toBuilder().setGranteeDepartmentCode(network.data.dataBureau().code()).build(),
          good.toBuilder().clearGranteeServiceItemCode().build(),
          good.toBuilder().clearScopes().build(),
          good.toBuilder().setPurpose("").build(),
          good.toBuilder().setValidUntilMillis(good.getValidFromMillis()).build(),
          good.toBuilder()
              .setValidUntilMillis(
                  good.getValidFromMillis() + ConsentLedger.MAX_GRANT_VALIDITY_MILLIS + 1)
              .build(),
          good.toBuilder().clearMode().build(),
          good.toBuilder().setSubject(ByteString.EMPTY).build(),
          good.toBuilder().setScopes(0, good.getScopes(0).toBuilder().clearItemCodes()).build()
        }) {
      network.refuse(
          RefusalCode.MALFORMED_PAYLOAD,
          ChainKind.CONSENT,
          network.terminal(KIOSK),
          ConsentLedger.GRANT,
          GrantConsent.newBuilder().setGrant(bad).build());
    }
  }

  @Test
  void theGrantorRevokesOnceAtATerminal() {
    Hash verification = network.verify(KIOSK, citizen.holder());
    Hash id = network.grant(KIOSK, grant(verification, GrantMode.STANDING));
    Hash other = network.verify(KIOSK, population.citizen(4).holder());
    RevokeGrant byOther =
        RevokeGrant.newBuilder()
            .setGrantId(id.toByteString())
            .setVerificationId(other.toByteString())
            .build();
    network.refuse(
        RefusalCode.VERIFICATION_MISMATCH,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.REVOKE,
        byOther);
    network.advanceMillis(60_000);
    Hash again = network.verify(KIOSK, citizen.holder());
    RevokeGrant revoke =
        RevokeGrant.newBuilder()
            .setGrantId(id.toByteString())
            .setVerificationId(again.toByteString())
            .build();
    network.accept(ChainKind.CONSENT, network.terminal(KIOSK), ConsentLedger.REVOKE, revoke);
    assertEquals(GrantStatus.GRANT_REVOKED, grantRecord(id).getStatus());
    network.refuse(
        RefusalCode.GRANT_REVOKED,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.REVOKE,
        revoke);
    network.refuse(
        RefusalCode.GRANT_NOT_FOUND,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.REVOKE,
        revoke.toBuilder().setGrantId(Hash.of(new byte[32]).toByteString()).build());
  }

  @Test
  void anAccessUnderALiveGrantIsRecordedAndUsesUpAOneTimeGrant() {
    Hash id =
        network.grant(KIOSK, grant(network.verify(KIOSK, citizen.holder()), GrantMode.ONE_TIME));
    Hash accessId =
        network.accept(
            ChainKind.CONSENT,
            network.terminal(KIOSK),
            ConsentLedger.RECORD_ACCESS,
            access(id, "id_number", "name"));
    AccessRecord record =
        ConsentState.access(network.state(ChainKind.CONSENT), accessId).orElseThrow();
    assertEquals(KIOSK, record.getRequesterTerminalId());
    assertEquals(network.now(), record.getAccessedAtMillis());
    GrantRecord used = grantRecord(id);
    assertEquals(GrantStatus.GRANT_USED, used.getStatus());
    assertEquals(1, used.getAccessCount());
    assertEquals(
        1,
        network
            .state(ChainKind.CONSENT)
            .scan(ConsentState.grantAccessesPrefix(id), ByteString.EMPTY, 10)
            .size());
    assertEquals(
        1,
        network
            .state(ChainKind.CONSENT)
            .scan(ConsentState.subjectAccessesPrefix(citizen.holder()), ByteString.EMPTY, 10)
            .size());
    network.refuse(
        RefusalCode.GRANT_USED,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        access(id, "name"));
  }

  @Test
  void theDepartmentInChargeMayReadForItsItemButOthersMayNot() {
    Hash id =
        network.grant(KIOSK, grant(network.verify(KIOSK, citizen.holder()), GrantMode.STANDING));
    network.accept(
        ChainKind.CONSENT,
        network.department("exit-entry"),
        ConsentLedger.RECORD_ACCESS,
        access(id, "name"));
    network.refuse(
        RefusalCode.GRANT_DOES_NOT_COVER,
        ChainKind.CONSENT,
        network.department("health"),
        ConsentLedger.RECORD_ACCESS,
        access(id, "name"));
    network.refuse(
        RefusalCode.GRANT_DOES_NOT_COVER,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        access(id, "name").toBuilder().clearServiceItemCode().build());
    network.refuse(
        RefusalCode.UNKNOWN_SERVICE_ITEM,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        access(id, "name").toBuilder()
            .setServiceItemCode(passport.getCode().substring(0, 20) + "99999")
            .build());
  }

  @Test
  void anAccessCoversOnlyGrantedItemsOfTheSubjectsValidLicence() {
    Hash id =
        network.grant(KIOSK, grant(network.verify(KIOSK, citizen.holder()), GrantMode.STANDING));
    network.refuse(
        RefusalCode.GRANT_DOES_NOT_COVER,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        access(id, "ethnicity"));
    IssuedLicense othersCard = network.issue(population, population.citizen(4), "resident_id_card");
    RecordAccess othersData =
        access(id, "name").toBuilder()
            .setReleases(
                0,
                access(id, "name").getReleases(0).toBuilder().setLicenseId(othersCard.licenseId()))
            .build();
    network.refuse(
        RefusalCode.GRANT_DOES_NOT_COVER,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        othersData);
    network.accept(
        ChainKind.LICENSE,
        network.department("public-security"),
        LicenseLedger.SUSPEND,
        ChangeLicenseStatus.newBuilder().setLicenseId(card.licenseId()).setReason("暂扣").build());
    network.refuse(
        RefusalCode.LICENSE_NOT_VALID,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        access(id, "name"));
    network.refuse(
        RefusalCode.GRANT_NOT_FOUND,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        access(Hash.of(new byte[32]), "name"));
  }

  @Test
  void anAccessNeedsAnExistingLicenceAndTheCatalogsConsent() {
    Hash id =
        network.grant(KIOSK, grant(network.verify(KIOSK, citizen.holder()), GrantMode.STANDING));
    IssuedLicense never =
        population.issue(citizen, "household_register", network.issuerKeys(), network.now());
    RecordAccess missing =
        access(id, "name").toBuilder()
            .setReleases(
                0, access(id, "name").getReleases(0).toBuilder().setLicenseId(never.licenseId()))
            .build();
    network.refuse(
        RefusalCode.LICENSE_NOT_FOUND,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        missing);
    // The exit-entry counter is the exit-entry department's: a grantee of the item, and a consumer.
    network.accept(
        ChainKind.CONSENT,
        network.terminal("hd-exit-entry-counter"),
        ConsentLedger.RECORD_ACCESS,
        access(id, "id_number"));
  }

  @Test
  void accessesExpireWithTheirGrantAndAreRefusedAfterRevocation() {
    Hash verification = network.verify(KIOSK, citizen.holder());
    Hash id = network.grant(KIOSK, grant(verification, GrantMode.STANDING));
    network.advanceMillis(DAY_MILLIS);
    network.refuse(
        RefusalCode.GRANT_EXPIRED,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        access(id, "name"));
    Hash second =
        network.grant(KIOSK, grant(network.verify(KIOSK, citizen.holder()), GrantMode.STANDING));
    network.accept(
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.REVOKE,
        RevokeGrant.newBuilder()
            .setGrantId(second.toByteString())
            .setVerificationId(network.verify(KIOSK, citizen.holder()).toByteString())
            .build());
    network.refuse(
        RefusalCode.GRANT_REVOKED,
        ChainKind.CONSENT,
        network.terminal(KIOSK),
        ConsentLedger.RECORD_ACCESS,
        access(second, "name"));
  }

  @Test
  void malformedAccessRecordsAreRefused() {
    Hash id = Hash.of(new byte[32]);
    RecordAccess good = access(id, "name");
    for (RecordAccess bad :
        new RecordAccess[] {
          good.toBuilder().clearReleases().build(),
          good.toBuilder().setReleases(0, good.getReleases(0).toBuilder().clearItemCodes()).build(),
          good.toBuilder()
              .setReleases(0, good.getReleases(0).toBuilder().addItemCodes("id_number"))
              .build(),
          good.toBuilder()
              .setReleases(0, good.getReleases(0).toBuilder().setLicenseId("nope"))
              .build(),
          good.toBuilder().setServiceItemCode("XK1").build()
        }) {
      network.refuse(
          RefusalCode.MALFORMED_PAYLOAD,
          ChainKind.CONSENT,
          network.terminal(KIOSK),
          ConsentLedger.RECORD_ACCESS,
          bad);
    }
    assertTrue(ConsentLedger.MAX_RELEASES > 0);
  }
}
