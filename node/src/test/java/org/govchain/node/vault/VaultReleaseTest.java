package org.govchain.node.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.license.LicenseLedger;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.IssuedLicense;
import org.govchain.subchains.proto.ChangeLicenseStatus;
import org.govchain.subchains.proto.GrantMode;
import org.govchain.subchains.proto.PrincipalStatus;
import org.govchain.subchains.proto.RevokeGrant;
import org.govchain.subchains.proto.SetTerminalStatus;
import org.govchain.subchains.pull.MaterialOutcome;
import org.govchain.subchains.testing.PesticideScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Releases against committed access records on the real consent, licence and identity chains. */
class VaultReleaseTest {
  @TempDir Path directory;

  private VaultScenario intl() throws Exception {
    return new VaultScenario(CryptoSuite.intl(), directory.resolve("vault"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SM", "INTL"})
  void aCommittedAccessRecordReleasesTheRecordedItemsUnderBothSuites(String suite)
      throws Exception {
    CryptoSuite cryptoSuite = suite.equals("SM") ? CryptoSuite.sm() : CryptoSuite.intl();
    VaultScenario scenario = new VaultScenario(cryptoSuite, directory.resolve("vault"));
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
    }
    scenario.recorded(GrantMode.ONE_TIME);
    assertEquals(4, scenario.found.size(), "the pesticide pull finds four licences");
    // Reopened: the values survived on disk and the key check passes.
    try (Vault vault = scenario.open()) {
      assertEquals(4, vault.licenseCount());
      for (IssuedLicense licence : scenario.licences) {
        MaterialOutcome.Found material = scenario.material(licence);
        ReleaseResult.Released released =
            assertInstanceOf(
                ReleaseResult.Released.class,
                vault.release(scenario.views(), scenario.request(material)));
        assertEquals(material.releasedItems().size(), released.items().size());
        assertFalse(released.items().isEmpty());
        for (ReleasedItem item : released.items()) {
          assertEquals(licence.values().get(item.itemCode()), item.value(), item.itemCode());
          assertEquals(licence.salts().get(item.itemCode()), item.salt(), item.itemCode());
        }
      }
    }
  }

  @Test
  void aSubsetOfTheRecordedItemsIsReleasedAlone() throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.ONE_TIME);
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      MaterialOutcome.Found card = scenario.material(scenario.pesticide.idCard);
      String first = card.releasedItems().get(0);
      ReleaseResult.Released released =
          assertInstanceOf(
              ReleaseResult.Released.class,
              vault.release(
                  scenario.views(),
                  new ReleaseRequest(
                      scenario.accessId,
                      scenario.kiosk(),
                      card.licenseId(),
                      List.of(first),
                      scenario.network.now())));
      assertEquals(List.of(first), released.items().stream().map(ReleasedItem::itemCode).toList());
    }
  }

  @Test
  void withoutAnAccessRecordNothingIsReleased() throws Exception {
    VaultScenario scenario = intl();
    scenario.pesticide.verifiedAndGranted(GrantMode.ONE_TIME);
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      IssuedLicense card = scenario.pesticide.idCard;
      ReleaseRequest request =
          new ReleaseRequest(
              scenario.pesticide.personalGrant, // a grant id is not an access record id
              scenario.kiosk(),
              card.licenseId(),
              List.copyOf(card.values().keySet()),
              scenario.network.now());
      assertRefused(VaultRefusal.ACCESS_RECORD_NOT_FOUND, vault.release(scenario.views(), request));
      ReleaseRequest unknown =
          new ReleaseRequest(
              Hash.of(new byte[32]),
              scenario.kiosk(),
              card.licenseId(),
              List.copyOf(card.values().keySet()),
              scenario.network.now());
      assertRefused(VaultRefusal.ACCESS_RECORD_NOT_FOUND, vault.release(scenario.views(), unknown));
    }
  }

  @Test
  void anotherRequesterCannotUseTheRecord() throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.ONE_TIME);
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      MaterialOutcome.Found card = scenario.material(scenario.pesticide.idCard);
      ReleaseRequest otherTerminal =
          new ReleaseRequest(
              scenario.accessId,
              scenario.network.terminal("hd-kiosk-0002").publicKey(),
              card.licenseId(),
              card.releasedItems(),
              scenario.network.now());
      assertRefused(
          VaultRefusal.REQUESTER_MISMATCH, vault.release(scenario.views(), otherTerminal));
      ReleaseRequest operatingDepartment =
          new ReleaseRequest(
              scenario.accessId,
              scenario.network.dataBureau().publicKey(),
              card.licenseId(),
              card.releasedItems(),
              scenario.network.now());
      assertRefused(
          VaultRefusal.REQUESTER_MISMATCH, vault.release(scenario.views(), operatingDepartment));
      ReleaseRequest unregistered =
          new ReleaseRequest(
              scenario.accessId,
              scenario.network.newKeyPair().publicKey(),
              card.licenseId(),
              card.releasedItems(),
              scenario.network.now());
      assertRefused(
          VaultRefusal.REQUESTER_NOT_REGISTERED, vault.release(scenario.views(), unregistered));
    }
  }

  @Test
  void aLicenceOutsideTheRecordIsRefused() throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.ONE_TIME);
    Holder neighbour = scenario.pesticide.population.citizen(13);
    IssuedLicense otherCard =
        scenario.network.issue(scenario.pesticide.population, neighbour, "resident_id_card");
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      assertInstanceOf(
          DepositResult.Stored.class,
          vault.deposit(scenario.onChain(otherCard), VaultScenario.openings(otherCard)));
      ReleaseRequest request =
          new ReleaseRequest(
              scenario.accessId,
              scenario.kiosk(),
              otherCard.licenseId(),
              List.copyOf(otherCard.values().keySet()),
              scenario.network.now());
      assertRefused(VaultRefusal.LICENSE_NOT_IN_RECORD, vault.release(scenario.views(), request));
    }
  }

  @Test
  void itemsOutsideTheRecordAreRefused() throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.ONE_TIME);
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      for (MaterialOutcome.Found material : scenario.found) {
        List<String> notReleased = new ArrayList<>(material.withheldItems());
        notReleased.add("no_such_item");
        for (String item : notReleased) {
          List<String> asked = new ArrayList<>(material.releasedItems());
          asked.add(item);
          ReleaseRequest request =
              new ReleaseRequest(
                  scenario.accessId,
                  scenario.kiosk(),
                  material.licenseId(),
                  asked,
                  scenario.network.now());
          VaultRefused refused =
              assertRefused(
                  VaultRefusal.ITEMS_NOT_IN_RECORD, vault.release(scenario.views(), request));
          assertTrue(refused.message().contains(item), refused.message());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {LicenseLedger.REVOKE, LicenseLedger.SUSPEND})
  void aLicenceRevokedOrSuspendedAfterTheRecordIsRefused(String operation) throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.ONE_TIME);
    IssuedLicense business = scenario.pesticide.businessLicence;
    scenario.network.accept(
        ChainKind.LICENSE,
        scenario.network.departmentByCode(business.signed().getContent().getIssuerCode()),
        operation,
        ChangeLicenseStatus.newBuilder()
            .setLicenseId(business.licenseId())
            .setReason("inspection found violations")
            .build());
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      VaultRefused refused =
          assertRefused(
              VaultRefusal.LICENSE_NOT_VALID,
              vault.release(scenario.views(), scenario.request(scenario.material(business))));
      assertTrue(
          refused
              .message()
              .contains(operation.equals(LicenseLedger.REVOKE) ? "REVOKED" : "SUSPENDED"),
          refused.message());
      // The other licences of the record are still released.
      assertInstanceOf(
          ReleaseResult.Released.class,
          vault.release(
              scenario.views(), scenario.request(scenario.material(scenario.pesticide.idCard))));
    }
  }

  @Test
  void aGrantRevokedAfterTheRecordStopsTheRelease() throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.STANDING);
    PesticideScenario pesticide = scenario.pesticide;
    Hash fresh =
        scenario.network.verify(PesticideScenario.KIOSK, pesticide.representative.holder());
    scenario.network.accept(
        ChainKind.CONSENT,
        scenario.network.terminal(PesticideScenario.KIOSK),
        org.govchain.subchains.consent.ConsentLedger.REVOKE,
        RevokeGrant.newBuilder()
            .setGrantId(pesticide.personalGrant.toByteString())
            .setVerificationId(fresh.toByteString())
            .build());
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      assertRefused(
          VaultRefusal.GRANT_NOT_LIVE,
          vault.release(scenario.views(), scenario.request(scenario.material(pesticide.idCard))));
      // The company's grant was not revoked.
      assertInstanceOf(
          ReleaseResult.Released.class,
          vault.release(
              scenario.views(), scenario.request(scenario.material(pesticide.businessLicence))));
    }
  }

  @Test
  void aSuspendedTerminalIsRefusedAtOnce() throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.ONE_TIME);
    scenario.network.accept(
        ChainKind.IDENTITY,
        scenario.network.dataBureau(),
        IdentityLedger.SET_TERMINAL_STATUS,
        SetTerminalStatus.newBuilder()
            .setTerminalId(PesticideScenario.KIOSK)
            .setExpectedVersion(1)
            .setNewStatus(PrincipalStatus.SUSPENDED)
            .build());
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      assertRefused(
          VaultRefusal.REQUESTER_NOT_ACTIVE,
          vault.release(
              scenario.views(), scenario.request(scenario.material(scenario.pesticide.idCard))));
    }
  }

  @Test
  void anAccessRecordAuthorizesOnlyForALimitedTime() throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.ONE_TIME);
    MaterialOutcome.Found card = scenario.material(scenario.pesticide.idCard);
    long recordedAt = scenario.network.now();
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      long limit = VaultLimits.DEFAULT.accessRecordAgeMaxMillis();
      ReleaseRequest atLimit =
          new ReleaseRequest(
              scenario.accessId,
              scenario.kiosk(),
              card.licenseId(),
              card.releasedItems(),
              recordedAt + limit);
      assertInstanceOf(ReleaseResult.Released.class, vault.release(scenario.views(), atLimit));
      ReleaseRequest late =
          new ReleaseRequest(
              scenario.accessId,
              scenario.kiosk(),
              card.licenseId(),
              card.releasedItems(),
              recordedAt + limit + 1);
      assertRefused(VaultRefusal.ACCESS_RECORD_TOO_OLD, vault.release(scenario.views(), late));
    }
  }

  @Test
  void aLicenceOfAnotherDepartmentOrNeverDepositedIsRefused() throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.ONE_TIME);
    IssuedLicense card = scenario.pesticide.idCard;
    IssuedLicense business = scenario.pesticide.businessLicence;
    String cardIssuer = card.signed().getContent().getIssuerCode();
    assertFalse(cardIssuer.equals(business.signed().getContent().getIssuerCode()));
    try (Vault vault = scenario.open(Set.of(cardIssuer))) {
      assertRefused(
          VaultRefusal.NOT_KEPT_HERE,
          vault.release(scenario.views(), scenario.request(scenario.material(business))));
      assertRefused(
          VaultRefusal.NOT_DEPOSITED,
          vault.release(scenario.views(), scenario.request(scenario.material(card))));
    }
  }

  @Test
  void malformedRequestsAreRefused() throws Exception {
    VaultScenario scenario = intl().recorded(GrantMode.ONE_TIME);
    MaterialOutcome.Found card = scenario.material(scenario.pesticide.idCard);
    try (Vault vault = scenario.open()) {
      scenario.depositAll(vault);
      for (List<String> items :
          List.of(List.<String>of(), List.of("Bad Code"), List.of("name", "name"))) {
        ReleaseRequest request =
            new ReleaseRequest(
                scenario.accessId,
                scenario.kiosk(),
                card.licenseId(),
                items,
                scenario.network.now());
        assertRefused(VaultRefusal.MALFORMED_REQUEST, vault.release(scenario.views(), request));
      }
      ReleaseRequest badId =
          new ReleaseRequest(
              scenario.accessId,
              scenario.kiosk(),
              "not-a-licence",
              card.releasedItems(),
              scenario.network.now());
      assertRefused(VaultRefusal.MALFORMED_REQUEST, vault.release(scenario.views(), badId));
    }
  }

  static VaultRefused assertRefused(VaultRefusal reason, Object result) {
    VaultRefused refused = assertInstanceOf(VaultRefused.class, result, String.valueOf(result));
    assertEquals(reason, refused.reason(), refused.message());
    return refused;
  }
}
