package org.govchain.subchains.identity;

import java.util.Optional;
import org.govchain.subchains.Refusal;
import org.govchain.subchains.RefusalCode;
import org.govchain.subchains.proto.Department;
import org.govchain.subchains.proto.DepartmentRole;
import org.govchain.subchains.proto.PrincipalStatus;
import org.govchain.subchains.proto.Terminal;

/**
 * Who a submitter key belongs to: a department, or a terminal and the department operating it.
 *
 * @param terminal the terminal, when the key is a terminal's
 * @param department the department itself, or the terminal's operating department
 */
public record Principal(Optional<Terminal> terminal, Department department) {
  public boolean isTerminal() {
    return terminal.isPresent();
  }

  /** The data bureau acting through its own key (not through one of its terminals). */
  public boolean isDataBureau() {
    return terminal.isEmpty() && department.getRole() == DepartmentRole.DATA_BUREAU;
  }

  /** The department itself acting (not one of its terminals) with {@code code}. */
  public boolean isDepartment(String code) {
    return terminal.isEmpty() && department.getCode().equals(code);
  }

  public String departmentCode() {
    return department.getCode();
  }

  /** "terminal:<id>" or "department:<code>": how records name who acted. */
  public String describe() {
    return terminal
        .map(value -> "terminal:" + value.getTerminalId())
        .orElse("department:" + department.getCode());
  }

  /** Refuses unless the principal (and, for a terminal, its operator) is active. */
  public Principal requireActive() throws Refusal {
    if (terminal.isPresent() && terminal.get().getStatus() != PrincipalStatus.ACTIVE) {
      throw new Refusal(
          RefusalCode.SUBMITTER_NOT_ACTIVE,
          "terminal " + terminal.get().getTerminalId() + " is " + terminal.get().getStatus());
    }
    if (department.getStatus() != PrincipalStatus.ACTIVE) {
      throw new Refusal(
          RefusalCode.SUBMITTER_NOT_ACTIVE,
          "department " + department.getCode() + " is " + department.getStatus());
    }
    return this;
  }
}
