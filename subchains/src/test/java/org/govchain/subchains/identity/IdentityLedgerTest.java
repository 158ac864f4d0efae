package org.govchain.subchains.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.EnumMap;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.state.StateReader;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.ExecutionContext;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.Verdict;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.Department;
import org.govchain.subchains.proto.DepartmentRole;
import org.govchain.subchains.proto.PrincipalStatus;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.RegisterDepartment;
import org.govchain.subchains.proto.RegisterTerminal;
import org.govchain.subchains.proto.SetTerminalStatus;
import org.govchain.subchains.proto.Terminal;
import org.govchain.subchains.proto.TerminalKind;
import org.govchain.subchains.proto.UpdateDepartment;
import org.govchain.subchains.proto.Verification;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.proto.VerificationResult;
import org.govchain.subchains.state.MemoryState;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

class IdentityLedgerTest {
  private static final String NEW_CODE =
      org.govchain.subchains.ids.CreditCode.withCheckCharacter("11110108MB9999997").value();
  private final TestNetwork network;
  private final StateReader identity;

  IdentityLedgerTest() throws Exception {
    network = TestNetwork.create();
    identity = network.state(ChainKind.IDENTITY);
  }

  private RegisterDepartment newDepartment(KeyPair key) {
    return RegisterDepartment.newBuilder()
        .setCode(
            org.govchain.subchains.ids.CreditCode.withCheckCharacter("11110108MB9999997").value())
        .setNodeId("sports")
        .setName("Haidian District Sports Bureau")
        .setNameZh("北京市海淀区体育局")
        .setRole(DepartmentRole.DEPARTMENT)
        .setPublicKey(key.publicKey().toByteString())
        .build();
  }

  private RecordVerification verification(long atMillis) {
    return RecordVerification.newBuilder()
        .setSubject(Hash.of(new byte[32]).toByteString())
        .setMethod(VerificationMethod.ID_CARD_AND_FACE)
        .setAssurance(AssuranceLevel.HIGH)
        .setVerifiedAtMillis(atMillis)
        .setResult(VerificationResult.PASSED)
        .build();
  }

  // Genesis and registration.

  @Test
  void genesisRegistersEveryDepartmentAndTerminalActive() throws Exception {
    DataSet data = network.data;
    for (DataSet.Department entry : data.departments()) {
      Department department = IdentityState.department(identity, entry.code()).orElseThrow();
      assertEquals(PrincipalStatus.ACTIVE, department.getStatus());
      assertEquals(entry.nodeId(), department.getNodeId());
      Principal principal =
          Principals.resolveActive(identity, network.department(entry.nodeId()).publicKey());
      assertEquals(entry.code(), principal.departmentCode());
    }
    assertEquals(data.dataBureau().code(), IdentityState.dataBureau(identity).orElseThrow());
    Principal kiosk = Principals.resolve(identity, network.terminal("hd-kiosk-0001").publicKey());
    assertTrue(kiosk.isTerminal());
    assertEquals(data.dataBureau().code(), kiosk.departmentCode());
    assertEquals("terminal:hd-kiosk-0001", kiosk.describe());
    assertEquals(
        8,
        identity
            .scan(
                IdentityState.operatorIndexPrefix(data.dataBureau().code()), ByteString.EMPTY, 100)
            .size());
  }

  @Test
  void theDataBureauRegistersADepartment() throws Exception {
    KeyPair key = network.newKeyPair();
    network.accept(
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.REGISTER_DEPARTMENT,
        newDepartment(key));
    Department department =
        IdentityState.department(identity, newDepartment(key).getCode()).orElseThrow();
    assertEquals(1, department.getVersion());
    assertEquals(
        "sports", Principals.resolveActive(identity, key.publicKey()).department().getNodeId());
  }

  @Test
  void onlyTheDataBureauRegistersDepartments() {
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.IDENTITY,
        network.department("agriculture"),
        IdentityLedger.REGISTER_DEPARTMENT,
        newDepartment(network.newKeyPair()));
    network.refuse(
        RefusalCode.SUBMITTER_NOT_REGISTERED,
        ChainKind.IDENTITY,
        network.newKeyPair().privateKey(),
        IdentityLedger.REGISTER_DEPARTMENT,
        newDepartment(network.newKeyPair()));
  }

  @Test
  void codesNodeIdsAndKeysAreUnique() {
    RegisterDepartment fresh = newDepartment(network.newKeyPair());
    String agricultureCode = network.data.department("agriculture").code();
    network.refuse(
        RefusalCode.ALREADY_EXISTS,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.REGISTER_DEPARTMENT,
        fresh.toBuilder().setCode(agricultureCode).build());
    network.refuse(
        RefusalCode.ALREADY_EXISTS,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.REGISTER_DEPARTMENT,
        fresh.toBuilder().setNodeId("agriculture").build());
    network.refuse(
        RefusalCode.KEY_IN_USE,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.REGISTER_DEPARTMENT,
        fresh.toBuilder()
            .setPublicKey(network.terminal("hd-kiosk-0001").publicKey().toByteString())
            .build());
  }

  @Test
  void malformedRegistrationsAreRefusedBeforeState() {
    RegisterDepartment fresh = newDepartment(network.newKeyPair());
    for (RegisterDepartment bad :
        new RegisterDepartment[] {
          fresh.toBuilder().setCode("11110108MB9999997X").build(),
          fresh.toBuilder().setNodeId("Sports").build(),
          fresh.toBuilder().setName("").build(),
          fresh.toBuilder().setNameZh("x".repeat(129)).build(),
          fresh.toBuilder().setName("tab\there").build(),
          fresh.toBuilder().clearRole().build(),
          fresh.toBuilder().setPublicKey(ByteString.copyFrom(new byte[5])).build()
        }) {
      network.refuse(
          RefusalCode.MALFORMED_PAYLOAD,
          ChainKind.IDENTITY,
          network.dataBureau(),
          IdentityLedger.REGISTER_DEPARTMENT,
          bad);
    }
  }

  @Test
  void aSecondDataBureauIsRefused() {
    KeyPair key = network.newKeyPair();
    network.refuse(
        RefusalCode.BOOTSTRAP_ONLY,
        ChainKind.IDENTITY,
        key.privateKey(),
        IdentityLedger.REGISTER_DEPARTMENT,
        newDepartment(key).toBuilder().setRole(DepartmentRole.DATA_BUREAU).build());
  }

  @Test
  void theDataBureauBootstrapsOnlyInGenesisAndOnlyByItself() throws Exception {
    MemoryState empty = new MemoryState();
    KeyPair bureau = network.newKeyPair();
    RegisterDepartment registration =
        newDepartment(bureau).toBuilder().setRole(DepartmentRole.DATA_BUREAU).build();
    var ledger = network.subchains.ledger(ChainKind.IDENTITY);
    var atHeightOne =
        ledger.execute(
            decode(
                network.transaction(
                    ChainKind.IDENTITY,
                    bureau.privateKey(),
                    IdentityLedger.REGISTER_DEPARTMENT,
                    registration)),
            new ExecutionContext(1, network.now(), empty, new EnumMap<>(ChainKind.class)));
    assertEquals(RefusalCode.BOOTSTRAP_ONLY, ((Verdict.Refused) atHeightOne).code());
    KeyPair other = network.newKeyPair();
    var signedByAnother =
        ledger.execute(
            decode(
                network.transaction(
                    ChainKind.IDENTITY,
                    other.privateKey(),
                    IdentityLedger.REGISTER_DEPARTMENT,
                    registration)),
            new ExecutionContext(0, network.now(), empty, new EnumMap<>(ChainKind.class)));
    assertEquals(RefusalCode.BOOTSTRAP_ONLY, ((Verdict.Refused) signedByAnother).code());
    assertEquals(0, empty.size());
    var genesis =
        ledger.execute(
            decode(
                network.transaction(
                    ChainKind.IDENTITY,
                    bureau.privateKey(),
                    IdentityLedger.REGISTER_DEPARTMENT,
                    registration)),
            new ExecutionContext(0, network.now(), empty, new EnumMap<>(ChainKind.class)));
    assertEquals(Verdict.ACCEPTED, genesis);
  }

  // Updates.

  @Test
  void aDepartmentRotatesItsOwnKey() throws Exception {
    String code = network.data.department("agriculture").code();
    PrivateKey old = network.department("agriculture");
    KeyPair next = network.newKeyPair();
    network.accept(
        ChainKind.IDENTITY,
        old,
        IdentityLedger.UPDATE_DEPARTMENT,
        UpdateDepartment.newBuilder()
            .setCode(code)
            .setExpectedVersion(1)
            .setNewPublicKey(next.publicKey().toByteString())
            .build());
    assertEquals(code, Principals.resolve(identity, next.publicKey()).departmentCode());
    assertTrue(IdentityState.keyBinding(identity, old.publicKey().toByteString()).isEmpty());
    assertEquals(2, IdentityState.department(identity, code).orElseThrow().getVersion());
    network.refuse(
        RefusalCode.VERSION_CONFLICT,
        ChainKind.IDENTITY,
        next.privateKey(),
        IdentityLedger.UPDATE_DEPARTMENT,
        UpdateDepartment.newBuilder()
            .setCode(code)
            .setExpectedVersion(1)
            .setNewPublicKey(network.newKeyPair().publicKey().toByteString())
            .build());
  }

  @Test
  void onlyTheDataBureauSuspendsADepartmentAndASuspendedOneCannotAct() throws Exception {
    String code = network.data.department("agriculture").code();
    UpdateDepartment suspend =
        UpdateDepartment.newBuilder()
            .setCode(code)
            .setExpectedVersion(1)
            .setNewStatus(PrincipalStatus.SUSPENDED)
            .build();
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.IDENTITY,
        network.department("agriculture"),
        IdentityLedger.UPDATE_DEPARTMENT,
        suspend);
    network.accept(
        ChainKind.IDENTITY, network.dataBureau(), IdentityLedger.UPDATE_DEPARTMENT, suspend);
    network.refuse(
        RefusalCode.SUBMITTER_NOT_ACTIVE,
        ChainKind.IDENTITY,
        network.department("agriculture"),
        IdentityLedger.UPDATE_DEPARTMENT,
        UpdateDepartment.newBuilder()
            .setCode(code)
            .setExpectedVersion(2)
            .setNewPublicKey(network.newKeyPair().publicKey().toByteString())
            .build());
    // Its terminal cannot act either: a terminal is active only with its operator.
    network.refuse(
        RefusalCode.SUBMITTER_NOT_ACTIVE,
        ChainKind.IDENTITY,
        network.terminal("hd-agriculture-system"),
        IdentityLedger.RECORD_VERIFICATION,
        verification(network.now()));
    network.refuse(
        RefusalCode.INVALID_STATUS_TRANSITION,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.UPDATE_DEPARTMENT,
        suspend.toBuilder().setExpectedVersion(2).build());
  }

  @Test
  void theDataBureausStatusNeverChangesAndUnknownDepartmentsAreNotFound() {
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.UPDATE_DEPARTMENT,
        UpdateDepartment.newBuilder()
            .setCode(network.data.dataBureau().code())
            .setExpectedVersion(1)
            .setNewStatus(PrincipalStatus.RETIRED)
            .build());
    network.refuse(
        RefusalCode.NOT_FOUND,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.UPDATE_DEPARTMENT,
        UpdateDepartment.newBuilder()
            .setCode(NEW_CODE)
            .setExpectedVersion(1)
            .setNewStatus(PrincipalStatus.SUSPENDED)
            .build());
    network.refuse(
        RefusalCode.MALFORMED_PAYLOAD,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.UPDATE_DEPARTMENT,
        UpdateDepartment.newBuilder().setCode(NEW_CODE).setExpectedVersion(1).build());
  }

  // Terminals.

  @Test
  void aDepartmentRegistersItsOwnTerminalsOnly() throws Exception {
    String health = network.data.department("health").code();
    RegisterTerminal counter =
        RegisterTerminal.newBuilder()
            .setTerminalId("hd-health-counter")
            .setKind(TerminalKind.COUNTER)
            .setOperatorCode(health)
            .setPublicKey(network.newKeyPair().publicKey().toByteString())
            .setLocation("window 9")
            .build();
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.IDENTITY,
        network.department("agriculture"),
        IdentityLedger.REGISTER_TERMINAL,
        counter);
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.IDENTITY,
        network.terminal("hd-health-system"),
        IdentityLedger.REGISTER_TERMINAL,
        counter);
    network.accept(
        ChainKind.IDENTITY,
        network.department("health"),
        IdentityLedger.REGISTER_TERMINAL,
        counter);
    Terminal stored = IdentityState.terminal(identity, "hd-health-counter").orElseThrow();
    assertEquals(PrincipalStatus.ACTIVE, stored.getStatus());
    network.refuse(
        RefusalCode.ALREADY_EXISTS,
        ChainKind.IDENTITY,
        network.department("health"),
        IdentityLedger.REGISTER_TERMINAL,
        counter.toBuilder().setPublicKey(network.newKeyPair().publicKey().toByteString()).build());
    network.refuse(
        RefusalCode.UNKNOWN_DEPARTMENT,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.REGISTER_TERMINAL,
        counter.toBuilder().setTerminalId("elsewhere").setOperatorCode(NEW_CODE).build());
  }

  @Test
  void terminalStatusMovesUntilRetired() throws Exception {
    SetTerminalStatus suspend =
        SetTerminalStatus.newBuilder()
            .setTerminalId("hd-kiosk-0002")
            .setExpectedVersion(1)
            .setNewStatus(PrincipalStatus.SUSPENDED)
            .build();
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.IDENTITY,
        network.department("health"),
        IdentityLedger.SET_TERMINAL_STATUS,
        suspend);
    network.accept(
        ChainKind.IDENTITY, network.dataBureau(), IdentityLedger.SET_TERMINAL_STATUS, suspend);
    network.refuse(
        RefusalCode.SUBMITTER_NOT_ACTIVE,
        ChainKind.IDENTITY,
        network.terminal("hd-kiosk-0002"),
        IdentityLedger.RECORD_VERIFICATION,
        verification(network.now()));
    SetTerminalStatus retire =
        suspend.toBuilder().setExpectedVersion(2).setNewStatus(PrincipalStatus.RETIRED).build();
    network.accept(
        ChainKind.IDENTITY, network.dataBureau(), IdentityLedger.SET_TERMINAL_STATUS, retire);
    network.refuse(
        RefusalCode.INVALID_STATUS_TRANSITION,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.SET_TERMINAL_STATUS,
        retire.toBuilder().setExpectedVersion(3).setNewStatus(PrincipalStatus.ACTIVE).build());
    network.refuse(
        RefusalCode.NOT_FOUND,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.SET_TERMINAL_STATUS,
        suspend.toBuilder().setTerminalId("hd-kiosk-9999").build());
    network.refuse(
        RefusalCode.VERSION_CONFLICT,
        ChainKind.IDENTITY,
        network.dataBureau(),
        IdentityLedger.SET_TERMINAL_STATUS,
        suspend.toBuilder().setTerminalId("hd-kiosk-0003").setExpectedVersion(4).build());
  }

  // Verifications.

  @Test
  void aTerminalRecordsAVerificationIndexedBySubject() throws Exception {
    Hash id =
        network.accept(
            ChainKind.IDENTITY,
            network.terminal("hd-kiosk-0001"),
            IdentityLedger.RECORD_VERIFICATION,
            verification(network.now()));
    Verification stored = IdentityState.verification(identity, id).orElseThrow();
    assertEquals("hd-kiosk-0001", stored.getTerminalId());
    assertEquals(VerificationResult.PASSED, stored.getResult());
    assertEquals(
        1,
        identity
            .scan(IdentityState.subjectIndexPrefix(Hash.of(new byte[32])), ByteString.EMPTY, 10)
            .size());
  }

  @Test
  void verificationsAreRecordedByTerminalsOnlyWithinTimeAndAssurance() {
    network.refuse(
        RefusalCode.NOT_PERMITTED,
        ChainKind.IDENTITY,
        network.department("health"),
        IdentityLedger.RECORD_VERIFICATION,
        verification(network.now()));
    network.refuse(
        RefusalCode.TIME_OUT_OF_RANGE,
        ChainKind.IDENTITY,
        network.terminal("hd-kiosk-0001"),
        IdentityLedger.RECORD_VERIFICATION,
        verification(network.now() + IdentityLedger.MAX_CLOCK_SKEW_MILLIS + 1));
    network.refuse(
        RefusalCode.ASSURANCE_EXCEEDS_METHOD,
        ChainKind.IDENTITY,
        network.terminal("hd-kiosk-0001"),
        IdentityLedger.RECORD_VERIFICATION,
        verification(network.now()).toBuilder().setMethod(VerificationMethod.ID_CARD).build());
    network.refuse(
        RefusalCode.MALFORMED_PAYLOAD,
        ChainKind.IDENTITY,
        network.terminal("hd-kiosk-0001"),
        IdentityLedger.RECORD_VERIFICATION,
        verification(network.now()).toBuilder()
            .setSubject(ByteString.copyFrom(new byte[31]))
            .build());
  }

  private org.govchain.core.chain.DecodedTransaction decode(
      org.govchain.core.proto.Transaction transaction) throws Exception {
    return org.govchain.core.chain.Transactions.decode(network.suite, transaction);
  }
}
