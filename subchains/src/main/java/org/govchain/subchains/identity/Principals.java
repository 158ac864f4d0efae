package org.govchain.subchains.identity;

import java.util.Optional;
import org.govchain.core.InvariantViolation;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.state.StateReader;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.proto.Department;
import org.govchain.subchains.proto.KeyBinding;
import org.govchain.subchains.proto.Terminal;

/** Resolves submitter keys against the identity chain's registry. */
public final class Principals {
  private Principals() {}

  /** Who owns {@code key}; refuses a key no department or terminal is registered with. */
  public static Principal resolve(StateReader identity, PublicKey key) throws Refusal {
    Optional<KeyBinding> binding = IdentityState.keyBinding(identity, key.toByteString());
    if (binding.isEmpty()) {
      throw new Refusal(
          RefusalCode.SUBMITTER_NOT_REGISTERED,
          "key " + key.fingerprint().substring(0, 16) + " is not registered on the identity chain");
    }
    return switch (binding.get().getOwnerCase()) {
      case DEPARTMENT_CODE ->
          new Principal(Optional.empty(), department(identity, binding.get().getDepartmentCode()));
      case TERMINAL_ID -> {
        Terminal terminal = terminal(identity, binding.get().getTerminalId());
        yield new Principal(
            Optional.of(terminal), department(identity, terminal.getOperatorCode()));
      }
      case OWNER_NOT_SET -> throw new InvariantViolation("stored key binding has no owner");
    };
  }

  /** Resolves and requires the principal (and a terminal's operator) to be active. */
  public static Principal resolveActive(StateReader identity, PublicKey key) throws Refusal {
    return resolve(identity, key).requireActive();
  }

  private static Department department(StateReader identity, String code) {
    return IdentityState.department(identity, code)
        .orElseThrow(() -> new InvariantViolation("key bound to missing department " + code));
  }

  private static Terminal terminal(StateReader identity, String terminalId) {
    return IdentityState.terminal(identity, terminalId)
        .orElseThrow(() -> new InvariantViolation("key bound to missing terminal " + terminalId));
  }
}
