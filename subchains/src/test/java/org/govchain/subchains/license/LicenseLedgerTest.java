package org.govchain.subchains.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Transaction;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.Verdict;
import org.govchain.subchains.ids.LicenseIdentifier;
import org.govchain.subchains.population.Holder;
import org.govchain.subchains.population.IssuedLicense;
import org.govchain.subchains.population.PopulationGenerator;
import org.govchain.subchains.privacy.ItemCommitments;
import org.govchain.subchains.privacy.LicenseSignatures;
import org.govchain.subchains.proto.ChangeLicenseStatus;
import org.govchain.subchains.proto.HolderCodeType;
import org.govchain.subchains.proto.ItemCommitment;
import org.govchain.subchains.proto.LicenseContent;
import org.govchain.subchains.proto.LicenseOperation;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseStatus;
import org.govchain.subchains.proto.SignedLicense;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

class LicenseLedgerTest {
  private static final long YEAR_MILLIS = 365L * 86_400_000L;
  private final TestNetwork network;
  private final PopulationGenerator population;
  private final Holder citizen;
  private final PrivateKey police;

  LicenseLedgerTest() throws Exception {
    network = TestNetwork.create();
    population = network.population(42);
    citizen = population.citizen(7);
    police = network.department("public-security");
  }

  private IssuedLicense idCard() {
    return population.issue(citizen, "resident_id_card", network.issuerKeys(), network.now());
  }

  private SignedLicense sign(LicenseContent content, PrivateKey key) {
    return SignedLicense.newBuilder()
        .setContent(content)
        .setIssuerSignature(LicenseSignatures.sign(network.suite, key, content).toByteString())
        .build();
  }

  private static LicenseIdentifier parseId(String text) {
    try {
      return LicenseIdentifier.parse(text);
    } catch (org.govchain.core.MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  private LicenseRecord stored(String licenseId) {
    return LicenseState.license(network.state(ChainKind.LICENSE), licenseId).orElseThrow();
  }

  /** A successor of {@code previous}: next version of its identifier, same holder and items. */
  private LicenseContent successor(IssuedLicense previous, LicenseOperation operation, long until) {
    LicenseContent old = previous.signed().getContent();
    LicenseIdentifier id = parseId(old.getLicenseId());
    return old.toBuilder()
        .setLicenseId(
            LicenseIdentifier.of(id.typeCode(), id.issuerCode(), id.serial(), id.version() + 1)
                .text())
        .setOperation(operation)
        .setReplaces(old.getLicenseId())
        .setValidUntilMillis(until)
        .build();
  }

  // Issue.

  @Test
  void executeCheckedMakesTheSameChangesAsExecuteAndKeepsTheStatefulRules() throws Exception {
    TestNetwork twin = TestNetwork.create();
    Transaction issue =
        network.transaction(ChainKind.LICENSE, police, LicenseLedger.ISSUE, idCard().signed());
    org.govchain.core.chain.DecodedTransaction decoded =
        org.govchain.core.chain.Transactions.decode(network.suite, issue);
    org.govchain.subchains.Ledger ledger = network.subchains.ledger(ChainKind.LICENSE);
    assertEquals(Verdict.ACCEPTED, ledger.check(decoded));
    assertEquals(Verdict.ACCEPTED, ledger.execute(decoded, contextOf(network)));
    assertEquals(Verdict.ACCEPTED, ledger.executeChecked(decoded, contextOf(twin)));
    assertEquals(
        network.states.get(ChainKind.LICENSE).entries(),
        twin.states.get(ChainKind.LICENSE).entries());
    assertTrue(twin.states.get(ChainKind.LICENSE).size() > 0);
    // The nonce and "already exists" rules are stateful: executeChecked applies them.
    Verdict again = ledger.executeChecked(decoded, contextOf(twin));
    assertEquals(RefusalCode.STALE_NONCE, ((Verdict.Refused) again).code());
  }

  private static org.govchain.subchains.ExecutionContext contextOf(TestNetwork world) {
    java.util.Map<ChainKind, org.govchain.core.state.StateReader> anchored =
        new java.util.EnumMap<>(ChainKind.class);
    anchored.put(ChainKind.IDENTITY, world.states.get(ChainKind.IDENTITY));
    anchored.put(ChainKind.CATALOG, world.states.get(ChainKind.CATALOG));
    return new org.govchain.subchains.ExecutionContext(
        1, world.now(), world.states.get(ChainKind.LICENSE), anchored);
  }

  @Test
  void anIssuedLicenceIsStoredValidAndIndexedByHolderAndType() throws Exception {
    IssuedLicense card = idCard();
    network.accept(ChainKind.LICENSE, police, LicenseLedger.ISSUE, card.signed());
    LicenseRecord record = stored(card.licenseId());
    assertEquals(LicenseStatus.LICENSE_VALID, record.getStatus());
    assertEquals(card.signed().getIssuerSignature(), record.getIssuerSignature());
    assertTrue(LicenseSignatures.verify(network.suite, record));
    String type = network.data.licenseType("resident_id_card").getCode();
    assertEquals(
        1,
        LicenseState.licensesOf(network.state(ChainKind.LICENSE), citizen.holder(), type).size());
    // The record holds commitments only: the vault's values open them.
    for (ItemCommitment item : record.getContent().getItemsList()) {
      assertTrue(
          ItemCommitments.opens(
              network.suite,
              Hash.of(item.getCommitment().toByteArray()),
              card.licenseId(),
              item.getItemCode(),
              card.salts().get(item.getItemCode()),
              card.values().get(item.getItemCode())));
      assertTrue(
          !record.toByteString().toStringUtf8().contains(card.values().get("id_number")),
          "the ID number never enters the chain");
    }
    network.refuse(
        RefusalCode.ALREADY_EXISTS, ChainKind.LICENSE, police, LicenseLedger.ISSUE, card.signed());
  }

  @Test
  void onlyAProviderTheCatalogNamesIssuesAType() throws Exception {
    // The civil affairs bureau is registered but is no provider of identity cards.
    PrivateKey civil = network.department("civil-affairs");
    LicenseContent content =
        idCard().signed().getContent().toBuilder()
            .setIssuerPublicKey(civil.publicKey().toByteString())
            .build();
    String civilCode = network.data.department("civil-affairs").code();
    LicenseIdentifier id = parseId(content.getLicenseId());
    content =
        content.toBuilder()
            .setIssuerCode(civilCode)
            .setLicenseId(LicenseIdentifier.of(id.typeCode(), civilCode, id.serial(), 1).text())
            .build();
    network.refuse(
        RefusalCode.NOT_AN_ISSUER,
        ChainKind.LICENSE,
        civil,
        LicenseLedger.ISSUE,
        sign(content, civil));
  }

  @Test
  void aDepartmentIssuesOnlyInItsOwnName() throws Exception {
    // Signed by agriculture, claiming to be the police: the key is not the issuer's.
    PrivateKey agriculture = network.department("agriculture");
    LicenseContent content =
        idCard().signed().getContent().toBuilder()
            .setIssuerPublicKey(agriculture.publicKey().toByteString())
            .build();
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.LICENSE,
        agriculture,
        LicenseLedger.ISSUE,
        sign(content, agriculture));
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.LICENSE,
        network.terminal("hd-kiosk-0001"),
        LicenseLedger.ISSUE,
        sign(
            idCard().signed().getContent().toBuilder()
                .setIssuerPublicKey(network.terminal("hd-kiosk-0001").publicKey().toByteString())
                .build(),
            network.terminal("hd-kiosk-0001")));
  }

  @Test
  void theIssuerSignatureMustVerify() throws Exception {
    SignedLicense card = idCard().signed();
    SignedLicense forged =
        card.toBuilder()
            .setContent(
                card.getContent().toBuilder()
                    .setValidUntilMillis(card.getContent().getValidUntilMillis() + 1))
            .build();
    network.refuse(
        RefusalCode.ISSUER_SIGNATURE_INVALID,
        ChainKind.LICENSE,
        police,
        LicenseLedger.ISSUE,
        forged);
  }

  @Test
  void itemsMustMatchTheCatalog() throws Exception {
    LicenseContent content = idCard().signed().getContent();
    LicenseContent missingRequired = content.toBuilder().removeItems(0).build();
    network.refuse(
        RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
        ChainKind.LICENSE,
        police,
        LicenseLedger.ISSUE,
        sign(missingRequired, police));
    LicenseContent unknownItem =
        content.toBuilder()
            .addItems(
                ItemCommitment.newBuilder()
                    .setItemCode("zodiac")
                    .setCommitment(Hash.ZERO.toByteString()))
            .build();
    network.refuse(
        RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
        ChainKind.LICENSE,
        police,
        LicenseLedger.ISSUE,
        sign(unknownItem, police));
    LicenseContent wrongHolderKind =
        content.toBuilder().setHolderCodeType(HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE).build();
    network.refuse(
        RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
        ChainKind.LICENSE,
        police,
        LicenseLedger.ISSUE,
        sign(wrongHolderKind, police));
    LicenseContent oldVersion = content.toBuilder().setTypeVersion(2).build();
    network.refuse(
        RefusalCode.ITEMS_DO_NOT_MATCH_TYPE,
        ChainKind.LICENSE,
        police,
        LicenseLedger.ISSUE,
        sign(oldVersion, police));
  }

  @Test
  void anUnknownTypeIsRefused() throws Exception {
    LicenseContent content = idCard().signed().getContent();
    LicenseIdentifier id = parseId(content.getLicenseId());
    String unknownType = "11100000003468178DW099";
    LicenseContent unknown =
        content.toBuilder()
            .setTypeCode(unknownType)
            .setLicenseId(LicenseIdentifier.of(unknownType, id.issuerCode(), id.serial(), 1).text())
            .build();
    network.refuse(
        RefusalCode.UNKNOWN_LICENSE_TYPE,
        ChainKind.LICENSE,
        police,
        LicenseLedger.ISSUE,
        sign(unknown, police));
  }

  @Test
  void malformedLicencesAreRefusedBeforeState() throws Exception {
    LicenseContent content = idCard().signed().getContent();
    for (LicenseContent bad :
        new LicenseContent[] {
          content.toBuilder()
              .setLicenseId(
                  content.getLicenseId().substring(0, content.getLicenseId().length() - 1) + "0")
              .build(),
          content.toBuilder().setTypeCode("11100000003468178DW002").build(),
          content.toBuilder().setHolder(ByteString.copyFrom(new byte[3])).build(),
          content.toBuilder().setValidUntilMillis(content.getValidFromMillis()).build(),
          content.toBuilder().setOperation(LicenseOperation.CHANGE).build(),
          content.toBuilder().setReplaces(content.getLicenseId()).build(),
          content.toBuilder().clearItems().build(),
          content.toBuilder().addItems(content.getItems(0)).build(),
          content.toBuilder().clearHolderCodeType().build()
        }) {
      network.refuse(
          RefusalCode.MALFORMED_PAYLOAD,
          ChainKind.LICENSE,
          police,
          LicenseLedger.ISSUE,
          sign(bad, police));
    }
    network.refuse(
        RefusalCode.MALFORMED_PAYLOAD,
        ChainKind.LICENSE,
        police,
        LicenseLedger.ISSUE,
        SignedLicense.getDefaultInstance());
  }

  // Change and renewal.

  @Test
  void aChangeReplacesTheLicenceAndCancelsTheOld() throws Exception {
    IssuedLicense card = idCard();
    network.accept(ChainKind.LICENSE, police, LicenseLedger.ISSUE, card.signed());
    LicenseContent changed =
        successor(card, LicenseOperation.CHANGE, card.signed().getContent().getValidUntilMillis());
    network.accept(ChainKind.LICENSE, police, LicenseLedger.CHANGE, sign(changed, police));
    LicenseRecord old = stored(card.licenseId());
    assertEquals(LicenseStatus.LICENSE_CANCELLED, old.getStatus());
    assertEquals(changed.getLicenseId(), old.getReplacedBy());
    assertEquals(LicenseStatus.LICENSE_VALID, stored(changed.getLicenseId()).getStatus());
    // A licence is replaced once.
    LicenseContent again =
        successor(card, LicenseOperation.CHANGE, 0).toBuilder()
            .setLicenseId(
                LicenseIdentifier.of(
                        parseId(card.licenseId()).typeCode(),
                        parseId(card.licenseId()).issuerCode(),
                        "99",
                        1)
                    .text())
            .build();
    network.refuse(
        RefusalCode.LICENSE_STATUS_CONFLICT,
        ChainKind.LICENSE,
        police,
        LicenseLedger.CHANGE,
        sign(again, police));
  }

  @Test
  void aReplacementKeepsHolderTypeAndIssuerAndNeedsAnExistingLicence() throws Exception {
    IssuedLicense card = idCard();
    network.refuse(
        RefusalCode.LICENSE_NOT_FOUND,
        ChainKind.LICENSE,
        police,
        LicenseLedger.CHANGE,
        sign(successor(card, LicenseOperation.CHANGE, 0), police));
    network.accept(ChainKind.LICENSE, police, LicenseLedger.ISSUE, card.signed());
    LicenseContent otherHolder =
        successor(card, LicenseOperation.CHANGE, 0).toBuilder()
            .setHolder(population.citizen(8).holder().toByteString())
            .build();
    network.refuse(
        RefusalCode.REPLACEMENT_MISMATCH,
        ChainKind.LICENSE,
        police,
        LicenseLedger.CHANGE,
        sign(otherHolder, police));
  }

  @Test
  void aRenewalMustExtendValidityAndMayFollowExpiry() throws Exception {
    IssuedLicense card = idCard();
    network.accept(ChainKind.LICENSE, police, LicenseLedger.ISSUE, card.signed());
    long oldEnd = card.signed().getContent().getValidUntilMillis();
    network.refuse(
        RefusalCode.REPLACEMENT_MISMATCH,
        ChainKind.LICENSE,
        police,
        LicenseLedger.RENEW,
        sign(successor(card, LicenseOperation.RENEWAL, oldEnd), police));
    network.setNow(oldEnd + 1);
    assertEquals(
        LicenseStatus.LICENSE_EXPIRED,
        LicenseStatuses.effective(stored(card.licenseId()), network.now()));
    // An expired licence is not changed, but it is renewed.
    network.refuse(
        RefusalCode.LICENSE_STATUS_CONFLICT,
        ChainKind.LICENSE,
        police,
        LicenseLedger.CHANGE,
        sign(successor(card, LicenseOperation.CHANGE, oldEnd), police));
    LicenseContent renewed = successor(card, LicenseOperation.RENEWAL, oldEnd + 10 * YEAR_MILLIS);
    network.accept(ChainKind.LICENSE, police, LicenseLedger.RENEW, sign(renewed, police));
    assertEquals("renewed", stored(card.licenseId()).getStatusReason());
  }

  // Status operations.

  private ChangeLicenseStatus status(String licenseId, String reason) {
    return ChangeLicenseStatus.newBuilder().setLicenseId(licenseId).setReason(reason).build();
  }

  @Test
  void suspendReinstateWithdrawCancelRevokeFollowTheStatusTable() throws Exception {
    IssuedLicense card = idCard();
    network.accept(ChainKind.LICENSE, police, LicenseLedger.ISSUE, card.signed());
    String id = card.licenseId();
    network.refuse(
        RefusalCode.LICENSE_STATUS_CONFLICT,
        ChainKind.LICENSE,
        police,
        LicenseLedger.REINSTATE,
        status(id, "not suspended"));
    network.accept(ChainKind.LICENSE, police, LicenseLedger.SUSPEND, status(id, "暂扣：违法记分"));
    assertEquals(LicenseStatus.LICENSE_SUSPENDED, stored(id).getStatus());
    network.refuse(
        RefusalCode.LICENSE_STATUS_CONFLICT,
        ChainKind.LICENSE,
        police,
        LicenseLedger.SUSPEND,
        status(id, "twice"));
    network.accept(ChainKind.LICENSE, police, LicenseLedger.REINSTATE, status(id, "暂扣期满"));
    assertEquals(LicenseStatus.LICENSE_VALID, stored(id).getStatus());
    network.accept(ChainKind.LICENSE, police, LicenseLedger.REVOKE, status(id, "吊销"));
    assertEquals(LicenseStatus.LICENSE_REVOKED, stored(id).getStatus());
    for (String type :
        new String[] {
          LicenseLedger.SUSPEND,
          LicenseLedger.REINSTATE,
          LicenseLedger.WITHDRAW,
          LicenseLedger.CANCEL,
          LicenseLedger.REVOKE
        }) {
      network.refuse(
          RefusalCode.LICENSE_STATUS_CONFLICT,
          ChainKind.LICENSE,
          police,
          type,
          status(id, "final"));
    }
  }

  @Test
  void withdrawAndCancelSetTheirStatusesWithTheReason() throws Exception {
    IssuedLicense first = idCard();
    network.accept(ChainKind.LICENSE, police, LicenseLedger.ISSUE, first.signed());
    network.accept(
        ChainKind.LICENSE, police, LicenseLedger.WITHDRAW, status(first.licenseId(), "撤回：材料不实"));
    assertEquals(LicenseStatus.LICENSE_WITHDRAWN, stored(first.licenseId()).getStatus());
    assertEquals("撤回：材料不实", stored(first.licenseId()).getStatusReason());
    IssuedLicense second =
        population.issue(
            population.citizen(9), "resident_id_card", network.issuerKeys(), network.now());
    network.accept(ChainKind.LICENSE, police, LicenseLedger.ISSUE, second.signed());
    network.setNow(second.signed().getContent().getValidUntilMillis() + 1);
    network.refuse(
        RefusalCode.LICENSE_STATUS_CONFLICT,
        ChainKind.LICENSE,
        police,
        LicenseLedger.SUSPEND,
        status(second.licenseId(), "expired"));
    network.accept(
        ChainKind.LICENSE, police, LicenseLedger.CANCEL, status(second.licenseId(), "注销：死亡"));
    assertEquals(LicenseStatus.LICENSE_CANCELLED, stored(second.licenseId()).getStatus());
  }

  @Test
  void onlyTheIssuerChangesAStatusOfAnExistingLicence() throws Exception {
    IssuedLicense card = idCard();
    network.refuse(
        RefusalCode.LICENSE_NOT_FOUND,
        ChainKind.LICENSE,
        police,
        LicenseLedger.SUSPEND,
        status(card.licenseId(), "none"));
    network.accept(ChainKind.LICENSE, police, LicenseLedger.ISSUE, card.signed());
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.LICENSE,
        network.department("health"),
        LicenseLedger.REVOKE,
        status(card.licenseId(), "not mine"));
    network.refuse(
        RefusalCode.MALFORMED_PAYLOAD,
        ChainKind.LICENSE,
        police,
        LicenseLedger.REVOKE,
        status(card.licenseId(), ""));
    network.refuse(
        RefusalCode.MALFORMED_PAYLOAD,
        ChainKind.LICENSE,
        police,
        LicenseLedger.REVOKE,
        status(card.licenseId(), "x".repeat(LicenseLedger.MAX_REASON_CHARS + 1)));
  }

  @Test
  void effectiveStatusFollowsTheValidityPeriod() throws Exception {
    LicenseRecord record =
        LicenseRecord.newBuilder()
            .setStatus(LicenseStatus.LICENSE_VALID)
            .setContent(
                LicenseContent.newBuilder().setValidFromMillis(100).setValidUntilMillis(200))
            .build();
    assertEquals(LicenseStatus.LICENSE_OTHER, LicenseStatuses.effective(record, 99));
    assertEquals(LicenseStatus.LICENSE_VALID, LicenseStatuses.effective(record, 100));
    assertEquals(LicenseStatus.LICENSE_EXPIRED, LicenseStatuses.effective(record, 200));
    assertEquals(
        LicenseStatus.LICENSE_VALID,
        LicenseStatuses.effective(
            record.toBuilder()
                .setContent(record.getContent().toBuilder().setValidUntilMillis(0))
                .build(),
            Long.MAX_VALUE));
    assertEquals(
        LicenseStatus.LICENSE_REVOKED,
        LicenseStatuses.effective(
            record.toBuilder().setStatus(LicenseStatus.LICENSE_REVOKED).build(), 150));
    assertEquals("07", LicenseStatuses.code(LicenseStatus.LICENSE_REVOKED));
    assertEquals("99", LicenseStatuses.code(LicenseStatus.LICENSE_OTHER));
  }
}
