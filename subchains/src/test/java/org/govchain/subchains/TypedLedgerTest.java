package org.govchain.subchains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.Transactions;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Transaction;
import org.govchain.core.state.StateReader;
import org.govchain.subchains.catalog.CatalogLedger;
import org.govchain.subchains.consent.ConsentLedger;
import org.govchain.subchains.identity.IdentityLedger;
import org.govchain.subchains.license.LicenseLedger;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;
import org.govchain.subchains.service.ServiceLedger;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/** What every ledger does the same way: chain, type, payload, nonce, atomicity, declared reads. */
class TypedLedgerTest {
  private final TestNetwork network;
  private final Hash subject = Hash.of(new byte[32]);

  TypedLedgerTest() throws Exception {
    network = TestNetwork.create();
  }

  private RecordVerification verification() {
    return RecordVerification.newBuilder()
        .setSubject(subject.toByteString())
        .setMethod(VerificationMethod.ID_CARD)
        .setAssurance(AssuranceLevel.SUBSTANTIAL)
        .setVerifiedAtMillis(network.now())
        .setResult(VerificationResult.PASSED)
        .build();
  }

  @Test
  void chainIdsFollowTheNetworkName() throws Exception {
    Network haidian = new Network("haidian");
    assertEquals(new ChainId("haidian-license"), haidian.chainId(ChainKind.LICENSE));
    assertEquals(new ChainId("haidian-identity"), haidian.chainId(ChainKind.IDENTITY));
    assertEquals(new ChainId("haidian-consent"), haidian.chainId(ChainKind.CONSENT));
    assertEquals(new ChainId("haidian-catalog"), haidian.chainId(ChainKind.CATALOG));
    assertEquals(new ChainId("haidian-service"), haidian.chainId(ChainKind.SERVICE));
    assertEquals(ChainKind.SERVICE, haidian.kindOf(new ChainId("haidian-service")).orElseThrow());
    assertTrue(haidian.kindOf(new ChainId("chaoyang-service")).isEmpty());
    assertThrows(org.govchain.core.MalformedInputException.class, () -> Network.parse("Haidian"));
    assertThrows(
        org.govchain.core.MalformedInputException.class, () -> Network.parse("a".repeat(56)));
    Subchains subchains = new Subchains(haidian, network.suite);
    assertEquals(
        ChainKind.CONSENT,
        subchains.ledgerFor(new ChainId("haidian-consent")).orElseThrow().kind());
  }

  @Test
  void eachLedgerDeclaresItsTypesAndCrossChainReads() {
    Subchains subchains = network.subchains;
    assertEquals(
        Set.of(
            IdentityLedger.REGISTER_DEPARTMENT,
            IdentityLedger.UPDATE_DEPARTMENT,
            IdentityLedger.REGISTER_TERMINAL,
            IdentityLedger.SET_TERMINAL_STATUS,
            IdentityLedger.RECORD_VERIFICATION),
        subchains.ledger(ChainKind.IDENTITY).transactionTypes());
    assertEquals(8, subchains.ledger(ChainKind.LICENSE).transactionTypes().size());
    assertEquals(
        Set.of(ChainKind.IDENTITY, ChainKind.CATALOG),
        subchains.ledger(ChainKind.LICENSE).reads(LicenseLedger.ISSUE));
    assertEquals(
        Set.of(ChainKind.IDENTITY),
        subchains.ledger(ChainKind.LICENSE).reads(LicenseLedger.REVOKE));
    assertEquals(
        Set.of(ChainKind.IDENTITY, ChainKind.CATALOG, ChainKind.SERVICE, ChainKind.LICENSE),
        subchains.ledger(ChainKind.CONSENT).reads(ConsentLedger.RECORD_ACCESS));
    assertEquals(
        Set.of(ChainKind.IDENTITY),
        subchains.ledger(ChainKind.CATALOG).reads(CatalogLedger.DEFINE_RESOURCE));
    assertEquals(
        Set.of(ChainKind.IDENTITY, ChainKind.LICENSE, ChainKind.CONSENT),
        subchains.ledger(ChainKind.SERVICE).reads(ServiceLedger.FILE_CASE));
    assertEquals(Set.of(), subchains.ledger(ChainKind.SERVICE).reads("service.unknown"));
    for (ChainKind kind : ChainKind.values()) {
      for (String type : subchains.ledger(kind).transactionTypes()) {
        assertTrue(type.startsWith(kind.suffix() + "."), type);
        assertTrue(!subchains.ledger(kind).reads(type).contains(kind), type + " reads itself");
      }
    }
  }

  @Test
  void aTransactionForAnotherChainIsRefused() {
    Transaction transaction =
        network.transaction(
            ChainKind.IDENTITY,
            network.terminal("hd-kiosk-0001"),
            IdentityLedger.RECORD_VERIFICATION,
            verification());
    network.refuse(RefusalCode.WRONG_CHAIN, ChainKind.CONSENT, transaction);
  }

  @Test
  void anUnknownTypeIsRefused() {
    network.refuse(
        RefusalCode.UNKNOWN_TYPE,
        ChainKind.IDENTITY,
        network.terminal("hd-kiosk-0001"),
        "identity.forget_everything",
        verification());
  }

  @Test
  void aPayloadThatIsNotCanonicalIsRefused() {
    ByteString canonical = Canonical.encodeToByteString(verification());
    ByteString trailing = canonical.concat(ByteString.copyFrom(new byte[] {0x08, 0x00}));
    Transaction transaction =
        network.transaction(
            ChainKind.IDENTITY,
            network.terminal("hd-kiosk-0001"),
            IdentityLedger.RECORD_VERIFICATION,
            trailing,
            1);
    network.refuse(RefusalCode.MALFORMED_PAYLOAD, ChainKind.IDENTITY, transaction);
    ByteString garbage = ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff});
    network.refuse(
        RefusalCode.MALFORMED_PAYLOAD,
        ChainKind.IDENTITY,
        network.transaction(
            ChainKind.IDENTITY,
            network.terminal("hd-kiosk-0001"),
            IdentityLedger.RECORD_VERIFICATION,
            garbage,
            1));
    ByteString oversized = ByteString.copyFrom(new byte[TypedLedger.MAX_PAYLOAD_BYTES + 1]);
    Verdict verdict =
        network
            .subchains
            .ledger(ChainKind.IDENTITY)
            .check(
                decode(
                    network.transaction(
                        ChainKind.IDENTITY,
                        network.terminal("hd-kiosk-0001"),
                        IdentityLedger.RECORD_VERIFICATION,
                        oversized,
                        1)));
    assertEquals(RefusalCode.MALFORMED_PAYLOAD, ((Verdict.Refused) verdict).code());
  }

  @Test
  void replaysAndStaleNoncesAreRefusedAndGapsAllowed() {
    Transaction first =
        network.transaction(
            ChainKind.IDENTITY,
            network.terminal("hd-kiosk-0001"),
            IdentityLedger.RECORD_VERIFICATION,
            Canonical.encodeToByteString(verification()),
            5);
    assertEquals(Verdict.ACCEPTED, network.execute(ChainKind.IDENTITY, first));
    network.refuse(RefusalCode.STALE_NONCE, ChainKind.IDENTITY, first);
    Transaction stale =
        network.transaction(
            ChainKind.IDENTITY,
            network.terminal("hd-kiosk-0001"),
            IdentityLedger.RECORD_VERIFICATION,
            Canonical.encodeToByteString(verification()),
            4);
    network.refuse(RefusalCode.STALE_NONCE, ChainKind.IDENTITY, stale);
    Transaction gap =
        network.transaction(
            ChainKind.IDENTITY,
            network.terminal("hd-kiosk-0001"),
            IdentityLedger.RECORD_VERIFICATION,
            Canonical.encodeToByteString(verification()),
            9);
    assertEquals(Verdict.ACCEPTED, network.execute(ChainKind.IDENTITY, gap));
    // Nonces are per chain: nonce 1 on another chain is fresh.
    assertEquals(
        0,
        org.govchain.subchains.state.Nonces.last(
            network.state(ChainKind.CONSENT), network.terminal("hd-kiosk-0001").publicKey()));
  }

  @Test
  void aRefusalAfterPartialWorkChangesNothingNotEvenTheNonce() {
    // The nonce is written first, then the stateful rules refuse: the buffer is dropped.
    RecordVerification late =
        verification().toBuilder().setVerifiedAtMillis(network.now() - 2 * 86_400_000L).build();
    network.refuse(
        RefusalCode.TIME_OUT_OF_RANGE,
        ChainKind.IDENTITY,
        network.terminal("hd-kiosk-0001"),
        IdentityLedger.RECORD_VERIFICATION,
        late);
  }

  @Test
  void checkIsStatelessAndExecuteRepeatsIt() {
    Transaction transaction =
        network.transaction(
            ChainKind.IDENTITY,
            network.terminal("hd-kiosk-0001"),
            IdentityLedger.RECORD_VERIFICATION,
            verification().toBuilder().setMethodValue(77).build());
    Verdict check = network.subchains.ledger(ChainKind.IDENTITY).check(decode(transaction));
    assertEquals(RefusalCode.MALFORMED_PAYLOAD, ((Verdict.Refused) check).code());
    network.refuse(RefusalCode.MALFORMED_PAYLOAD, ChainKind.IDENTITY, transaction);
    Transaction good =
        network.transaction(
            ChainKind.IDENTITY,
            network.terminal("hd-kiosk-0001"),
            IdentityLedger.RECORD_VERIFICATION,
            verification());
    assertEquals(
        Verdict.ACCEPTED, network.subchains.ledger(ChainKind.IDENTITY).check(decode(good)));
  }

  @Test
  void readingAChainWithoutItsAnchorIsAProgrammingError() {
    var issued =
        network
            .population(1)
            .issue(
                network.population(1).citizen(0),
                "resident_id_card",
                network.issuerKeys(),
                network.now());
    Transaction transaction =
        network.transaction(
            ChainKind.LICENSE,
            network.department("public-security"),
            LicenseLedger.ISSUE,
            issued.signed());
    Map<ChainKind, StateReader> onlyIdentity = new EnumMap<>(ChainKind.class);
    onlyIdentity.put(ChainKind.IDENTITY, network.state(ChainKind.IDENTITY));
    ExecutionContext context =
        new ExecutionContext(1, network.now(), network.state(ChainKind.LICENSE), onlyIdentity);
    assertThrows(
        IllegalArgumentException.class,
        () -> network.subchains.ledger(ChainKind.LICENSE).execute(decode(transaction), context));
  }

  private org.govchain.core.chain.DecodedTransaction decode(Transaction transaction) {
    try {
      return Transactions.decode(network.suite, transaction);
    } catch (org.govchain.core.MalformedInputException e) {
      throw new AssertionError(e);
    }
  }
}
