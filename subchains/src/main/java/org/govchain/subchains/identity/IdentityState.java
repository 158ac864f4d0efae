package org.govchain.subchains.identity;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateReader;
import org.govchain.core.state.StateWriter;
import org.govchain.subchains.proto.Department;
import org.govchain.subchains.proto.KeyBinding;
import org.govchain.subchains.proto.Terminal;
import org.govchain.subchains.proto.Verification;
import org.govchain.subchains.state.StateKeys;
import org.govchain.subchains.state.Stored;

/** The identity chain's state layout: tables, indexes and typed access. */
public final class IdentityState {
  private IdentityState() {}

  public static ByteString departmentKey(String code) {
    return StateKeys.table("dept").text(code).build();
  }

  public static ByteString terminalKey(String terminalId) {
    return StateKeys.table("term").text(terminalId).build();
  }

  public static ByteString keyBindingKey(ByteString rawPublicKey) {
    return StateKeys.table("key").bytes(rawPublicKey).build();
  }

  public static ByteString nodeIdKey(String nodeId) {
    return StateKeys.table("node").text(nodeId).build();
  }

  public static ByteString verificationKey(Hash id) {
    return StateKeys.table("ver").hash(id).build();
  }

  static ByteString dataBureauKey() {
    return StateKeys.table("bureau").build();
  }

  /** Index: a subject's verifications in time order. */
  public static ByteString subjectIndexPrefix(Hash subject) {
    return StateKeys.table("ix-subject").hash(subject).build();
  }

  static ByteString subjectIndexKey(Hash subject, long verifiedAtMillis, Hash id) {
    return StateKeys.table("ix-subject").hash(subject).number(verifiedAtMillis).hash(id).build();
  }

  /** Index: the terminals a department operates. */
  public static ByteString operatorIndexPrefix(String departmentCode) {
    return StateKeys.table("ix-operator").text(departmentCode).build();
  }

  static ByteString operatorIndexKey(String departmentCode, String terminalId) {
    return StateKeys.table("ix-operator").text(departmentCode).text(terminalId).build();
  }

  public static Optional<Department> department(StateReader state, String code) {
    return Stored.read(state, departmentKey(code), Department.parser(), "department");
  }

  public static Optional<Terminal> terminal(StateReader state, String terminalId) {
    return Stored.read(state, terminalKey(terminalId), Terminal.parser(), "terminal");
  }

  public static Optional<KeyBinding> keyBinding(StateReader state, ByteString rawPublicKey) {
    return Stored.read(state, keyBindingKey(rawPublicKey), KeyBinding.parser(), "key binding");
  }

  public static Optional<Verification> verification(StateReader state, Hash id) {
    return Stored.read(state, verificationKey(id), Verification.parser(), "verification");
  }

  /** The data bureau's credit code, once registered. */
  public static Optional<String> dataBureau(StateReader state) {
    return state.get(dataBureauKey()).map(value -> value.toString(StandardCharsets.UTF_8));
  }

  static void putDepartment(StateWriter state, Department department) {
    Stored.write(state, departmentKey(department.getCode()), department);
  }

  static void putTerminal(StateWriter state, Terminal terminal) {
    Stored.write(state, terminalKey(terminal.getTerminalId()), terminal);
  }

  static void bindKey(StateWriter state, ByteString rawPublicKey, KeyBinding binding) {
    Stored.write(state, keyBindingKey(rawPublicKey), binding);
  }

  static void markDataBureau(StateWriter state, String code) {
    state.put(dataBureauKey(), ByteString.copyFromUtf8(code));
  }
}
