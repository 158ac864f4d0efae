package org.govchain.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InvariantsTest {
  @Test
  void passingChecksDoNothing() {
    assertDoesNotThrow(() -> Invariants.check(true, "never"));
    assertDoesNotThrow(() -> Invariants.check(true, "height %d", 3L));
    assertDoesNotThrow(() -> Invariants.argument(true, "never"));
    assertEquals("x", Invariants.nonNull("x", "value"));
  }

  @Test
  void failingCheckStopsWithItsFormattedMessage() {
    InvariantViolation violation =
        assertThrows(
            InvariantViolation.class,
            () -> Invariants.check(false, "executed height %d before %d", 5L, 4L));
    assertEquals("executed height 5 before 4", violation.getMessage());
    // An invariant violation is an Error: a generic catch (Exception e) cannot swallow it.
    assertThrows(AssertionError.class, () -> Invariants.check(false, "x"));
  }

  @Test
  void failingArgumentCheckIsAnIllegalArgument() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Invariants.argument(false, "limit %d", 0L));
    assertEquals("limit 0", e.getMessage());
    assertThrows(InvariantViolation.class, () -> Invariants.nonNull(null, "block"));
  }
}
