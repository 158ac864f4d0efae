package org.govchain.subchains.identity;

import static org.govchain.subchains.Fields.require;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.govchain.core.chain.DecodedTransaction;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Execution;
import org.govchain.subchains.Fields;
import org.govchain.subchains.Network;
import org.govchain.subchains.Operation;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.TypedLedger;
import org.govchain.subchains.proto.AssuranceLevel;
import org.govchain.subchains.proto.Department;
import org.govchain.subchains.proto.DepartmentRole;
import org.govchain.subchains.proto.KeyBinding;
import org.govchain.subchains.proto.PrincipalStatus;
import org.govchain.subchains.proto.RecordVerification;
import org.govchain.subchains.proto.RegisterDepartment;
import org.govchain.subchains.proto.RegisterTerminal;
import org.govchain.subchains.proto.SetTerminalStatus;
import org.govchain.subchains.proto.Terminal;
import org.govchain.subchains.proto.UpdateDepartment;
import org.govchain.subchains.proto.Verification;
import org.govchain.subchains.proto.VerificationMethod;
import org.govchain.subchains.state.Stored;

/** The identity chain (认证链): registry of departments and terminals; verification events. */
public final class IdentityLedger {
  public static final String REGISTER_DEPARTMENT = "identity.register_department";
  public static final String UPDATE_DEPARTMENT = "identity.update_department";
  public static final String REGISTER_TERMINAL = "identity.register_terminal";
  public static final String SET_TERMINAL_STATUS = "identity.set_terminal_status";
  public static final String RECORD_VERIFICATION = "identity.record_verification";

  /** A verification is recorded within a day of when it happened... */
  public static final long VERIFICATION_MAX_DELAY_MILLIS = 24L * 60 * 60 * 1000;

  /** ...and not more than this ahead of the block's time (clock skew). */
  public static final long MAX_CLOCK_SKEW_MILLIS = 5L * 60 * 1000;

  private static final Pattern NODE_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  private final CryptoSuite suite;

  private IdentityLedger(CryptoSuite suite) {
    this.suite = suite;
  }

  public static TypedLedger create(Network network, CryptoSuite suite) {
    IdentityLedger ledger = new IdentityLedger(suite);
    Set<ChainKind> none = Set.of();
    return new TypedLedger(
        ChainKind.IDENTITY,
        network,
        suite,
        List.of(
            new Operation<>(
                REGISTER_DEPARTMENT,
                RegisterDepartment.parser(),
                none,
                ledger::checkRegisterDepartment,
                ledger::registerDepartment),
            new Operation<>(
                UPDATE_DEPARTMENT,
                UpdateDepartment.parser(),
                none,
                ledger::checkUpdateDepartment,
                ledger::updateDepartment),
            new Operation<>(
                REGISTER_TERMINAL,
                RegisterTerminal.parser(),
                none,
                ledger::checkRegisterTerminal,
                ledger::registerTerminal),
            new Operation<>(
                SET_TERMINAL_STATUS,
                SetTerminalStatus.parser(),
                none,
                IdentityLedger::checkSetTerminalStatus,
                IdentityLedger::setTerminalStatus),
            new Operation<>(
                RECORD_VERIFICATION,
                RecordVerification.parser(),
                none,
                IdentityLedger::checkRecordVerification,
                IdentityLedger::recordVerification)));
  }

  /** The highest assurance a verification method can give. */
  public static AssuranceLevel maximumAssurance(VerificationMethod method) {
    return switch (method) {
      case ID_CARD -> AssuranceLevel.SUBSTANTIAL;
      case ID_CARD_AND_FACE, E_IDENTITY -> AssuranceLevel.HIGH;
      case VERIFICATION_METHOD_UNSPECIFIED, UNRECOGNIZED ->
          AssuranceLevel.ASSURANCE_LEVEL_UNSPECIFIED;
    };
  }

  // identity.register_department

  private void checkRegisterDepartment(RegisterDepartment payload, DecodedTransaction transaction)
      throws Refusal {
    Fields.creditCode(payload.getCode(), "code");
    Fields.matches(payload.getNodeId(), NODE_ID, "node_id");
    Fields.text(payload.getName(), "name", Fields.MAX_NAME_CHARS);
    Fields.text(payload.getNameZh(), "name_zh", Fields.MAX_NAME_CHARS);
    Fields.known(payload.getRole(), "role");
    Fields.publicKey(suite, payload.getPublicKey(), "public_key");
  }

  private void registerDepartment(RegisterDepartment payload, Execution execution) throws Refusal {
    StateWriter state = execution.state();
    if (payload.getRole() == DepartmentRole.DATA_BUREAU) {
      requireBootstrap(payload, execution);
    } else {
      Principal submitter = Principals.resolveActive(state, execution.transaction().submitter());
      permit(submitter.isDataBureau(), "only the data bureau registers departments");
    }
    if (IdentityState.department(state, payload.getCode()).isPresent()) {
      throw new Refusal(
          RefusalCode.ALREADY_EXISTS, "department " + payload.getCode() + " is registered");
    }
    if (state.get(IdentityState.nodeIdKey(payload.getNodeId())).isPresent()) {
      throw new Refusal(
          RefusalCode.ALREADY_EXISTS, "node id " + payload.getNodeId() + " is in use");
    }
    requireUnboundKey(state, payload.getPublicKey());
    Department department =
        Department.newBuilder()
            .setCode(payload.getCode())
            .setNodeId(payload.getNodeId())
            .setName(payload.getName())
            .setNameZh(payload.getNameZh())
            .setRole(payload.getRole())
            .setPublicKey(payload.getPublicKey())
            .setStatus(PrincipalStatus.ACTIVE)
            .setVersion(1)
            .setUpdatedHeight(execution.height())
            .build();
    IdentityState.putDepartment(state, department);
    IdentityState.bindKey(
        state,
        payload.getPublicKey(),
        KeyBinding.newBuilder().setDepartmentCode(payload.getCode()).build());
    state.put(
        IdentityState.nodeIdKey(payload.getNodeId()), ByteString.copyFromUtf8(payload.getCode()));
    if (payload.getRole() == DepartmentRole.DATA_BUREAU) {
      IdentityState.markDataBureau(state, payload.getCode());
    }
  }

  /** The data bureau registers itself, once, in the identity chain's genesis block. */
  private static void requireBootstrap(RegisterDepartment payload, Execution execution)
      throws Refusal {
    if (IdentityState.dataBureau(execution.state()).isPresent()) {
      throw new Refusal(RefusalCode.BOOTSTRAP_ONLY, "the data bureau is already registered");
    }
    if (execution.height() != 0) {
      throw new Refusal(
          RefusalCode.BOOTSTRAP_ONLY, "the data bureau is registered in the genesis block only");
    }
    if (!execution.transaction().submitter().toByteString().equals(payload.getPublicKey())) {
      throw new Refusal(
          RefusalCode.BOOTSTRAP_ONLY, "the data bureau's registration must be signed by its key");
    }
  }

  // identity.update_department

  private void checkUpdateDepartment(UpdateDepartment payload, DecodedTransaction transaction)
      throws Refusal {
    Fields.creditCode(payload.getCode(), "code");
    require(payload.getExpectedVersion() >= 1, "expected_version is missing");
    boolean newKey = !payload.getNewPublicKey().isEmpty();
    if (newKey) {
      Fields.publicKey(suite, payload.getNewPublicKey(), "new_public_key");
    }
    boolean newStatus = payload.getNewStatusValue() != 0;
    if (newStatus) {
      Fields.known(payload.getNewStatus(), "new_status");
    }
    require(newKey || newStatus, "the update changes nothing");
  }

  private void updateDepartment(UpdateDepartment payload, Execution execution) throws Refusal {
    StateWriter state = execution.state();
    Principal submitter = Principals.resolveActive(state, execution.transaction().submitter());
    Department department = existingDepartment(state, payload.getCode());
    requireVersion(department.getVersion(), payload.getExpectedVersion(), payload.getCode());
    boolean statusChange = payload.getNewStatusValue() != 0;
    if (statusChange) {
      permit(submitter.isDataBureau(), "only the data bureau changes a department's status");
      permit(
          department.getRole() != DepartmentRole.DATA_BUREAU,
          "the data bureau's own status cannot change");
      requireTransition(department.getStatus(), payload.getNewStatus(), payload.getCode());
    } else {
      permit(
          submitter.isDataBureau() || submitter.isDepartment(payload.getCode()),
          "a department's key is changed by itself or the data bureau");
    }
    Department.Builder updated =
        department.toBuilder()
            .setVersion(department.getVersion() + 1)
            .setUpdatedHeight(execution.height());
    if (statusChange) {
      updated.setStatus(payload.getNewStatus());
    }
    if (!payload.getNewPublicKey().isEmpty()) {
      requireUnboundKey(state, payload.getNewPublicKey());
      state.delete(IdentityState.keyBindingKey(department.getPublicKey()));
      IdentityState.bindKey(
          state,
          payload.getNewPublicKey(),
          KeyBinding.newBuilder().setDepartmentCode(payload.getCode()).build());
      updated.setPublicKey(payload.getNewPublicKey());
    }
    IdentityState.putDepartment(state, updated.build());
  }

  // identity.register_terminal

  private void checkRegisterTerminal(RegisterTerminal payload, DecodedTransaction transaction)
      throws Refusal {
    Fields.matches(payload.getTerminalId(), Fields.TERMINAL_ID, "terminal_id");
    Fields.known(payload.getKind(), "kind");
    Fields.creditCode(payload.getOperatorCode(), "operator_code");
    Fields.publicKey(suite, payload.getPublicKey(), "public_key");
    Fields.optionalText(payload.getLocation(), "location", Fields.MAX_NAME_CHARS);
  }

  private void registerTerminal(RegisterTerminal payload, Execution execution) throws Refusal {
    StateWriter state = execution.state();
    Principal submitter = Principals.resolveActive(state, execution.transaction().submitter());
    permit(
        submitter.isDataBureau() || submitter.isDepartment(payload.getOperatorCode()),
        "a terminal is registered by its operating department or the data bureau");
    Department operator =
        IdentityState.department(state, payload.getOperatorCode())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.UNKNOWN_DEPARTMENT,
                        "operator " + payload.getOperatorCode() + " is not registered"));
    permit(
        operator.getStatus() == PrincipalStatus.ACTIVE,
        "operator " + operator.getCode() + " is " + operator.getStatus());
    if (IdentityState.terminal(state, payload.getTerminalId()).isPresent()) {
      throw new Refusal(
          RefusalCode.ALREADY_EXISTS, "terminal " + payload.getTerminalId() + " is registered");
    }
    requireUnboundKey(state, payload.getPublicKey());
    Terminal terminal =
        Terminal.newBuilder()
            .setTerminalId(payload.getTerminalId())
            .setKind(payload.getKind())
            .setOperatorCode(payload.getOperatorCode())
            .setPublicKey(payload.getPublicKey())
            .setStatus(PrincipalStatus.ACTIVE)
            .setLocation(payload.getLocation())
            .setVersion(1)
            .setUpdatedHeight(execution.height())
            .build();
    IdentityState.putTerminal(state, terminal);
    IdentityState.bindKey(
        state,
        payload.getPublicKey(),
        KeyBinding.newBuilder().setTerminalId(payload.getTerminalId()).build());
    state.put(
        IdentityState.operatorIndexKey(payload.getOperatorCode(), payload.getTerminalId()),
        Stored.INDEX_MARK);
  }

  // identity.set_terminal_status

  private static void checkSetTerminalStatus(
      SetTerminalStatus payload, DecodedTransaction transaction) throws Refusal {
    Fields.matches(payload.getTerminalId(), Fields.TERMINAL_ID, "terminal_id");
    require(payload.getExpectedVersion() >= 1, "expected_version is missing");
    Fields.known(payload.getNewStatus(), "new_status");
  }

  private static void setTerminalStatus(SetTerminalStatus payload, Execution execution)
      throws Refusal {
    StateWriter state = execution.state();
    Principal submitter = Principals.resolveActive(state, execution.transaction().submitter());
    Terminal terminal =
        IdentityState.terminal(state, payload.getTerminalId())
            .orElseThrow(
                () ->
                    new Refusal(
                        RefusalCode.NOT_FOUND,
                        "terminal " + payload.getTerminalId() + " is not registered"));
    permit(
        submitter.isDataBureau() || submitter.isDepartment(terminal.getOperatorCode()),
        "a terminal's status is changed by its operating department or the data bureau");
    requireVersion(terminal.getVersion(), payload.getExpectedVersion(), payload.getTerminalId());
    requireTransition(terminal.getStatus(), payload.getNewStatus(), payload.getTerminalId());
    IdentityState.putTerminal(
        state,
        terminal.toBuilder()
            .setStatus(payload.getNewStatus())
            .setVersion(terminal.getVersion() + 1)
            .setUpdatedHeight(execution.height())
            .build());
  }

  // identity.record_verification

  private static void checkRecordVerification(
      RecordVerification payload, DecodedTransaction transaction) throws Refusal {
    Fields.hash(payload.getSubject(), "subject");
    Fields.known(payload.getMethod(), "method");
    Fields.known(payload.getAssurance(), "assurance");
    Fields.known(payload.getResult(), "result");
    Fields.nonNegative(payload.getVerifiedAtMillis(), "verified_at_millis");
    if (payload.getAssurance().getNumber() > maximumAssurance(payload.getMethod()).getNumber()) {
      throw new Refusal(
          RefusalCode.ASSURANCE_EXCEEDS_METHOD,
          payload.getMethod() + " gives at most " + maximumAssurance(payload.getMethod()));
    }
  }

  private static void recordVerification(RecordVerification payload, Execution execution)
      throws Refusal {
    StateWriter state = execution.state();
    Principal submitter = Principals.resolveActive(state, execution.transaction().submitter());
    permit(submitter.isTerminal(), "verifications are recorded by the terminal that made them");
    long at = payload.getVerifiedAtMillis();
    if (at > execution.blockTimeMillis() + MAX_CLOCK_SKEW_MILLIS
        || at < execution.blockTimeMillis() - VERIFICATION_MAX_DELAY_MILLIS) {
      throw new Refusal(
          RefusalCode.TIME_OUT_OF_RANGE,
          "verified_at_millis "
              + at
              + " is not within a day before the block time "
              + execution.blockTimeMillis());
    }
    Hash id = execution.transactionId();
    Hash subject = Fields.hash(payload.getSubject(), "subject");
    Verification verification =
        Verification.newBuilder()
            .setSubject(payload.getSubject())
            .setTerminalId(submitter.terminal().orElseThrow().getTerminalId())
            .setMethod(payload.getMethod())
            .setAssurance(payload.getAssurance())
            .setVerifiedAtMillis(at)
            .setResult(payload.getResult())
            .setRecordedHeight(execution.height())
            .build();
    Stored.write(state, IdentityState.verificationKey(id), verification);
    state.put(IdentityState.subjectIndexKey(subject, at, id), Stored.INDEX_MARK);
  }

  // Shared rules.

  static void permit(boolean allowed, String message) throws Refusal {
    if (!allowed) {
      throw new Refusal(RefusalCode.NOT_PERMITTED, message);
    }
  }

  private static Department existingDepartment(StateWriter state, String code) throws Refusal {
    return IdentityState.department(state, code)
        .orElseThrow(
            () -> new Refusal(RefusalCode.NOT_FOUND, "department " + code + " is not registered"));
  }

  private static void requireVersion(int stored, int expected, String what) throws Refusal {
    if (stored != expected) {
      throw new Refusal(
          RefusalCode.VERSION_CONFLICT,
          what + " is at version " + stored + ", the update expects " + expected);
    }
  }

  private static void requireTransition(PrincipalStatus from, PrincipalStatus to, String what)
      throws Refusal {
    if (from == PrincipalStatus.RETIRED || from == to) {
      throw new Refusal(
          RefusalCode.INVALID_STATUS_TRANSITION, what + " cannot go from " + from + " to " + to);
    }
  }

  private static void requireUnboundKey(StateWriter state, ByteString rawKey) throws Refusal {
    if (IdentityState.keyBinding(state, rawKey).isPresent()) {
      throw new Refusal(
          RefusalCode.KEY_IN_USE, "the public key is already registered to another principal");
    }
  }
}
